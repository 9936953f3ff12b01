// Tests use the PostgreSQL server named by DATABASE_URL, each test file creating its own
// database in it. Without DATABASE_URL, an embedded PostgreSQL in a temporary directory
// serves instead, so that `pnpm test` needs nothing but Node.js.
//
// It also creates a throwaway CA and a server certificate for HTTPS test peers on 127.0.0.1,
// trusted through NODE_EXTRA_CA_CERTS: jest workers, spawned after this, inherit the variable,
// and Node reads it when a process starts. TEST_TLS_KEY and TEST_TLS_CERT name the server's files.
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EmbeddedPostgresError,
  startTemporaryEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../apps/server/src/db/embedded-postgres';

declare global {
  /** Kept across runs in watch mode, and for global-teardown.ts. */
  var __userExtraCaCerts: string | undefined;
  var __embeddedPostgres: EmbeddedPostgres | undefined;
}

async function setUpTls() {
  const dir = await mkdtemp(join(tmpdir(), 'secrets-test-tls-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  // ESM, loaded through Node's require(esm) in this CommonJS build.
  const { createTestPki } = await import('./tls.mjs');
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
      console.warn(
        `\nCannot read NODE_EXTRA_CA_CERTS=${userCaFile}: ${error instanceof Error ? error.message : String(error)}`,
      );
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
  const postgres = await startTemporaryEmbeddedPostgres().catch((error: unknown) => {
    // One line saying what to change, rather than a stack trace.
    if (!(error instanceof EmbeddedPostgresError)) throw error;
    console.error(`\n${error.message}`);
    process.exit(1);
  });
  globalThis.__embeddedPostgres = postgres;
  process.env.DATABASE_URL = postgres.superuserUrl;
  console.log(
    `\nNo DATABASE_URL: tests use an embedded PostgreSQL (${new URL(postgres.url).host}).`,
  );
}

export default async function globalSetup() {
  await setUpTls();
  await setUpPostgres();
}
