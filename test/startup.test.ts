import { existsSync, statSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, waitForUrl } from './support/child-server';
import { subscribe, waitFor } from './support/ws';
import { EXPIRY_WARNINGS } from './support/live';

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
