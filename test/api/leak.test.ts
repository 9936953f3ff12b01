// S2 / A6 / W6, end to end: canary values are driven through every operation, failures
// included, while everything the server lets out is recorded; then every recording and
// every table is searched for the canaries in each form a leak could take.
import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { Channel } from '../../apps/server/src/db/event-bus';
import {
  dumpTables,
  openRawSocket,
  recordFetchResponses,
  recordNotifications,
  type Captured,
  type NotifyRecorder,
  type RawSocket,
} from '../support/capture';
import { encodedForms, findLeaks } from '../support/encoded-forms';
import { startHttpsPeer, type ReceivedRequest, type TestPeer } from '../support/https-peer';
import { EXPIRY_WARNINGS, SECRET_EVENTS } from '../support/live';
import { uniqueName } from '../support/names';
import {
  AuditEventsQuery,
  CreateConnectionMutation,
  CreateNotificationChannelMutation,
  CreateWorkflowMutation,
  DeleteSecretMutation,
  NotificationChannelsQuery,
  NotificationsQuery,
  RevokeSecretMutation,
  RollbackSecretMutation,
  RunWorkflowMutation,
  SecretQuery,
  SecretsQuery,
  TestConnectionMutation,
  TestNotificationChannelMutation,
  UpdateSecretMutation,
  WorkflowQuery,
  WorkflowRunQuery,
} from '../support/operations';
import { ADMIN_EMAIL, errorCodes, startTestServer, type TestServer } from '../support/server';
import { waitFor } from '../support/ws';
import { createSecret as newSecret, createWorkflow } from '../support/factories';
import type { HttpRequestStepInput } from '../../packages/schema/generated/graphql';

/**
 * A value the secret rules accept for both kinds, with the characters that JSON, URL and
 * form encoding each escape, so that every encoded form differs from the raw one.
 */
const webhookCanary = () => `canary-${randomUUID()}-"q"\\/+&=%?#;`;
/** Integration values may hold any text: line breaks and non-Latin-1 characters too. */
const integrationCanary = () => `canary-${randomUUID()}-"q"\\/+&=%?#;\n\t✓ ünï 🔑`;

const canaries = {
  webhook: webhookCanary(),
  replacement: webhookCanary(),
  /** A third version of the same secret, rolled back from. */
  third: webhookCanary(),
  integration: integrationCanary(),
  /** Sent only inside refused input. */
  refused: webhookCanary(),
};
const allCanaries = Object.values(canaries);

const responses: Captured[] = [];
let restoreFetch: () => void;
let server: TestServer;
let admin: { cookie: string };
let peer: TestPeer;
let socket: RawSocket;
let notify: NotifyRecorder;
let tables: Captured[];

/** Echoes the request's headers and body, as a careless or hostile server might. */
function echo(request: ReceivedRequest): string {
  return JSON.stringify({ headers: request.headers, body: request.body });
}

async function createSecret(input: {
  kind: 'WEBHOOK' | 'INTEGRATION';
  value: string;
  expiresAt?: string;
  allowedHosts?: string[];
}) {
  return newSecret(
    { server, admin },
    { name: uniqueName('leak'), description: 'leak test', ...input },
  );
}

async function saveWorkflow(steps: HttpRequestStepInput[]) {
  return createWorkflow({ server, admin }, steps, uniqueName('leakflow'));
}

const step = (url: string, secretName: string): HttpRequestStepInput => ({
  name: 'call',
  method: 'POST',
  url,
  headers: [
    { name: 'Authorization', value: `Bearer {secret:${secretName}}` },
    { name: 'X-Again', value: `{{secret:${secretName}}}` },
  ],
  body: '{"hello":"world"}',
});

async function runWorkflow(id: string) {
  const { runWorkflow: run } = await server.mutate(RunWorkflowMutation, { id }, admin);
  // Read it back too: the stored run is what later readers see.
  await server.request(WorkflowQuery, { id, runs: 5 }, admin);
  await server.request(WorkflowRunQuery, { id: run.id }, admin);
  return run;
}

/** Untyped, so that refused inputs of any shape can be sent. */
const CREATE_SECRET_UNTYPED =
  'mutation ($input: CreateSecretInput!) { createSecret(input: $input) { id name } }';

