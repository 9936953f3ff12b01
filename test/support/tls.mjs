// A throwaway PKI for tests: a CA, and a server certificate it signs for localhost and
// 127.0.0.1. Tests trust the CA the way production code would trust any private CA, through
// NODE_EXTRA_CA_CERTS, so the code under test needs no test-only TLS options.
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `selfsigned` is a devDependency of the test package, which pnpm does not hoist to the root. */
export async function loadSelfsigned() {
  const testRequire = createRequire(join(import.meta.dirname, '../package.json'));
  return import(pathToFileURL(testRequire.resolve('selfsigned')).href);
}

const DAY = 24 * 60 * 60 * 1000;

/** Validity from a day ago (clock skew) to a week ahead: long enough for any test run. */
const validity = () => {
  const now = Date.now();
  return { notBeforeDate: new Date(now - DAY), notAfterDate: new Date(now + 7 * DAY) };
};

/**
 * Generates a CA and a server certificate signed by it, valid for DNS `localhost` and
 * IP `127.0.0.1`. Returns the PEM texts; `createTestPki` also writes them to files.
 */
export async function generateTestPki(caName = 'Secrets Test CA') {
  const selfsigned = await loadSelfsigned();
  const ca = await selfsigned.generate([{ name: 'commonName', value: caName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { caCert: ca.cert, serverKey: server.private, serverCert: server.cert };
}

/**
 * Writes `ca.pem`, `server-key.pem` and `server-cert.pem` into `dir` and returns their paths.
 */
export async function createTestPki(dir) {
  const { caCert, serverKey, serverCert } = await generateTestPki();
  const paths = {
    ca: join(dir, 'ca.pem'),
    key: join(dir, 'server-key.pem'),
    cert: join(dir, 'server-cert.pem'),
  };
  await writeFile(paths.ca, caCert);
  await writeFile(paths.key, serverKey, { mode: 0o600 });
  await writeFile(paths.cert, serverCert);
  return paths;
}
