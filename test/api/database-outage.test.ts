// Issue 17: PostgreSQL goes away and comes back. The server runs on a PostgreSQL of this
// test's own (the embedded one, on a free port), which the test restarts, slows down with
// a lock and pauses (SIGSTOP) while a client reads every 50 ms and a subscriber stays
// connected.
import { Client as PgClient } from 'pg';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  startTemporaryEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../apps/server/src/db/embedded-postgres';
import { EXPIRY_WARNINGS, type ExpiryWarningEvent } from '../support/live';
import { startTestServer, type TestServer } from '../support/server';
import { waitFor } from '../support/ws';
import { uniqueName } from '../support/names';
import { createWorkflow } from '../support/factories';
import { startHttpsPeer, type TestPeer } from '../support/https-peer';

const DAY = 86_400_000;
const STATEMENT_TIMEOUT_MS = 1_000;
const SECRETS = '{ secrets(first: 5) { totalCount } }';
const RUN_WORKFLOW = 'mutation ($id: ID!) { runWorkflow(id: $id) { id status } }';
const CREATE_SECRET = `mutation ($input: CreateSecretInput!) { createSecret(input: $input) { id } }`;
const CREATE_CHANNEL = `mutation ($input: CreateNotificationChannelInput!) {
  createNotificationChannel(input: $input) { id } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

let postgres: EmbeddedPostgres;
let server: TestServer;
let admin: { cookie: string };
let offset = 0;
let socket: WsClient;
let socketClosed: number | undefined;
const warnings: ExpiryWarningEvent[] = [];
/** What the client reading every 50 ms got, in order. */
const polled: Answer[] = [];
let polling: NodeJS.Timeout | undefined;
/** Holds every request until the test releases it: a workflow run stays in flight. */
let peer: TestPeer;
let releasePeer: () => void = () => undefined;
const held = new Promise<void>((resolve) => (releasePeer = resolve));

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin.cookie },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    text,
    body: JSON.parse(text) as Answer['body'],
  };
}

/** Runs `work` on a connection of its own to the server's database, as the superuser. */
async function asSuperuser<T>(work: (client: PgClient) => Promise<T>): Promise<T> {
  const url = new URL(postgres.superuserUrl);
  url.pathname = new URL(postgres.url).pathname;
  const client = new PgClient({ connectionString: url.toString() });
  client.on('error', () => undefined); // a restart may end it: the test checks what it needs
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const statusOf = async (path: string) => (await fetch(`${server.url}${path}`)).status;
const logLines = (message: string) =>
  server
    .logs()
    .split('\n')
    .filter((line) => line.includes(`"msg":"${message}"`)).length;

/** The address a careless message would carry: host:port, the port, the driver's words. */
function expectNoDatabaseDetails(text: string) {
  const { port, hostname } = new URL(postgres.url);
  expect(text).not.toContain(port);
  expect(text).not.toContain(hostname);
  expect(text).not.toMatch(/ECONN|ETIMEDOUT|EPIPE|terminat|postgres|SELECT|statement timeout/i);
}

function expectUnavailable(answer: Answer) {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toBe('5');
  expect(answer.body.errors).toEqual([
    expect.objectContaining({
      message: 'The service is briefly unavailable. Try again in a few seconds.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
    }),
  ]);
  expectNoDatabaseDetails(answer.text);
}

/** Runs one operation over the socket that stays open; resolves with its errors or data. */
function overSocket(query: string): Promise<{ data?: unknown; errors?: unknown }> {
  return new Promise((resolve) => {
    let result: { data?: unknown; errors?: unknown } = {};
    socket.subscribe(
      { query },
      {
        next: (value) => (result = value),
        error: (errors) => resolve({ errors }),
        complete: () => resolve(result),
      },
    );
  });
}

const warningsFor = (secretId: string) =>
  warnings.filter((event) => event.expiryWarnings.secretId === secretId);

const createSecret = async (expiresAt: string | null) => {
  const answer = await post(CREATE_SECRET, {
    input: { kind: 'WEBHOOK', name: uniqueName('outage'), value: 'v', expiresAt },
  });
  return (answer.body.data as { createSecret: { id: string } }).createSecret;
};

/** A pass of the scanner that started after everything before it (see expiry.test.ts). */
async function afterALaterPass() {
  const marker = await createSecret(new Date(Date.now() + offset + 2 * DAY).toISOString());
  await waitFor(() => warningsFor(marker.id).length === 1, 'the warning of a later pass');
}

beforeAll(async () => {
  postgres = await startTemporaryEmbeddedPostgres();
  peer = await startHttpsPeer(async (_request, response) => {
    await held;
    response.writeHead(200, { 'content-type': 'text/plain' }).end('done');
  });
  server = await startTestServer({
    database: { url: postgres.url, drop: async () => undefined },
    clock: () => new Date(Date.now() + offset),
    env: {
      EXPIRY_SCAN_INTERVAL_MS: '200',
      CHANNEL_POLL_INTERVAL_MS: '100',
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      // The clock moves an hour during the outage: the admin's session outlives it.
      SESSION_IDLE_MINUTES: '43200',
    },
  });
  admin = await server.login();
  socket = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    lazy: false,
    retryAttempts: 0,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie: admin.cookie } });
      }
    },
    on: { closed: (event) => (socketClosed = (event as { code?: number }).code ?? -1) },
  });
  const attached = server.fanOut.stats().attached;
  socket.subscribe<ExpiryWarningEvent>(
    { query: EXPIRY_WARNINGS },
    {
      next: (value) => value.data && warnings.push(value.data),
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await waitFor(() => server.fanOut.stats().attached > attached, 'the subscription');
  const poll = () => {
    polling = setTimeout(() => {
      void post(SECRETS).then(
        (answer) => polled.push(answer),
        () => undefined,
      );
      poll();
    }, 50);
  };
  poll();
}, 60_000);

afterAll(async () => {
  clearTimeout(polling);
  await socket?.dispose();
  await server?.stop();
  await postgres?.stop();
  releasePeer();
  await peer?.close();
});

describe('PostgreSQL stopped, then started again', () => {
  it('answers 503 SERVICE_UNAVAILABLE meanwhile, keeps /healthz and the socket up, and recovers by itself', async () => {
    // Outside every window now; inside the 30-day one once the clock moves, during the outage.
    const due = await createSecret(new Date(Date.now() + 30 * DAY + 30 * 60_000).toISOString());
    // Issue 15: a channel to the peer, which gets the reminder once the database is back.
    const signing = await createSecret(null);
    const channel = await post(CREATE_CHANNEL, {
      input: { name: 'outage', type: 'WEBHOOK', url: `${peer.url}/channel`, secretId: signing.id },
    });
    expect(channel.body.errors).toBeUndefined();
    const workflow = await createWorkflow({ server, admin }, [
      { name: 'call', method: 'POST', url: `${peer.url}/hook`, headers: [] },
    ]);
    const running = post(RUN_WORKFLOW, { id: workflow.id });
    await waitFor(() => peer.received.length === 1, 'the run’s request at the peer');
    const before = polled.length;
    const logged = logLines('database unavailable');

    await postgres.restart(async () => {
      await waitFor(
        () => polled.slice(before).some((answer) => answer.status === 503),
        'a polled request to fail',
      );
      expectUnavailable(await post(SECRETS));
      // A write is refused with a code; nothing of it is half-written (checked below).
      expectUnavailable(
        await post(CREATE_SECRET, {
          input: { kind: 'WEBHOOK', name: uniqueName('lost'), value: 'v' },
        }),
      );
      expect(await statusOf('/healthz')).toBe(200);
      expect(await statusOf('/readyz')).toBe(503);
      // An operation over the open socket fails with the same code; the socket stays open.
      const overWs = await overSocket(SECRETS);
      expect(overWs.errors).toEqual([
        expect.objectContaining({
          message: 'The service is briefly unavailable. Try again in a few seconds.',
          extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 },
        }),
      ]);
      expectNoDatabaseDetails(JSON.stringify(overWs));
      offset = 60 * 60_000;
      // The run's step finishes while its outcome cannot be written: the run fails with a code.
      releasePeer();
      expectUnavailable(await running);
    });

    await waitFor(async () => (await statusOf('/readyz')) === 200, '/readyz to be 200 again');
    await waitFor(() => polled.at(-1)?.status === 200, 'a polled request to succeed again');
    expect((await post(SECRETS)).status).toBe(200);
    const afterOutage = await overSocket(SECRETS);
    expect(afterOutage.errors).toBeUndefined();
    expect(afterOutage.data).toHaveProperty('secrets.totalCount');

    // Every answer was a success or the 503; never a 500, another code or the address.
    const during = polled.slice(before);
    expect(during.some((answer) => answer.status === 503)).toBe(true);
    for (const answer of during) {
      if (answer.status !== 200) expectUnavailable(answer);
    }
    // Logged once at the start of the outage and once at its end, not once per request.
    await waitFor(() => logLines('database available again') >= 1, 'the recovery log line');
    expect(logLines('database unavailable') - logged).toBe(1);
    expect(logLines('database available again')).toBe(1);

    // The reminder that fell due during the outage reaches the subscriber, once.
    await waitFor(() => warningsFor(due.id).length === 1, 'the reminder due during the outage');
    await afterALaterPass();
    expect(warningsFor(due.id).map((event) => event.expiryWarnings.thresholdDays)).toEqual([30]);
    expect(socketClosed).toBeUndefined();

    // Channel deliveries resume by themselves: the worker logged the outage once and went on.
    await waitFor(
      () =>
        peer.received.some(
          (request) => request.url === '/channel' && request.body.includes(due.id),
        ),
      'the reminder at the channel',
    );
    expect(logLines('channel deliveries failed; trying again at the next tick')).toBe(1);

    // The interrupted run is not left RUNNING: the sweep closes it once the database is back.
    await waitFor(
      async () =>
        (
          await asSuperuser((client) =>
            client.query("SELECT 1 FROM workflow_runs WHERE status = 'RUNNING'"),
          )
        ).rowCount === 0,
      'no run left RUNNING',
    );
    const runs = await asSuperuser((client) =>
      client.query<{ status: string; error_code: string }>(
        'SELECT status, error_code FROM workflow_runs',
      ),
    );
    expect(runs.rows).toEqual([{ status: 'FAILED', error_code: 'INTERRUPTED' }]);

    // No secret without its audit row, the refused one included.
    const { rows } = await asSuperuser((client) =>
      client.query<{ id: string }>(
        `SELECT s.id FROM secrets s WHERE NOT EXISTS (SELECT 1 FROM audit_events a
           WHERE a.action = 'SECRET_CREATED' AND a.target_id = s.id::text)`,
      ),
    );
    expect(rows).toEqual([]);
  });
});

describe('a slow database', () => {
  it('fails a statement slower than DATABASE_STATEMENT_TIMEOUT_MS with SERVICE_UNAVAILABLE and frees its connection', async () => {
    await asSuperuser(async (client) => {
      await client.query('BEGIN');
      await client.query('LOCK TABLE secrets IN ACCESS EXCLUSIVE MODE');
      // More than the pool's 20 connections: each slot is given back when its statement fails.
      const answers = await Promise.all(Array.from({ length: 25 }, () => post(SECRETS)));
      for (const answer of answers) expectUnavailable(answer);
      await client.query('ROLLBACK');
    });
    expect((await post(SECRETS)).status).toBe(200);
  });

  it('fails requests that wait for a connection to a paused PostgreSQL, and recovers on SIGCONT', async () => {
    const pid = postgres.pid();
    if (!pid) throw new Error('PostgreSQL has no process id.');
    await asSuperuser(async (client) => {
      process.kill(pid, 'SIGSTOP');
      try {
        // The server's pooled connections go: every request needs a new one, which a paused
        // postmaster never answers.
        const serverBackends =
          "SELECT pid FROM pg_stat_activity WHERE application_name = 'secrets-server'";
        // pg_terminate_backend only signals: until a backend has ended, its pooled connection
        // could still answer. Signalled again on every look, since a backend the postmaster
        // forked just before it was paused may only show up after the first signal (seen once
        // in CI: one backend left for 10 s).
        await waitFor(async () => {
          await client.query(`SELECT pg_terminate_backend(pid) FROM (${serverBackends}) backend`);
          return (await client.query(serverBackends)).rowCount === 0;
        }, 'the server’s backends to end');
        expectUnavailable(await post(SECRETS));
        expect(await statusOf('/healthz')).toBe(200);
        expect(await statusOf('/readyz')).toBe(503);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
    });
    await waitFor(async () => (await statusOf('/readyz')) === 200, '/readyz to be 200 again');
    expect((await post(SECRETS)).status).toBe(200);
    expect(socketClosed).toBeUndefined();
  });
});
