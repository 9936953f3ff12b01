// The HTTPS test peers are trusted the way production code trusts a private CA: through
// NODE_EXTRA_CA_CERTS, set by global-setup.ts, with no TLS options in the requests below.
import { readFileSync } from 'node:fs';
import { get, type RequestOptions } from 'node:https';
import { X509Certificate } from 'node:crypto';
import {
  startHttpPeer,
  startHttpsPeer,
  startUntrustedHttpsPeer,
  type TestPeer,
} from './https-peer';

const peers: TestPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
});

const started = (peer: TestPeer): TestPeer => {
  peers.push(peer);
  return peer;
};

/** GET with node:https and no TLS options beyond the URL's. */
const httpsGet = (url: string, options: RequestOptions = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get(url, options, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    }).on('error', reject);
  });

/** The code of the error under a fetch failure, or of a node:https error. */
const errorCode = (error: unknown): unknown => {
  const { cause } = error as { cause?: { code?: unknown } };
  return cause?.code ?? (error as { code?: unknown }).code;
};

const CERTIFICATE_ERRORS = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
];

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

describe('test PKI', () => {
  it('puts the CA of the peers’ certificate in NODE_EXTRA_CA_CERTS', () => {
    const bundle = readFileSync(process.env.NODE_EXTRA_CA_CERTS ?? '', 'utf8');
    const cas = (
      bundle.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []
    ).map((pem) => new X509Certificate(pem));
    const server = new X509Certificate(readFileSync(process.env.TEST_TLS_CERT ?? ''));
    expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(server.ca).toBe(false);
    const issuer = cas.find((ca) => server.checkIssued(ca) && server.verify(ca.publicKey));
    expect(issuer?.ca).toBe(true);
  });
});

describe('HTTPS peer', () => {
  it('is trusted by global fetch without options, and records the request', async () => {
    const peer = started(await startHttpsPeer());
    expect(peer.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const response = await fetch(`${peer.url}/hooks/deploy?attempt=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer s3cret' },
      body: JSON.stringify({ hello: 'world' }),
    });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(peer.received).toEqual([
      {
        method: 'POST',
        url: '/hooks/deploy?attempt=1',
        headers: expect.objectContaining({
          'content-type': 'application/json',
          authorization: 'Bearer s3cret',
          host: new URL(peer.origin).host,
        }) as unknown,
        body: '{"hello":"world"}',
      },
    ]);
  });

  it('is trusted by node:https, for 127.0.0.1 and for localhost', async () => {
    const peer = started(await startHttpsPeer());
    await expect(httpsGet(`${peer.url}/a`)).resolves.toEqual({ status: 200, body: 'ok' });
    // Connect to 127.0.0.1, but check the certificate against the name localhost.
    await expect(httpsGet(`${peer.url}/b`, { servername: 'localhost' })).resolves.toEqual({
      status: 200,
      body: 'ok',
    });
    expect(peer.received.map((request) => request.url)).toEqual(['/a', '/b']);
  });

  it('answers with the handler, which setHandler replaces, after recording the request', async () => {
    const seen: number[] = [];
    const peer = started(
      await startHttpsPeer((request, response) => {
        seen.push(peer.received.length);
        response.writeHead(201).end(`first ${request.body}`);
      }),
    );
    const first = await fetch(peer.url, { method: 'PUT', body: 'one' });
    expect([first.status, await first.text()]).toEqual([201, 'first one']);

    peer.setHandler(async (_request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      response.writeHead(503).end('later');
    });
    const second = await fetch(peer.url);
    expect([second.status, await second.text()]).toEqual([503, 'later']);
    expect(seen).toEqual([1]);
    expect(peer.received.map((request) => request.method)).toEqual(['PUT', 'GET']);
  });

  it('answers 500 when the handler throws', async () => {
    const peer = started(
      await startHttpsPeer(() => {
        throw new Error('handler broke');
      }),
    );
    const response = await fetch(peer.url);
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('handler broke');
  });

  it('closes promptly while a handler never answers', async () => {
    const peer = await startHttpsPeer(() => new Promise<void>(() => {}));
    const pending = fetch(`${peer.url}/slow`, { method: 'POST', body: 'wait' });
    const outcome = rejection(pending);
    while (peer.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    const start = Date.now();
    await peer.close();
    expect(Date.now() - start).toBeLessThan(1000);
    await peer.close(); // closing twice is harmless
    expect(await outcome).toMatchObject({ message: 'fetch failed' });
    expect(peer.received).toEqual([expect.objectContaining({ url: '/slow', body: 'wait' })]);
  });
});

describe('a server whose certificate comes from another CA', () => {
  it('is refused by fetch and by node:https', async () => {
    const peer = started(await startUntrustedHttpsPeer());
    const url = `${peer.url}/`;
    const fetchError = await rejection(fetch(url));
    expect(CERTIFICATE_ERRORS).toContain(errorCode(fetchError));
    const httpsError = await rejection(httpsGet(url));
    expect(CERTIFICATE_ERRORS).toContain(errorCode(httpsError));
    expect(peer.received).toEqual([]);
  });
});

describe('HTTP peer', () => {
  it('serves plain http and records the request', async () => {
    const peer = started(await startHttpPeer());
    expect(peer.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${peer.url}/plain`, { method: 'POST', body: 'no secrets here' });
    expect([response.status, await response.text()]).toEqual([200, 'ok']);
    expect(peer.received).toEqual([
      expect.objectContaining({ method: 'POST', url: '/plain', body: 'no secrets here' }),
    ]);
  });
});
