import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Pki {
  /** The CA's certificate file, for the product's NODE_EXTRA_CA_CERTS. */
  caFile: string;
  caPem: string;
  /** The peer's key and certificate files, for 127.0.0.1 and localhost. */
  keyFile: string;
  certFile: string;
  remove(): void;
}

const TLS_MODULE = resolve(__dirname, '../../test/support/tls.mjs');

/**
 * The tests' throwaway PKI (test/support/tls.mjs), made in a plain Node.js process: the
 * module is ESM, which this process's TypeScript loader would turn into CommonJS.
 */
export function createPki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-bench-tls-'));
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { createTestPki } from ${JSON.stringify(TLS_MODULE)}; await createTestPki(process.argv[1]);`,
      dir,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const caFile = join(dir, 'ca.pem');
  return {
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
    keyFile: join(dir, 'server-key.pem'),
    certFile: join(dir, 'server-cert.pem'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
