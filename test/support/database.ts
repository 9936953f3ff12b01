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
 * Runs `work` while the audit log refuses rows of `action` (SECRET_USED, SECRET_CREATED), as
 * a full disk or a lost replica would; `database` is the test server's data source or a pg
 * client on its database.
 */
export async function whileAuditRefuses<T>(
  database: { query(sql: string): Promise<unknown> },
  action: 'SECRET_USED' | 'SECRET_CREATED',
  work: () => Promise<T>,
): Promise<T> {
  await database.query(`
    CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.action = '${action}' THEN RAISE EXCEPTION 'audit log unavailable'; END IF;
      RETURN NEW;
    END $$`);
  await database.query(
    'CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit()',
  );
  try {
    return await work();
  } finally {
    await database.query('DROP TRIGGER refuse_audit ON audit_events');
    await database.query('DROP FUNCTION refuse_audit()');
  }
}

/** The PostgreSQL backend (process id) that serves `client`. */
export async function backendPid(client: Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = rows[0]?.pid;
  if (pid === undefined) throw new Error('PostgreSQL named no backend.');
  return pid;
}

/**
 * Resolves once `count` other sessions wait for a lock that backend `pid` holds, directly or
 * queued behind another waiter (as a row lock queues them), as PostgreSQL's own lock graph
 * shows it (`pg_blocking_pids`): a condition to wait on, not a sleep. Asked from a
 * connection of its own, since activity statistics stay fixed inside a transaction.
 */
export async function untilBlockedBy(
  url: string,
  pid: number,
  { count = 1, timeoutMs = 10_000 }: { count?: number; timeoutMs?: number } = {},
): Promise<void> {
  const observer = new Client({ connectionString: url });
  await observer.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await observer.query(
        `WITH RECURSIVE waiting(pid) AS (
           SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))
           UNION
           SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid))
         ) SELECT pid FROM waiting`,
        [pid],
      );
      if (rows.length >= count) return;
      if (Date.now() > deadline)
        throw new Error(
          `${rows.length} of ${count} sessions waited for a lock of backend ${pid} within ${timeoutMs} ms.`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await observer.end();
  }
}

/**
 * An UPDATE of the secret versions of the secret in `$1` that flips every bit of the byte at
 * `offset` (from 0) of their bytea `column`: an alteration that always changes the stored
 * bytes, where overwriting a byte with a fixed one changes nothing once in 256 runs.
 */
export const flipByte = (column: 'encrypted_value' | 'encrypted_data_key', offset: number) =>
  `UPDATE secret_versions SET ${column} = set_byte(${column}, ${offset}, get_byte(${column}, ${offset}) # 255)
   WHERE secret_id = $1`;
