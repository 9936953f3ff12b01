import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startTemporaryEmbeddedPostgres } from '../../apps/server/src/db/embedded-postgres';

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

/** A throwaway embedded PostgreSQL, the one the tests use when DATABASE_URL is unset. */
async function embeddedDatabase(): Promise<BenchDatabase> {
  const server = await startTemporaryEmbeddedPostgres({
    // pg_stat_statements counts B2's statements; it loads only at server start.
    shared_preload_libraries: 'pg_stat_statements',
  });
  const database = await freshDatabaseOn(server.superuserUrl, ' (embedded)').catch(
    async (error: unknown) => {
      await server.stop();
      throw error;
    },
  );
  return { ...database, drop: () => server.stop() };
}

/** DATABASE_URL's server when it is set, else an embedded PostgreSQL. */
export function startDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  return serverUrl ? freshDatabaseOn(serverUrl, '') : embeddedDatabase();
}
