import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import {
  CreateConnectionMutation,
  CreateSecretMutation,
  CreateWorkflowMutation,
  RunWorkflowMutation,
  TestConnectionMutation,
} from '../support/operations';
import { uniqueName } from '../support/names';
import { startTestServer, type TestServer } from '../support/server';

/** A loopback listener that only counts the connections it gets: it must get none. */
async function startCanary(
  host = '127.0.0.1',
): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, port, connections: () => connections };
}

let server: TestServer;
let admin: { cookie: string };
let canary: Awaited<ReturnType<typeof startCanary>>;

async function runStep(url: string) {
  const saved = await server.mutate(
    CreateWorkflowMutation,
    {
      input: {
        name: uniqueName('ssrf'),
        steps: [{ name: 'probe', method: 'GET', url, headers: [] }],
      },
    },
    admin,
  );
  const id = saved.createWorkflow.id;
  const run = await server.request(RunWorkflowMutation, { id }, admin);
  return run.data?.runWorkflow.steps[0];
}

beforeAll(async () => {
  canary = await startCanary();
  // The defaults: loopback and private ranges denied, nothing allowed.
  server = await startTestServer({ env: { OUTBOUND_ALLOW_CIDRS: '' } });
  admin = await server.login();
});
afterAll(async () => {
  canary.server.close();
  await server.stop();
});

describe('outgoing requests refuse denied destinations (OUTBOUND_DENY_CIDRS)', () => {
  it.each([
    ['a loopback address', (port: number) => `http://127.0.0.1:${port}/`],
    ['a decimal IPv4', (port: number) => `http://2130706433:${port}/`],
    ['a hexadecimal IPv4', (port: number) => `http://0x7f000001:${port}/`],
    ['an octal IPv4', (port: number) => `http://017700000001:${port}/`],
    ['a short IPv4', (port: number) => `http://127.1:${port}/`],
    ['an IPv4-mapped IPv6', (port: number) => `http://[::ffff:127.0.0.1]:${port}/`],
    ['a name that resolves to loopback', (port: number) => `http://localhost:${port}/`],
    ['https to loopback', (port: number) => `https://127.0.0.1:${port}/`],
  ])('%s fails with BLOCKED_DESTINATION and connects nowhere', async (_label, url) => {
    const step = await runStep(url(canary.port));
    expect(step).toMatchObject({ status: 'FAILED', errorCode: 'BLOCKED_DESTINATION' });
    expect(canary.connections()).toBe(0);
  });

  it('refuses a connection test to a denied base URL, sending nothing', async () => {
    const secret = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: uniqueName('ssrf'), value: 'must-not-leave' } },
      admin,
    );
    const created = await server.request(
      CreateConnectionMutation,
      {
        input: {
          name: 'internal',
          provider: 'internal',
          baseUrl: `https://127.0.0.1:${canary.port}/`,
          authScheme: 'BEARER',
          secretId: secret.data?.createSecret.id ?? '',
        },
      },
      admin,
    );
    const result = await server.request(
      TestConnectionMutation,
      { id: created.data?.createConnection.id ?? '' },
      admin,
    );
    expect(result.data?.testConnection).toMatchObject({
      ok: false,
      errorCode: 'BLOCKED_DESTINATION',
    });
    expect(canary.connections()).toBe(0);
  });
});

describe('every redirect hop is checked', () => {
  let allowedServer: TestServer;
  const relayed: string[] = [];
  // Only 127.0.0.2 is allowed: a relay there redirects to the canary on 127.0.0.1.
  const relay = createHttpServer((request, response) => {
    relayed.push(request.url ?? '');
    response.writeHead(302, { location: `http://127.0.0.1:${canary.port}/metadata` }).end();
  });

  beforeAll(async () => {
    allowedServer = await startTestServer({ env: { OUTBOUND_ALLOW_CIDRS: '127.0.0.2/32' } });
    await new Promise<void>((done) => relay.listen(0, '127.0.0.2', done));
  });
  afterAll(async () => {
    relay.closeAllConnections();
    relay.close();
    await allowedServer.stop();
  });

  it('fails a redirect to a denied address with BLOCKED_DESTINATION', async () => {
    const session = await allowedServer.login();
    const address = relay.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const saved = await allowedServer.request(
      CreateWorkflowMutation,
      {
        input: {
          name: 'relay',
          steps: [
            { name: 'hop', method: 'GET', url: `http://127.0.0.2:${port}/start`, headers: [] },
          ],
        },
      },
      session,
    );
    const run = await allowedServer.request(
      RunWorkflowMutation,
      { id: saved.data?.createWorkflow.id ?? '' },
      session,
    );
    expect(run.data?.runWorkflow.steps[0]).toMatchObject({
      status: 'FAILED',
      errorCode: 'BLOCKED_DESTINATION',
    });
    expect(relayed).toEqual(['/start']);
    expect(canary.connections()).toBe(0);
  });
});
