import { readFileSync } from 'node:fs';
import type { GraphQLFormattedError } from 'graphql';
import { Client } from 'pg';
import { launch, waitForUrl } from '../support/child-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { CreateApiTokenMutation } from '../support/operations';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  graphqlRequest,
  logIn,
  newMasterKey,
  startTestServer,
  type TestServer,
} from '../support/server';
import { uniqueName } from '../support/names';
import { runOverWebSocket } from '../support/ws';

// Issue 11, item 3: no request can exhaust the server.

const MB = 1024 * 1024;

/** Set-up, not the system under test: rows written straight to the tables. */
async function seedRuns(db: Client, workflows: number, runs: number, bodyBytes: number) {
  await db.query(
    `WITH w AS (
       INSERT INTO workflows (name) SELECT 'load-' || g FROM generate_series(1, $1) g RETURNING id
     ), r AS (
       INSERT INTO workflow_runs (id, workflow_id, status, started_at, finished_at)
       SELECT gen_random_uuid(), w.id, 'SUCCEEDED', now() - g * interval '1 second', now()
       FROM w, generate_series(1, $2) g RETURNING id
     )
     INSERT INTO step_runs (run_id, position, step_id, name, status, http_status, response_body, duration_ms)
     SELECT r.id, 0, gen_random_uuid(), 'fetch', 'SUCCEEDED', 200, repeat(md5(r.id::text), $3 / 32), 5
     FROM r`,
    [workflows, runs, bodyBytes],
  );
}

async function post(url: string, query: string, token: string, signal?: AbortSignal) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal,
  });
  const text = await response.text();
  return {
    status: response.status,
    bytes: text.length,
    ...(JSON.parse(text) as { data?: unknown; errors?: GraphQLFormattedError[] }),
  };
}

async function viewerToken(url: string): Promise<string> {
  const created = await graphqlRequest(
    url,
    CreateApiTokenMutation,
    { input: { name: uniqueName(), role: 'VIEWER' } },
    await logIn(url),
  );
  const token = created.data?.createApiToken.token;
  if (!token) throw new Error(`no token: ${JSON.stringify(created.errors)}`);
  return token;
}

/** The reviewed attack: 15 aliases, each every workflow's runs with their response bodies. */
const ATTACK = `{ ${Array.from(
  { length: 15 },
  (_, i) => `a${i}: workflows { runs(first: ${100 - i}) { id steps { responseBody } } }`,
).join(' ')} }`;

describe('a server in its own process, 10 workflows × 100 runs of 60 KB bodies', () => {
  let database: TestDatabase;
  let server: ReturnType<typeof launch>;
  let url: string;
  let token: string;

  const rssBytes = (): number => {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kB = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    if (!kB) throw new Error('no VmRSS for the server process');
    return Number(kB) * 1024;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    server = launch({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      PORT: '0',
      SECRETS_MASTER_KEY: newMasterKey(),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      SERVE_WEB: 'false',
    });
    url = await waitForUrl(server.output, server.exited);
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      await seedRuns(db, 10, 100, 60_000);
    } finally {
      await db.end();
    }
    token = await viewerToken(url);
  }, 120_000);

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await database?.drop();
  });

  it('refuses the attack as a VIEWER with a code within 2 s, /healthz answering, memory flat', async () => {
    // One honest page of the same data first, so the baseline includes a warm server.
    const page = await post(url, '{ workflows { runs(first: 5) { id } } }', token);
    expect(page.errors).toBeUndefined();
    const before = rssBytes();

    const started = Date.now();
    const attack = post(url, ATTACK, token, AbortSignal.timeout(30_000));
    const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    const answer = await attack;
    const elapsed = Date.now() - started;

    expect(health.status).toBe(200);
    expect(answer.errors?.map((error) => error.extensions)).toEqual([
      { code: 'RESPONSE_TOO_LARGE' },
    ]);
    expect(answer.errors?.[0]?.message).toMatch(
      /^The answer to this operation could reach [\d.]+ MiB, over the limit of 16\.0 MiB\./,
    );
    expect(answer.data).toBeUndefined();
    expect(elapsed).toBeLessThan(2_000);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(rssBytes() - before).toBeLessThan(200 * MB);
  });

  it('still serves a page of bodies that fits the budget', async () => {
    const list = await post(url, '{ workflows { id } }', token);
    const [first] = (list.data as { workflows: { id: string }[] }).workflows;
    const answer = await post(
      url,
      `{ workflow(id: "${first?.id}") { runs(first: 4) { steps { responseBody } } } }`,
      token,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.bytes).toBeGreaterThan(4 * 60_000);
  });
});

describe('an answer that only the data shows is too large (RESPONSE_MAX_BYTES=256 KiB)', () => {
  let server: TestServer;
  let token: string;
  // Counted as 100 rows before running; 3,000 names of 100 characters are about 400 KB.
  const query = '{ workflows { id name } }';

  beforeAll(async () => {
    server = await startTestServer({ env: { RESPONSE_MAX_BYTES: String(256 * 1024) } });
    await server.dataSource.query(
      `INSERT INTO workflows (name) SELECT rpad('wide-' || g, 100, '-') FROM generate_series(1, 3000) g`,
    );
    token = await viewerToken(server.url);
  });
  afterAll(() => server.stop());

  it('is stopped over HTTP with one RESPONSE_TOO_LARGE error and no data', async () => {
    const answer = await post(server.url, query, token);
    expect(answer.errors?.map((error) => error.extensions)).toEqual([
      { code: 'RESPONSE_TOO_LARGE' },
    ]);
    expect(answer.errors?.[0]?.message).toMatch(/^The answer grew past the limit of 256 KiB\./);
    expect(answer.data).toBeNull();
    expect(answer.bytes).toBeLessThan(4096);
  });

  it('is stopped the same way over the WebSocket', async () => {
    const result = await runOverWebSocket(server.url, query, {
      authorization: `Bearer ${token}`,
    });
    const errors = result.errors as { extensions?: unknown }[] | undefined;
    expect(errors?.map((error) => error.extensions)).toEqual([{ code: 'RESPONSE_TOO_LARGE' }]);
    expect(result.data).toBeNull();
  });

  it('lets an answer under the budget through', async () => {
    const answer = await post(server.url, '{ workflows { id } }', token);
    expect(answer.errors).toBeUndefined();
    expect((answer.data as { workflows: unknown[] }).workflows).toHaveLength(3000);
  });
});
