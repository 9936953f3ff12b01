// Recording HTTP(S) peers on 127.0.0.1 for tests of outgoing requests. The HTTPS peer's
// certificate comes from the test CA made by global-setup.ts, which Node trusts through
// NODE_EXTRA_CA_CERTS, so the code under test reaches it with no test-only TLS options.
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { generate } from 'selfsigned';

export interface ReceivedRequest {
  method: string;
  /** The path and query, as sent on the request line. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The whole body, as UTF-8 text. */
  body: string;
}

export type PeerHandler = (
  request: ReceivedRequest,
  response: ServerResponse,
) => void | Promise<void>;

export interface TestPeer {
  /** Where to send requests, e.g. `https://127.0.0.1:PORT`; append a path to it. */
  url: string;
  /** The scheme, host and port, e.g. `https://127.0.0.1:PORT`. */
  origin: string;
  /** Every request so far, oldest first, each recorded before its handler runs. */
  received: ReceivedRequest[];
  /**
   * The TLS server name (SNI) of every handshake that sent one, oldest first, recorded from
   * the client's hello, so also when the handshake then fails. Kept by startHttpsPeer's
   * peers only.
   */
  serverNames: string[];
  /** How many TCP connections the peer has accepted. */
  connections(): number;
  /** Replaces the handler for the requests that come next. */
  setHandler(handler: PeerHandler): void;
  /** Stops listening and destroys open connections, even those still waiting for an answer. */
  close(): Promise<void>;
}

type PeerServer = ReturnType<typeof createHttpServer> | ReturnType<typeof createHttpsServer>;

const answerOk: PeerHandler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

async function startPeer(
  scheme: 'http' | 'https',
  handler: PeerHandler,
  create: (listener: (request: IncomingMessage, response: ServerResponse) => void) => PeerServer,
  serverNames: string[] = [],
): Promise<TestPeer> {
  const received: ReceivedRequest[] = [];
  let current = handler;
  let connections = 0;

  const server = create((request, response) => {
    void (async () => {
      try {
        const body = await readBody(request);
        const entry: ReceivedRequest = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: { ...request.headers },
          body,
        };
        received.push(entry);
        await current(entry, response);
      } catch (error) {
        if (!response.headersSent) {
          response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
        } else {
          response.destroy(error instanceof Error ? error : new Error(String(error)));
        }
      }
    })();
  });

  server.on('connection', () => connections++);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${scheme}://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }));

  return {
    url: origin,
    origin,
    received,
    serverNames,
    connections: () => connections,
    setHandler: (next) => {
      current = next;
    },
    close,
  };
}

const requiredEnv = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set: run the tests with jest from the repository root, ` +
        'whose globalSetup (test/support/global-setup.ts) creates the test certificates.',
    );
  }
  return value;
};

let trustChecked: Promise<void> | undefined;

/**
 * Fails clearly, once per process, if this process does not trust the test CA. Node reads
 * NODE_EXTRA_CA_CERTS only when a process starts, so the trust holds in jest's workers, which
 * start after globalSetup, but not in jest's own process when it runs tests in band.
 */
const checkTrust = (port: number): Promise<void> =>
  (trustChecked ??= new Promise<void>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const { authorized, authorizationError } = socket;
      socket.destroy();
      if (authorized) {
        resolve();
        return;
      }
      reject(
        new Error(
          `This process does not trust the test CA (${String(authorizationError)}). ` +
            'Node reads NODE_EXTRA_CA_CERTS when a process starts, so tests must run in jest ' +
            'workers, started after globalSetup set it, not in band in jest’s own process.',
        ),
      );
    });
    socket.once('error', reject);
  }));

/** Starts an HTTPS peer on 127.0.0.1 with the test certificate; by default it answers 200 `ok`. */
export async function startHttpsPeer(handler: PeerHandler = answerOk): Promise<TestPeer> {
  const key = readFileSync(requiredEnv('TEST_TLS_KEY'));
  const cert = readFileSync(requiredEnv('TEST_TLS_CERT'));
  const serverNames: string[] = [];
  const peer = await startPeer(
    'https',
    handler,
    (listener) =>
      createHttpsServer(
        {
          key,
          cert,
          // Called with the name the client's hello carries; no context keeps the default one.
          SNICallback: (serverName, done) => {
            serverNames.push(serverName);
            done(null, undefined);
          },
        },
        listener,
      ),
    serverNames,
  );
  try {
    await checkTrust(Number(new URL(peer.origin).port));
  } catch (error) {
    await peer.close();
    throw error;
  }
  return peer;
}

/**
 * Starts an HTTPS peer on 127.0.0.1 whose certificate is valid in every way (names, dates,
 * usage) but its issuer: a CA of its own, which nothing trusts. Its log shows whether any
 * request got past the TLS handshake.
 */
export async function startUntrustedHttpsPeer(handler: PeerHandler = answerOk): Promise<TestPeer> {
  const otherCa = await generate([{ name: 'commonName', value: 'Untrusted Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ca: { key: otherCa.private, cert: otherCa.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
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
  return startPeer('https', handler, (listener) =>
    createHttpsServer({ key: leaf.private, cert: leaf.cert }, listener),
  );
}

/** Starts a plain HTTP peer on 127.0.0.1; by default it answers 200 `ok`. */
export async function startHttpPeer(handler: PeerHandler = answerOk): Promise<TestPeer> {
  return startPeer('http', handler, (listener) => createHttpServer(listener));
}

/**
 * A recording HTTPS peer for a test file or block: started before its tests and closed after
 * them; read `peer` inside a test.
 */
export function useHttpsPeer(): { readonly peer: TestPeer } {
  let peer: TestPeer | undefined;
  beforeAll(async () => {
    peer = await startHttpsPeer();
  });
  afterAll(async () => {
    await peer?.close();
  });
  return {
    get peer() {
      if (!peer) throw new Error('The HTTPS peer starts in beforeAll.');
      return peer;
    },
  };
}
