import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL is not set: run the tests through jest (global-setup.ts).');
  return url;
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the test server, for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `secrets_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/**
 * Runs `work` while the audit log refuses SECRET_USED rows, as a full disk or a lost replica
 * would; `database` is the test server's data source or a pg client on its database.
 */
export async function whileSecretUseUnaudited<T>(
  database: { query(sql: string): Promise<unknown> },
  work: () => Promise<T>,
): Promise<T> {
  await database.query(`
    CREATE FUNCTION refuse_secret_use() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.action = 'SECRET_USED' THEN RAISE EXCEPTION 'audit log unavailable'; END IF;
      RETURN NEW;
    END $$`);
  await database.query(
    'CREATE TRIGGER refuse_secret_use BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_secret_use()',
  );
  try {
    return await work();
  } finally {
    await database.query('DROP TRIGGER refuse_secret_use ON audit_events');
    await database.query('DROP FUNCTION refuse_secret_use()');
  }
}
