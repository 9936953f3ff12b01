import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WEB_OPERATIONS } from '../../apps/server/src/http/operation-names';
import { createSecret, createWorkflow } from '../support/factories';
import { EXPIRY_WARNINGS } from '../support/live';
import { MeQuery, RunWorkflowMutation } from '../support/operations';
import { startTestServer, type TestServer } from '../support/server';
import { subscribe, waitFor } from '../support/ws';

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
/** A string that no metric or log line may ever contain: it travels only as a variable. */
const MARKER = 'variable-marker-7f3c9a';

let server: TestServer;
let admin: { cookie: string };

beforeAll(async () => {
  server = await startTestServer({
    env: { METRICS_TOKEN, TRUSTED_PROXIES: '10.9.8.7/32', EXPIRY_SCAN_INTERVAL_MS: '200' },
  });
  admin = await server.login();
});
afterAll(() => server.stop());

const scrape = (authorization?: string) =>
  fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

const metricsText = async () => {
  const response = await scrape(`Bearer ${METRICS_TOKEN}`);
  expect(response.status).toBe(200);
  return response.text();
};

/** The value of one sample, e.g. `secrets_http_requests_total{operation="WebMe",outcome="ok"}`. */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('O4 /metrics', () => {
  it('is 404 without METRICS_TOKEN', async () => {
    const bare = await startTestServer({ database: server.database });
    try {
      expect((await fetch(`${bare.url}/metrics`)).status).toBe(404);
      const withToken = await fetch(`${bare.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(withToken.status).toBe(404);
    } finally {
      await bare.stop();
    }
  });

  it('answers only the bearer of METRICS_TOKEN', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(METRICS_TOKEN)).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN.slice(0, -1)}`)).status).toBe(401);
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    // Process metrics and the database pool.
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(sample(text, 'secrets_db_pool_connections{state="total"}')).toBeGreaterThan(0);
  });

  it('counts requests by operation name and outcome, with durations; other names are one label', async () => {
    const before = await metricsText();
    await server.mutate(MeQuery, {}, admin);
    await server.mutate(MeQuery, {}, admin);
    for (const name of ['Junk1', 'Junk2', 'Junk3']) {
      expect((await post({ query: `query ${name} { __typename }` }, admin)).status).toBe(200);
    }
    // Refused without a session: counted as an error with its code.
    expect((await post({ query: 'query WebUsers { users { id } }' })).status).toBe(200);
    const after = await metricsText();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('secrets_http_requests_total{operation="WebMe",outcome="ok"}')).toBe(2);
    expect(delta('secrets_http_requests_total{operation="WebUsers",outcome="error"}')).toBe(1);
    expect(delta('secrets_http_requests_total{operation="other",outcome="ok"}')).toBe(3);
    expect(delta('secrets_http_request_duration_seconds_count{operation="WebMe"}')).toBe(2);
    expect(delta('secrets_graphql_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(after).not.toContain('Junk');
  });

  it('reports open subscriptions, notifications raised and outbound requests by outcome', async () => {
    const before = await metricsText();
    const subscription = await subscribe(server, EXPIRY_WARNINGS, {}, admin);
    try {
      expect(sample(await metricsText(), 'secrets_subscriptions_open')).toBe(
        sample(before, 'secrets_subscriptions_open') + 1,
      );
      await createSecret(
        { server, admin },
        { expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString() },
      );
      await waitFor(
        async () =>
          sample(await metricsText(), 'secrets_notifications_raised_total') >
          sample(before, 'secrets_notifications_raised_total'),
        'the notification to be counted',
      );
      // Nothing listens on port 1 of loopback: the step fails without leaving the machine.
      const workflow = await createWorkflow({ server, admin }, [
        { name: 'ping', method: 'POST', url: 'http://127.0.0.1:1/hook', body: MARKER },
      ]);
      await server.mutate(RunWorkflowMutation, { id: workflow.id }, admin);
      const after = await metricsText();
      expect(
        sample(after, 'secrets_outbound_requests_total{outcome="NETWORK_ERROR"}') -
          sample(before, 'secrets_outbound_requests_total{outcome="NETWORK_ERROR"}'),
      ).toBe(1);
    } finally {
      await subscription.dispose();
    }
    await waitFor(
      async () =>
        sample(await metricsText(), 'secrets_subscriptions_open') ===
        sample(before, 'secrets_subscriptions_open'),
      'the subscription to be counted as closed',
    );
    expect(await metricsText()).not.toContain(MARKER);
  });

  it('labels the web app operations by name: the list is the web app’s own', () => {
    const names = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          for (const match of readFileSync(path, 'utf8').matchAll(
            /\b(?:query|mutation|subscription)\s+(Web\w+)/g,
          )) {
            names.add(match[1] ?? '');
          }
        }
      }
    };
    walk(resolve(__dirname, '../../apps/web/src'));
    expect([...WEB_OPERATIONS].sort()).toEqual([...names].sort());
  });
});

describe('O5 request ids and request log lines', () => {
  const logLines = () =>
    server
      .logs()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('makes an id, returns it, and logs the request with it, its name, status, duration and codes; never variables', async () => {
    const response = await post(
      {
        query: 'query WebSecretDetails($id: ID!) { secret(id: $id) { id } }',
        operationName: 'WebSecretDetails',
        variables: { id: MARKER },
      },
      admin,
    );
    const reqId = response.headers.get('x-request-id') ?? '';
    expect(reqId).toMatch(/^[0-9a-f-]{36}$/);
    // A client that is not a trusted proxy cannot choose the id.
    const spoofed = await post({ query: '{ __typename }' }, { 'x-request-id': 'chosen-by-client' });
    expect(spoofed.headers.get('x-request-id')).not.toBe('chosen-by-client');

    await waitFor(() => logLines().some((line) => line.reqId === reqId), 'the request line');
    const line = logLines().find(
      (entry) => entry.reqId === reqId && entry.msg === 'graphql request',
    );
    expect(line).toMatchObject({ operation: 'WebSecretDetails', status: 200 });
    expect(typeof line?.ms).toBe('number');
    expect(server.logs()).not.toContain(MARKER);

    // A refused request's line names its error codes.
    const refused = await post({ query: 'query WebUsers { users { id } }' });
    const refusedId = refused.headers.get('x-request-id');
    await waitFor(() => logLines().some((entry) => entry.reqId === refusedId), 'the line');
    expect(logLines().find((entry) => entry.reqId === refusedId)).toMatchObject({
      msg: 'graphql request',
      operation: 'WebUsers',
      errors: ['UNAUTHENTICATED'],
    });
  });

  it('takes the id from a trusted proxy', async () => {
    const proxied = await startTestServer({
      database: server.database,
      env: { TRUSTED_PROXIES: '127.0.0.0/8' },
    });
    try {
      const response = await fetch(`${proxied.url}/healthz`, {
        headers: { 'x-request-id': 'nginx-4f2a9c' },
      });
      expect(response.headers.get('x-request-id')).toBe('nginx-4f2a9c');
      // Malformed ids (here a line break's escape) are replaced even from a proxy.
      const odd = await fetch(`${proxied.url}/healthz`, { headers: { 'x-request-id': 'a b' } });
      expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await proxied.stop();
    }
  });
});
