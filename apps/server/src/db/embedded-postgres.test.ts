import { statSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type DatabaseError } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

const quiet = { info: () => undefined, warn: () => undefined };

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The error PostgreSQL answers with, as its SQLSTATE code. */
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => 'accepted',
    (error: DatabaseError) => error.code,
  );

const portOf = (url: string) => Number(new URL(url).port);

describe('embedded PostgreSQL', () => {
  let dataDir: string;
  let postgres: EmbeddedPostgres | undefined;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'secrets-embedded-pg-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user
  });
  afterEach(async () => {
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses postgres/postgres, serves the server as a role that is no superuser, and keeps its data across a restart', async () => {
    postgres = await startEmbeddedPostgres(dataDir, quiet);
    const port = portOf(postgres.url);

    // The well-known login of the past is refused on the port (invalid_password).
    const known = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres' });
    expect(await refusal(known.connect())).toBe('28P01');

    // The passwords are random, in a file only its owner reads.
    const credentialsFile = join(dataDir, 'postgres-credentials.json');
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    expect(await readFile(credentialsFile, 'utf8')).not.toContain('"postgres"');

    // The server's role owns its database but cannot run programs or read server files.
    const [role] = await query(
      postgres.url,
      `SELECT current_user AS name, r.rolsuper, r.rolcreaterole, r.rolcreatedb, d.datdba::regrole::text AS owner
       FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
    );
    expect(role).toEqual({
      name: 'secrets',
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owner: 'secrets',
    });
    await query(postgres.url, 'CREATE TABLE loot (line text)');
    expect(
      await refusal(query(postgres.url, `COPY loot FROM PROGRAM 'cat ${credentialsFile}'`)),
    ).toBe('42501'); // insufficient_privilege
    expect(await refusal(query(postgres.url, `SELECT pg_read_file('${credentialsFile}')`))).toBe(
      '42501',
    );

    await query(postgres.url, "INSERT INTO loot VALUES ('before the restart')");
    const first = postgres.url;
    await postgres.stop();
    postgres = await startEmbeddedPostgres(dataDir, quiet);
    expect(new URL(postgres.url).password).toBe(new URL(first).password);
    expect(await query(postgres.url, 'SELECT line FROM loot')).toEqual([
      { line: 'before the restart' },
    ]);
  }, 120_000);

  it('moves a cluster from the fixed postgres/postgres login to random passwords, keeping its tables', async () => {
    // A cluster as earlier versions left it: superuser postgres/postgres, tables it owns.
    postgres = await startEmbeddedPostgres(dataDir, quiet);
    await query(
      postgres.superuserUrl,
      "ALTER ROLE postgres PASSWORD 'postgres'; ALTER DATABASE secrets OWNER TO postgres",
    );
    const asSuperuser = new URL(postgres.superuserUrl);
    asSuperuser.password = 'postgres';
    asSuperuser.pathname = '/secrets';
    await query(
      asSuperuser.toString(),
      "CREATE TABLE old (v text); INSERT INTO old VALUES ('kept'); ALTER SCHEMA public OWNER TO postgres",
    );
    await postgres.stop();
    await unlink(join(dataDir, 'postgres-credentials.json'));

    postgres = await startEmbeddedPostgres(dataDir, quiet);
    const known = new Client({
      host: '127.0.0.1',
      port: portOf(postgres.url),
      user: 'postgres',
      password: 'postgres',
    });
    expect(await refusal(known.connect())).toBe('28P01');
    expect(await query(postgres.url, 'SELECT v FROM old')).toEqual([{ v: 'kept' }]);
    await query(postgres.url, "INSERT INTO old VALUES ('by the role')"); // the role owns it now
  }, 120_000);
});