/** Every operation, with each failure a secret can meet; returns the step error codes seen. */
async function driveCanaries(): Promise<(string | null | undefined)[]> {
  const stepCodes: (string | null | undefined)[] = [];
  const soon = new Date(Date.now() + clockAhead + 60_000).toISOString();
  const expiring = await createSecret({
    kind: 'WEBHOOK',
    value: canaries.webhook,
    expiresAt: soon,
  });
  // Saved while its secret is still valid; run once it has expired.
  const expired = await saveWorkflow([step(`${peer.url}/echo`, expiring.name)]);
  const hook = await createSecret({ kind: 'WEBHOOK', value: canaries.webhook });
  const integration = await createSecret({ kind: 'INTEGRATION', value: canaries.integration });
  const fenced = await createSecret({
    kind: 'WEBHOOK',
    value: canaries.webhook,
    allowedHosts: ['api.example.com'],
  });

  // Refused input that carries a value: none of these may quote it back.
  const refusals = [
    { kind: 'WEBHOOK', name: 'not a webhook name!', value: canaries.refused },
    { kind: 'WEBHOOK', name: hook.name, value: canaries.refused },
    { kind: 'WEBHOOK', name: uniqueName('leak'), value: `${canaries.refused}\r\nX-Evil: 1` },
    { kind: 'WEBHOOK', name: uniqueName('leak'), value: canaries.refused.repeat(2000) },
    {
      kind: 'WEBHOOK',
      name: uniqueName('leak'),
      value: canaries.refused,
      expiresAt: '2001-01-01T00:00:00Z',
    },
    { kind: 'WEBHOOK', name: uniqueName('leak'), value: canaries.refused, allowedHosts: ['a b'] },
    { kind: 'NOT_A_KIND', name: uniqueName('leak'), value: canaries.refused },
    { kind: 'WEBHOOK', name: uniqueName('leak'), value: { nested: canaries.refused } },
    { kind: 'WEBHOOK', name: uniqueName('leak'), value: [canaries.refused] },
  ];
  for (const input of refusals) {
    const refused = await server.request(parse(CREATE_SECRET_UNTYPED), { input }, admin);
    expect(refused.errors?.length).toBeGreaterThan(0);
  }
  // The value written into the document itself, where graphql-js quotes literals it rejects.
  const literal = JSON.stringify(canaries.refused);
  for (const document of [
    `mutation { createSecret(input: { kind: ${literal}, name: "x", value: ${literal} }) { id } }`,
    `mutation { createSecret(input: { kind: WEBHOOK, name: ${literal}, value: ${literal} }) { id } }`,
    `mutation { createSecret(input: { kind: WEBHOOK, name: "x", value: 42, description: ${literal} }) { id } }`,
    `query { secrets(filter: { status: [${literal}] }) { totalCount } }`,
    `query { secrets(first: ${literal}) { totalCount } }`,
  ]) {
    const refused = await server.request(parse(document), {}, admin);
    expect(errorCodes(refused)).toEqual([expect.any(String)]);
  }
  // The value typed into a password box by mistake.
  await server.request(
    parse('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }'),
    { e: ADMIN_EMAIL, p: canaries.refused },
  );

  // Reads, searching by the value too (it matches nothing: values are not searchable).
  await server.request(SecretQuery, { id: hook.id }, admin);
  const search = await server.request(
    SecretsQuery,
    { filter: { search: canaries.webhook } },
    admin,
  );
  expect(search.data?.secrets.totalCount).toBe(0);
  await server.request(SecretsQuery, { filter: { kind: 'WEBHOOK', status: ['EXPIRING'] } }, admin);

  // A run to a peer that echoes the secret back, in a 200 and in a 500.
  const echoing = await saveWorkflow([
    step(`${peer.url}/echo`, hook.name),
    step(`${peer.url}/fail`, hook.name),
  ]);
  const echoed = await runWorkflow(echoing.id);
  expect(echoed.steps.map((s) => s.errorCode)).toEqual([null, 'HTTP_ERROR']);
  expect(echoed.steps[0]?.responseBody).toContain('***');
  // A redirect to plain http that names the value in its query: not followed, not quoted.
  const redirect = await runWorkflow(
    (await saveWorkflow([step(`${peer.url}/redirect`, hook.name)])).id,
  );
  stepCodes.push(redirect.steps[0]?.errorCode);

  // A connection test, its value sent as Basic credentials.
  const connection = await server.request(
    CreateConnectionMutation,
    {
      input: {
        name: uniqueName('leakconn'),
        provider: 'jira',
        baseUrl: `${peer.url}/echo`,
        authScheme: 'BASIC',
        secretId: integration.id,
      },
    },
    admin,
  );
  const connectionId = connection.data?.createConnection.id ?? '';
  const tested = await server.request(TestConnectionMutation, { id: connectionId }, admin);
  expect(tested.data?.testConnection.ok).toBe(true);

  // Failures before anything is sent: http, a denied address, a host the secret may not reach.
  const insecure = await server.request(
    CreateWorkflowMutation,
    { input: { name: uniqueName('leakflow'), steps: [step('http://127.0.0.1:9/x', hook.name)] } },
    admin,
  );
  expect(errorCodes(insecure)).toEqual(['INSECURE_URL']);
  const madeInsecure = await saveWorkflow([step(`${peer.url}/echo`, hook.name)]);
  await server.dataSource.query('UPDATE workflow_steps SET url = $1 WHERE workflow_id = $2', [
    'http://127.0.0.1:9/x',
    madeInsecure.id,
  ]);
  stepCodes.push((await runWorkflow(madeInsecure.id)).steps[0]?.errorCode);
  const blocked = await saveWorkflow([step('https://169.254.169.254/latest', hook.name)]);
  stepCodes.push((await runWorkflow(blocked.id)).steps[0]?.errorCode);
  const fencedOff = await saveWorkflow([step(`${peer.url}/echo`, fenced.name)]);
  stepCodes.push((await runWorkflow(fencedOff.id)).steps[0]?.errorCode);

  // A new value, used once, then refused edits that carry another.
  const replaced = await server.request(
    UpdateSecretMutation,
    { id: hook.id, input: { value: canaries.replacement } },
    admin,
  );
  expect(replaced.data?.updateSecret.valueVersion).toBe(2);
  expect((await runWorkflow(echoing.id)).steps[0]?.errorCode).toBeNull();
  const badEdit = await server.request(
    UpdateSecretMutation,
    { id: hook.id, input: { name: 'not valid!', value: canaries.refused } },
    admin,
  );
  expect(errorCodes(badEdit)).toEqual(['BAD_USER_INPUT']);

  // Versions: a third value, a check-and-set conflict that carries another, a rollback to the
  // second value (as version 4), a run with it, the history read back.
  await server.mutate(
    UpdateSecretMutation,
    { id: hook.id, input: { value: canaries.third, expectedValueVersion: 2 } },
    admin,
  );
  const conflict = await server.request(
    UpdateSecretMutation,
    { id: hook.id, input: { value: canaries.refused, expectedValueVersion: 2 } },
    admin,
  );
  expect(errorCodes(conflict)).toEqual(['VERSION_CONFLICT']);
  const rolledBack = await server.request(
    RollbackSecretMutation,
    { id: hook.id, version: 2, expectedValueVersion: 3 },
    admin,
  );
  expect(rolledBack.data?.rollbackSecret.valueVersion).toBe(4);
  expect((await runWorkflow(echoing.id)).steps[0]?.secretsUsed).toEqual([
    expect.objectContaining({ version: 4 }),
  ]);
  const versions = await server.request(SecretQuery, { id: hook.id }, admin);
  expect(versions.data?.secret?.versions.map((version) => version.version)).toEqual([4, 3, 2, 1]);
  // A secret that keeps every one of these versions to the end, when the tables are searched.
  const kept = await createSecret({ kind: 'WEBHOOK', value: canaries.webhook });
  for (const value of [canaries.replacement, canaries.third])
    await server.mutate(UpdateSecretMutation, { id: kept.id, input: { value } }, admin);
  await server.mutate(RollbackSecretMutation, { id: kept.id, version: 1 }, admin);
  // Issue 15: webhook channels signed by it, one answered and one failed, tested now and
  // sent the reminders raised from here on; their deliveries read back.
  for (const path of ['/echo', '/fail']) {
    const { createNotificationChannel: channel } = await server.mutate(
      CreateNotificationChannelMutation,
      {
        input: {
          name: uniqueName('leakchannel'),
          type: 'WEBHOOK',
          url: `${peer.url}${path}`,
          secretId: kept.id,
        },
      },
      admin,
    );
    await server.mutate(TestNotificationChannelMutation, { id: channel.id }, admin);
  }
  await server.request(NotificationChannelsQuery, { first: 50 }, admin);

  // Expired (the expiry warnings for 1 and 0 days fire on the way), revoked, deleted.
  clockAhead += 61_000;
  stepCodes.push((await runWorkflow(expired.id)).steps[0]?.errorCode);
  await server.request(NotificationsQuery, {}, admin);
  await server.request(RevokeSecretMutation, { id: hook.id }, admin);
  await server.request(RevokeSecretMutation, { id: integration.id }, admin);
  stepCodes.push((await runWorkflow(echoing.id)).steps[0]?.errorCode);
  const revokedTest = await server.request(TestConnectionMutation, { id: connectionId }, admin);
  stepCodes.push(revokedTest.data?.testConnection.errorCode);
  const revokedEdit = await server.request(
    UpdateSecretMutation,
    { id: hook.id, input: { value: canaries.refused } },
    admin,
  );
  expect(errorCodes(revokedEdit)).toEqual(['SECRET_REVOKED']);
  const revokedRollback = await server.request(
    RollbackSecretMutation,
    { id: hook.id, version: 3 },
    admin,
  );
  expect(errorCodes(revokedRollback)).toEqual(['SECRET_REVOKED']);
  await server.request(SecretQuery, { id: hook.id }, admin);
  const inUse = await server.request(DeleteSecretMutation, { id: hook.id }, admin);
  expect(errorCodes(inUse)).toEqual(['SECRET_IN_USE']);
  await server.request(DeleteSecretMutation, { id: hook.id, force: true }, admin);
  await server.request(DeleteSecretMutation, { id: integration.id, force: true }, admin);
  stepCodes.push((await runWorkflow(echoing.id)).steps[0]?.errorCode);
  stepCodes.push(
    (await server.request(TestConnectionMutation, { id: connectionId }, admin)).data?.testConnection
      .errorCode,
  );
  await server.request(AuditEventsQuery, { first: 100 }, admin);
  return stepCodes;
}

