import type { Logger } from 'pino';
import { MigrationExecutor, type DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

export interface Database {
  dataSource: DataSource;
  /** For connections of its own, such as LISTEN. */
  url: string;
  close(): Promise<void>;
}

/** Any fixed number shared by every replica: it serialises their migrations. */
const MIGRATION_LOCK = 724_311_001;

/**
 * Connects to DATABASE_URL, or to an embedded PostgreSQL under DATA_DIR when it is unset,
 * and brings the schema up to date. Replicas starting together take turns on an advisory
 * lock, so that each migration runs once.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  entities: DataSourceOptions['entities'],
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.DATA_DIR, logger);
    url = embedded.url;
  }
  const dataSource = createDataSource(url, entities, {
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  try {
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    try {
      // A migration may rewrite a large table: it is not held to the statement timeout.
      await runner.query('SET statement_timeout = 0');
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      const migrations = new MigrationExecutor(dataSource, runner);
      migrations.transaction = 'each';
      const applied = await migrations.executePendingMigrations();
      if (applied.length > 0)
        logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await runner.query('RESET statement_timeout').catch(() => undefined);
      await runner.release();
    }
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    url,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
