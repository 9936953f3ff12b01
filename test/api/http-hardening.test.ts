import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('HTTP and WebSocket hardening', () => {
  it('sends a CSP without inline scripts, no framing and nosniff', async () => {
    const response = await fetch(`${server.url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('describes the schema only to authenticated callers', async () => {
    const introspect = (headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      }).then(
        (response) =>
          response.json() as Promise<{
            data?: unknown;
            errors?: { extensions?: { code?: string } }[];
          }>,
      );
    const anonymous = await introspect({});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data).toBeUndefined();
    const { cookie } = await server.login();
    expect((await introspect({ cookie })).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });

  it('refuses more than 100 runs of a workflow at once', async () => {
    const { cookie } = await server.login();
    const created = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        query:
          'mutation { createWorkflow(input: { name: "w", steps: [] }) { runs(first: 101) { id } } }',
      }),
    }).then(
      (answer) => answer.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>,
    );
    expect(created.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('closes a WebSocket that sends a message over 1 MiB (1009)', async () => {
    const socket = new WebSocket(
      `${server.url.replace(/^http/, 'ws')}/graphql`,
      'graphql-transport-ws',
    );
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(1024 * 1024 + 1));
    expect(await closed).toBe(1009);
  });
});