let stepCodes: (string | null | undefined)[];
/** The server's clock runs this far ahead of real time; it only moves forward. */
let clockAhead = 0;

beforeAll(async () => {
  restoreFetch = recordFetchResponses(responses);
  server = await startTestServer({
    env: { EXPIRY_SCAN_INTERVAL_MS: '200' },
    clock: () => new Date(Date.now() + clockAhead),
  });
  admin = await server.login();
  notify = await recordNotifications(server.database.url, Object.values(Channel));
  peer = await startHttpsPeer((request, response) => {
    if (request.url.startsWith('/redirect')) {
      const value = String(request.headers['x-again'] ?? '');
      response.writeHead(302, { location: `http://127.0.0.1:9/cb?t=${encodeURIComponent(value)}` });
      response.end();
      return;
    }
    const status = request.url.startsWith('/fail') ? 500 : 200;
    response.writeHead(status, { 'content-type': 'application/json' }).end(echo(request));
  });
  socket = await openRawSocket(server.url, admin);
  socket.subscribe('events', SECRET_EVENTS);
  socket.subscribe('warnings', EXPIRY_WARNINGS);
  socket.subscribe('webhook-events', SECRET_EVENTS, { kind: 'WEBHOOK' });
  // Refused subscriptions that carry a value in a variable and in a literal.
  socket.subscribe('bad-variable', SECRET_EVENTS, { kind: canaries.refused });
  socket.subscribe(
    'bad-literal',
    `subscription { secretEvents(kind: ${JSON.stringify(canaries.refused)}) { type } }`,
  );

  stepCodes = await driveCanaries();

  // Let the last events reach the socket and the listener.
  await waitFor(
    () => socket.frames.some((frame) => frame.includes('"DELETED"')),
    'the DELETED secret event',
  );
  await waitFor(
    () => socket.frames.some((frame) => frame.includes('"thresholdDays":0')),
    'the expiry warning at 0 days',
  );
  await socket.close();
  await notify.close();
  tables = await dumpTables(server.database.url);
}, 60_000);

