import { existsSync, readFileSync, statSync } from 'node:fs';
import { chmod, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type DatabaseError } from 'pg';
import { launch, waitForUrl } from './support/child-server';
import { subscribe, waitFor } from './support/ws';
import { EXPIRY_WARNINGS } from './support/live';

/** Logs in as the first admin; true when the password is accepted. */
async function logsIn(url: string, password: string): Promise<boolean> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation($p: String!) { login(email: "admin@localhost", password: $p) { expiresAt } }',
      variables: { p: password },
    }),
  });
  const body = (await response.json()) as { data?: { login?: unknown } };
  return Boolean(body.data?.login);
}

/** How the embedded PostgreSQL under `dataDir` answers the well-known postgres/postgres. */
async function knownLoginRefusal(dataDir: string): Promise<string> {
  // postmaster.pid: pid, data directory, start time, port, ...
  const pidFile = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8');
  const port = Number(pidFile.split('\n')[3]);
  const known = new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres' });
  return known.connect().then(
    () => known.end().then(() => 'accepted'),
    (error: DatabaseError) => error.code ?? error.message,
  );
}

/** Serves one run of the server under `dataDir` until SIGTERM; returns its output. */
async function serveOnce(
  dataDir: string,
  during: (url: string, output: string) => Promise<void>,
): Promise<string> {
  const { child, output, exited } = launch({ DATA_DIR: dataDir, PORT: '0' });
  try {
    const url = await waitForUrl(output, exited);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await during(url, output());
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  return output();
}

describe('start-up', () => {
  it('serves /healthz through an embedded PostgreSQL when DATABASE_URL is unset, and stops it on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'secrets-startup-'));
    await chmod(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach it
    const { child, output, exited } = launch({ DATA_DIR: dataDir, PORT: '0' });
    try {
      const url = await waitForUrl(output, exited);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(output()).toContain('embedded PostgreSQL started');
      expect(output()).toMatch(/First admin: admin@localhost \/ \S+ \(shown once\)/);
      expect(statSync(join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
      // Nobody logs in to its PostgreSQL with the well-known password (invalid_password).
      expect(await knownLoginRefusal(dataDir)).toBe('28P01');

      // A subscriber is told the server is going away (1001) when it stops.
      const password = /admin@localhost \/ (\S+)/.exec(output())?.[1] ?? '';
      const login = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation($p: String!) { login(email: "admin@localhost", password: $p) { expiresAt } }',
          variables: { p: password },
        }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const subscriber = await subscribe(url, EXPIRY_WARNINGS, {}, { cookie });
      expect(subscriber.closeCode()).toBeUndefined();
      child.kill('SIGTERM');
      await waitFor(() => subscriber.closeCode() !== undefined, 'the subscriber to be closed');
      expect(subscriber.closeCode()).toBe(1001);
      await subscriber.dispose();
      expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // The embedded PostgreSQL stopped with the server and removed its pid file.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  }, 90_000);

  it('refuses to start on a DATA_DIR a running server uses, and leaves that server its database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'secrets-startup-'));
    await chmod(dataDir, 0o755);
    try {
      await serveOnce(dataDir, async (url) => {
        const second = launch({ DATA_DIR: dataDir, PORT: '0' });
        expect(await second.exited).toBe(1);
        expect(second.output()).toMatch(/Another server \(pid \d+\) is running on /);
        // Its embedded PostgreSQL was not stopped under it: the first server still reads.
        expect((await fetch(`${url}/readyz`)).status).toBe(200);
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  // As root, PostgreSQL runs as the postgres user, who cannot enter a folder such as root's
  // home or one made by `mktemp -d`: the cluster then lives where that user can reach it.
  (process.getuid?.() === 0 ? it : it.skip)(
    'starts as root with DATA_DIR in a folder closed to the postgres user, and keeps its data across a restart',
    async () => {
      const closed = await mkdtemp(join(tmpdir(), 'secrets-closed-'));
      expect(statSync(closed).mode & 0o777).toBe(0o700);
      const dataDir = join(closed, 'data');
      try {
        let adminPassword = '';
        await serveOnce(dataDir, async (url, output) => {
          adminPassword = /admin@localhost \/ (\S+)/.exec(output)?.[1] ?? '';
          expect(await logsIn(url, adminPassword)).toBe(true);
          expect(await knownLoginRefusal(dataDir)).toBe('28P01');
        });
        // The second start finds the same database: the first admin is still there.
        const second = await serveOnce(dataDir, async (url) => {
          expect(await logsIn(url, adminPassword)).toBe(true);
        });
        expect(second).not.toContain('First admin');
      } finally {
        const cluster = await realpath(join(dataDir, 'postgres')).catch(() => undefined);
        if (cluster) await rm(cluster, { recursive: true, force: true });
        await rm(closed, { recursive: true, force: true });
      }
    },
    180_000,
  );

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ SECRETS_MASTER_KEY: 'too-short' }, 'SECRETS_MASTER_KEY'],
    [{ NODE_ENV: 'production' }, 'SECRETS_MASTER_KEY'],
    [{ EXPIRY_WARNING_DAYS: 'soon' }, 'EXPIRY_WARNING_DAYS'],
  ])(
    'exits non-zero with one line naming the variable for %j',
    async (env, name) => {
      const { output, exited } = launch({ DATA_DIR: join(tmpdir(), 'unused'), ...env });
      expect(await exited).toBe(1);
      const lines = output().trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^Invalid configuration: ${name}: `));
      expect(output()).not.toContain('too-short');
    },
    30_000,
  );
});
