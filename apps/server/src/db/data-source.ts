import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { poolTypes } from './timestamps';

export interface PoolLimits {
  /**
   * statement_timeout of every pooled connection (server-side, so a slow statement is
   * cancelled and its connection stays usable), and how long a request waits for a
   * connection, so that a database that does not answer fails requests instead of holding them.
   */
  statementTimeoutMs: number;
}

/** `entities` come from the composition root (src/entities.ts): db/ knows no feature. */
export function createDataSource(
  url: string,
  entities: DataSourceOptions['entities'],
  limits?: PoolLimits,
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    // PostgreSQL 13+ has gen_random_uuid() built in; no extension to create at every start.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
    extra: {
      max: 20,
      application_name: 'secrets-server',
      types: poolTypes,
      ...(limits && {
        statement_timeout: limits.statementTimeoutMs,
        connectionTimeoutMillis: limits.statementTimeoutMs,
      }),
    },
  });
}