afterAll(async () => {
  restoreFetch();
  await socket?.close();
  await notify?.close();
  await peer?.close();
  await server?.stop();
});

describe('the canaries went everywhere', () => {
  it('met every failure a use can meet', () => {
    expect(stepCodes).toEqual([
      'REDIRECT_NOT_FOLLOWED',
      'INSECURE_URL',
      'BLOCKED_DESTINATION',
      'SECRET_HOST_NOT_ALLOWED',
      'SECRET_EXPIRED',
      'SECRET_REVOKED',
      'SECRET_REVOKED',
      'SECRET_NOT_FOUND',
      'SECRET_NOT_FOUND',
    ]);
  });

  it('reached the peer, where the search finds them in the forms they were sent in', () => {
    const received = peer.received.map((request, index) => ({
      source: `peer request ${index + 1}`,
      text: JSON.stringify(request.headers),
    }));
    const hits = findLeaks(received, allCanaries);
    // Raw (JSON-escaped here) in the webhook headers, base64 in the Basic credentials.
    expect(new Set(hits.map((hit) => hit.encoding))).toEqual(
      new Set(['JSON-escaped', 'base64 (offset 0)']),
    );
    // The refused value never left.
    expect(findLeaks(received, [canaries.refused])).toEqual([]);
  });

  it('recorded enough to search: responses, frames, payloads, logs and rows', () => {
    expect(responses.length).toBeGreaterThan(40);
    expect(
      socket.frames.filter((frame) => frame.includes('"secretEvents"')).length,
    ).toBeGreaterThan(5);
    expect(socket.frames.some((frame) => frame.includes('"expiryWarnings"'))).toBe(true);
    for (const refused of ['"id":"bad-variable"', '"id":"bad-literal"']) {
      expect(socket.frames.find((frame) => frame.includes(refused))).toMatch(/"errors"|"error"/);
    }
    expect(new Set(notify.payloads.map((payload) => payload.source))).toEqual(
      new Set([`NOTIFY ${Channel.SECRET_EVENTS}`, `NOTIFY ${Channel.EXPIRY_WARNINGS}`]),
    );
    expect(server.logs().length).toBeGreaterThan(0);
    const names = tables.map((table) => table.source);
    expect(names).toEqual(
      expect.arrayContaining(['table secrets', 'table secret_versions', 'table audit_events']),
    );
    const audit = tables.find((table) => table.source === 'table audit_events')?.text ?? '';
    expect(audit).toMatch(/SECRET_USED/);
    expect(audit).toMatch(/SECRET_ROLLED_BACK/);
    const versions = tables.find((table) => table.source === 'table secret_versions')?.text ?? '';
    expect(versions.split('\n').length).toBeGreaterThanOrEqual(4);
  });
});

