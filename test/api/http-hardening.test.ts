import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { uniqueName } from '../support/names';
import { CreateApiTokenMutation } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('HTTP and WebSocket hardening', () => {
  it.each([
    ['/healthz', undefined],
    ['/graphql', '{ __typename }'],
    ['/graphql', '{ me { id } }'], // refused: the answer to a refusal has them too
  ])('sends a CSP without inline scripts, no framing and nosniff (%s %s)', async (path, query) => {
    const response = await fetch(
      `${server.url}${path}`,
      query
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query }),
          }
        : {},
    );
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
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

  it('answers a body over 2 MB or not JSON with a code, not an HTML page', async () => {
    const post = async (body: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: (await response.json()) as { errors?: { extensions?: { code?: string } }[] },
      };
    };
    const large = await post(JSON.stringify({ query: `{ me { id } } #${'x'.repeat(2_100_000)}` }));
    expect([large.status, large.body.errors?.[0]?.extensions?.code]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
    const malformed = await post('{"query": ');
    expect([malformed.status, malformed.body.errors?.[0]?.extensions?.code]).toEqual([
      400,
      'BAD_REQUEST',
    ]);
    expect(malformed.type).toContain('application/json');
    expect(JSON.stringify(malformed.body)).not.toContain(' at ');
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

/** Opens a WebSocket to /graphql; 101 once it opened, else the HTTP status of the refusal. */
function upgradeStatus(url: string, origin?: string): Promise<number> {
  const socket = new WebSocket(
    `${url.replace(/^http/, 'ws')}/graphql`,
    'graphql-transport-ws',
    origin ? { origin } : {},
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      response.resume();
      socket.terminate();
      resolve(response.statusCode ?? 0);
    });
    socket.once('error', reject);
  });
}

describe('cross-site protection', () => {
  const secretCount = async (): Promise<number> => {
    const rows: { count: string }[] = await server.dataSource.query('SELECT count(*) FROM secrets');
    return Number(rows[0]?.count);
  };

  it('refuses requests a page elsewhere could send without a preflight, running nothing', async () => {
    const { cookie } = await server.login();
    const before = await secretCount();
    const mutation = `mutation { createSecret(input: { kind: WEBHOOK, name: "${uniqueName()}", value: "v" }) { id } }`;
    const textPlain = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
      body: JSON.stringify({ query: mutation }),
    });
    expect(textPlain.status).toBe(400);
    expect(await textPlain.text()).toMatch(/Cross-Site Request Forgery/);

    const query = `${server.url}/graphql?query=${encodeURIComponent('{ me { email } }')}`;
    const simpleGet = await fetch(query, { headers: { cookie } });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).not.toContain('admin@');
    expect(await secretCount()).toBe(before);

    // The same GET with a header only a preflighted (same-origin or allowed) page can send.
    const preflighted = await fetch(query, {
      headers: { cookie, 'apollo-require-preflight': '1' },
    });
    expect(await preflighted.json()).toEqual({ data: { me: { email: 'admin@example.com' } } });
  });

  it('refuses a WebSocket from a foreign Origin with 403, before the upgrade', async () => {
    expect(await upgradeStatus(server.url, 'https://evil.example')).toBe(403);
    expect(await upgradeStatus(server.url, 'null')).toBe(403);
    // Another port of the same host is another origin.
    expect(await upgradeStatus(server.url, 'http://127.0.0.1:1')).toBe(403);
  });

  it("accepts the web app's own origin (as the browser tests use it) and clients without one", async () => {
    const port = new URL(server.url).port;
    expect(await upgradeStatus(server.url, server.url)).toBe(101);
    expect(await upgradeStatus(server.url, `http://localhost:${port}`)).toBe(101);
    expect(await upgradeStatus(server.url)).toBe(101);
  });

  it('accepts exactly the origins of PUBLIC_ORIGIN when it is set', async () => {
    const other = await startTestServer({
      database: server.database,
      env: { PUBLIC_ORIGIN: 'https://secrets.example.com, http://localhost:5173' },
    });
    try {
      expect(await upgradeStatus(other.url, 'https://secrets.example.com')).toBe(101);
      expect(await upgradeStatus(other.url, 'http://localhost:5173')).toBe(101);
      expect(await upgradeStatus(other.url, other.url)).toBe(403);
      expect(await upgradeStatus(other.url)).toBe(101);
    } finally {
      await other.stop();
    }
  });
});

describe('in production (NODE_ENV=production)', () => {
  it('leaves graphql-js’s “Did you mean” suggestions out of errors, over HTTP and WebSocket', async () => {
    const misspelled = '{ secrts { totalCount } }';
    const suggestion = /Did you mean/;
    // Outside production the suggestion is there: the document does draw one.
    const elsewhere = await server.request(parse(misspelled));
    expect(elsewhere.errors?.[0]?.message).toMatch(suggestion);

    const production = await startTestServer({
      database: server.database,
      env: { NODE_ENV: 'production' },
    });
    try {
      const overHttp = await production.request(parse(misspelled));
      expect(overHttp.errors).toEqual([
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
      expect(overHttp.errors?.[0]?.message).toMatch(/Cannot query field "secrts"/);
      expect(overHttp.errors?.[0]?.message).not.toMatch(suggestion);

      const token = await production.request(
        CreateApiTokenMutation,
        { input: { name: uniqueName('suggestions'), role: 'VIEWER' } },
        await production.login(),
      );
      const client = createClient({
        url: `${production.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: `Bearer ${token.data?.createApiToken.token}` },
      });
      const overWebSocket = await new Promise<unknown>((resolve) =>
        client.subscribe(
          { query: misspelled },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        ),
      ).finally(() => client.dispose());
      expect(JSON.stringify(overWebSocket)).toMatch(/Cannot query field \\"secrts\\"/);
      expect(JSON.stringify(overWebSocket)).not.toMatch(suggestion);
    } finally {
      await production.stop();
    }
  });
});