describe('no form of any canary appears in', () => {
  it('any HTTP response: status, headers or body', () => {
    expect(findLeaks(responses, allCanaries)).toEqual([]);
  });

  it('any WebSocket frame', () => {
    const frames = socket.frames.map((text, index) => ({ source: `frame ${index + 1}`, text }));
    expect(findLeaks(frames, allCanaries)).toEqual([]);
  });

  it('the log, written at trace level', () => {
    expect(findLeaks([{ source: 'log', text: server.logs() }], allCanaries)).toEqual([]);
  });

  it('any NOTIFY payload', () => {
    expect(findLeaks(notify.payloads, allCanaries)).toEqual([]);
  });

  it('any row of any table, the audit log included', () => {
    expect(findLeaks(tables, allCanaries)).toEqual([]);
  });
});

describe('encodedForms', () => {
  const value = canaries.integration;
  const embed = (text: string) => ({ source: 'sample', text: `xx${text}yy` });

  it.each([
    ['raw', value],
    ['base64 at offset 1', Buffer.from(`u${value}`).toString('base64')],
    ['base64url at offset 2', Buffer.from(`us${value}`).toString('base64url')],
    [
      'base64 of base64, both shifted',
      Buffer.from(`a${Buffer.from(`us${value}`).toString('base64')}`).toString('base64'),
    ],
    ['hex', Buffer.from(value).toString('hex')],
    ['hex in PostgreSQL bytea output', `\\x${Buffer.from(`pre${value}`).toString('hex')}`],
    ['encodeURIComponent', encodeURIComponent(value)],
    ['form encoding', new URLSearchParams({ t: value }).toString()],
    ['JSON', JSON.stringify({ value })],
    ['JSON twice', JSON.stringify({ log: JSON.stringify({ value }) })],
  ])('finds the value written %s', (_label, text) => {
    expect(findLeaks([embed(text)], [value])).not.toEqual([]);
  });

  it('finds nothing in text that only shares the prefix', () => {
    const other = integrationCanary();
    const text = encodedForms(other)
      .map((form) => form.text)
      .join(' ');
    expect(findLeaks([{ source: 'other', text }], [value])).toEqual([]);
  });
});
