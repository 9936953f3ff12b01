// Property tests through the API: whatever names, values, URLs, header names and templates
// come in, every request gets data or errors that each carry a code (never an internal
// error, never a 5xx), a refused request writes nothing, the server stays up, and templates
// are sent as the text they are, never evaluated. Each property also draws inputs that keep
// every rule, which must be accepted and written: a server that refused everything fails.
import fc from 'fast-check';
import { parse } from 'graphql';
import { startHttpsPeer, type TestPeer } from '../support/https-peer';
import {
  AuditEventsQuery,
  CreateConnectionMutation,
  CreateSecretMutation,
  CreateWorkflowMutation,
  LoginMutation,
  MeQuery,
  RunWorkflowMutation,
  SecretsQuery,
  UpdateSecretMutation,
} from '../support/operations';
import { startTestServer, type GraphQLResult, type TestServer } from '../support/server';

const NUM_RUNS = 80;
const KNOWN_SECRET = 'fuzz_known';
const KNOWN_VALUE = 'known-value';

let server: TestServer;
let admin: { cookie: string };
let peer: TestPeer;
let integrationSecretId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  peer = await startHttpsPeer();
  await server.request(
    CreateSecretMutation,
    { input: { kind: 'WEBHOOK', name: KNOWN_SECRET, value: KNOWN_VALUE } },
    admin,
  );
  const integration = await server.request(
    CreateSecretMutation,
    { input: { kind: 'INTEGRATION', name: 'fuzz integration', value: 'v' } },
    admin,
  );
  integrationSecretId = integration.data?.createSecret.id ?? '';
}, 30_000);

afterAll(async () => {
  await peer?.close();
  await server?.stop();
});

// After each batch: still up, still answering GraphQL for the signed-in admin.
afterEach(async () => {
  const health = await fetch(`${server.url}/healthz`);
  expect(health.status).toBe(200);
  const me = await server.request(MeQuery, {}, admin);
  expect(me.data?.me?.email).toBeDefined();
});

/**
 * The codes of a refused request, or null when it succeeded. Throws, failing the property,
 * on a 5xx, an error without a code, an internal error, or neither data nor errors.
 */
function outcome(result: GraphQLResult<unknown>): string[] | null {
  if (result.status >= 500) throw new Error(`HTTP ${result.status}: ${JSON.stringify(result)}`);
  if (!result.errors) {
    if (!result.data) throw new Error(`no data and no errors: ${JSON.stringify(result)}`);
    return null;
  }
  const codes = result.errors.map((error) => error.extensions?.code);
  if (!codes.every((code) => typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR')) {
    throw new Error(`an error without a usable code: ${JSON.stringify(result.errors)}`);
  }
  return codes.filter((code) => typeof code === 'string');
}

/** Row counts of the given tables, to prove a refused request wrote nothing. */
async function counts(...tables: string[]): Promise<Record<string, number>> {
  const entries = await Promise.all(
    tables.map(async (table) => {
      const [row]: { count: string }[] = await server.dataSource.query(
        `SELECT count(*) AS count FROM ${table}`,
      );
      return [table, Number(row?.count)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/**
 * Draws inputs that keep the rules, marked `valid` (they must be accepted), or anything at
 * all; counts the valid ones drawn, so that a run without any fails.
 */
function validOrAny<T>(valid: fc.Arbitrary<T>, any: fc.Arbitrary<T>) {
  const drawn = { valid: 0 };
  const arbitrary = fc.oneof(
    valid.map((input) => ({ input, valid: true })),
    any.map((input) => ({ input, valid: false })),
  );
  return { arbitrary, drawn };
}

let serial = 0;
/** Names are unique per kind: a valid name gets a suffix no other input has. */
const unique = (name: string) => `${name}-${(serial += 1)}`;

/** Printable text without control characters, as a user types it. */
const printable = (minLength: number, maxLength: number) =>
  fc
    .string({ unit: 'grapheme', minLength, maxLength })
    .filter((value) => !/\p{Cc}/u.test(value) && value.trim().length >= minLength);

const validExpiries = fc.option(
  fc
    .date({
      min: new Date(Date.now() + 86_400_000),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
  { nil: null },
);
const validHostLists = fc.option(
  fc.array(
    fc.oneof(
      fc.domain(),
      fc.domain().map((domain) => `*.${domain}`),
    ),
    { maxLength: 4 },
  ),
  { nil: undefined },
);
const validWebhookNames = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).map(unique);
/** A webhook value goes in a header: no line breaks. */
const validWebhookValues = fc.oneof(
  printable(1, 200),
  fc.constant('é'.repeat(32 * 1024)), // exactly 64 KiB
);

/** Characters that break naive code: controls, NUL, bidi overrides, look-alikes, emoji, surrogates. */
const nasty = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\r\n',
  '\t',
  ' ',
  '\u00a0',
  '\u200b',
  '\u202e',
  '\ufeff',
  'İ',
  'ß',
  'ﬀ',
  'Ａ',
  'é',
  'e\u0301',
  '😀',
  '\ud800',
  '\udfff',
  '%00',
  "'",
  '"',
  '\\',
  '`',
  '$',
  '{',
  '}',
  ';--',
  '<script>',
);
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.string({
      unit: fc.oneof(nasty, fc.string({ maxLength: 3 })),
      maxLength: Math.ceil(maxLength / 4),
    }),
  );

const names = fc.oneof(
  text(120),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/),
  fc.constantFrom('', ' ', 'a'.repeat(64), 'a'.repeat(65), 'b'.repeat(100), 'b'.repeat(101)),
);

/** A value of about 64 KiB, straddling the limit by a few bytes, in characters of 1 to 4 bytes. */
const nearLimit = fc
  .tuple(fc.constantFrom('a', 'é', '✓', '😀'), fc.integer({ min: -3, max: 3 }))
  .map(([char, extra]) => char.repeat(Math.floor((64 * 1024) / Buffer.byteLength(char)) + extra));
const values = fc.oneof(
  { weight: 4, arbitrary: text(200) },
  { weight: 1, arbitrary: nearLimit },
  { weight: 1, arbitrary: fc.constantFrom('', 'x'.repeat(1024 * 1024)) },
);

/** Past, far-future and edge dates; PostgreSQL's range is narrower than JavaScript's. */
const expiries = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom(
    '+275760-09-13T00:00:00.000Z',
    '9999-12-31T23:59:59.999Z',
    'not a date',
    '2030-02-30T00:00:00Z',
    '',
  ),
);

const hostLists = fc.option(
  fc.array(fc.oneof(fc.domain(), text(30), fc.constantFrom('*.example.com', '*', '127.0.0.1')), {
    maxLength: 4,
  }),
  { nil: undefined },
);

describe('createSecret', () => {
  it('answers every input with data or coded errors, accepts valid ones, and a refusal writes nothing', async () => {
    const validInput = fc.oneof(
      fc.record({
        kind: fc.constant('WEBHOOK'),
        name: validWebhookNames,
        value: validWebhookValues,
        description: fc.option(printable(0, 40), { nil: undefined }),
        expiresAt: validExpiries,
        allowedHosts: validHostLists,
      }),
      fc.record({
        kind: fc.constant('INTEGRATION'),
        name: printable(1, 80).map(unique),
        // An integration value is never sent in a header: any text, line breaks and NUL too.
        value: fc.oneof(
          validWebhookValues,
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
        ),
        description: fc.option(printable(0, 40), { nil: undefined }),
        expiresAt: validExpiries,
        allowedHosts: validHostLists,
      }),
    );
    const anyInput = fc.record({
      kind: fc.constantFrom('WEBHOOK', 'INTEGRATION'),
      name: names,
      value: values,
      description: fc.option(text(40), { nil: undefined }),
      expiresAt: expiries,
      allowedHosts: hostLists,
    });
    const { arbitrary, drawn } = validOrAny<{
      kind: string;
      name: string;
      value: string;
      description?: string;
      expiresAt?: string | null;
      allowedHosts?: string[];
    }>(validInput, anyInput);
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ input, valid }) => {
        const { kind, name, value } = input;
        const before = await counts('secrets', 'audit_events');
        const result = await server.request(
          parse(
            'mutation ($input: CreateSecretInput!) { createSecret(input: $input) { id name valueVersion } }',
          ),
          { input },
          admin,
        );
        const codes = outcome(result);
        const after = await counts('secrets', 'audit_events');
        if (valid) {
          drawn.valid += 1;
          expect(codes).toBeNull();
        }
        if (codes === null) {
          expect(after.secrets).toBe((before.secrets ?? 0) + 1);
          // What was accepted keeps the rules (S1, S2) and is stored as given.
          const trimmed = name.trim();
          expect(result.data).toMatchObject({ createSecret: { name: trimmed, valueVersion: 1 } });
          if (kind === 'WEBHOOK') expect(trimmed).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
          else expect(trimmed.length).toBeLessThanOrEqual(100);
          expect(trimmed).not.toMatch(/\p{Cc}/u);
          const bytes = Buffer.byteLength(value);
          expect(bytes).toBeGreaterThan(0);
          expect(bytes).toBeLessThanOrEqual(64 * 1024);
        } else {
          expect(after).toEqual(before);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(drawn.valid).toBeGreaterThan(0);
  }, 60_000);
});

describe('updateSecret', () => {
  it('answers every input with data or coded errors, accepts valid ones, and a refusal changes nothing', async () => {
    const created = await server.request(
      CreateSecretMutation,
      { input: { kind: 'WEBHOOK', name: 'fuzz_update_target', value: 'first' } },
      admin,
    );
    const id = created.data?.createSecret.id ?? '';
    const row = async () => {
      // All of the row but the expiry scanner's own bookkeeping, which it may write meanwhile.
      const rows: { row: string; version: number }[] = await server.dataSource.query(
        `SELECT (to_jsonb(s) - 'expiry_warned_for' - 'expiry_warned_days')::text AS row,
                s.value_version AS version
         FROM secrets s WHERE id = $1`,
        [id],
      );
      if (!rows[0]) throw new Error('the secret under test is gone');
      return rows[0];
    };
    const { arbitrary, drawn } = validOrAny<{
      name?: string | null;
      description?: string | null;
      value?: string | null;
      expiresAt?: string | null;
      allowedHosts?: string[];
    }>(
      fc.record(
        {
          name: validWebhookNames,
          description: fc.option(printable(0, 40), { nil: null }),
          value: validWebhookValues,
          expiresAt: validExpiries,
          allowedHosts: validHostLists,
        },
        { requiredKeys: ['name'] },
      ),
      fc.record(
        {
          name: fc.option(names, { nil: null }),
          description: fc.option(text(40), { nil: null }),
          value: fc.option(values, { nil: null }),
          expiresAt: expiries,
          allowedHosts: hostLists,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ input, valid }) => {
        const audit = async () => (await counts('audit_events')).audit_events ?? 0;
        const before = { ...(await row()), audit: await audit() };
        const result = await server.request(UpdateSecretMutation, { id, input }, admin);
        const codes = outcome(result);
        if (valid) {
          drawn.valid += 1;
          expect(codes).toBeNull();
          // Written as given: an audit entry for the new name (always new here), and a new
          // value version with its own entry for a new value.
          expect(result.data?.updateSecret).toMatchObject({
            id,
            valueVersion: before.version + (input.value ? 1 : 0),
            ...(input.name ? { name: input.name.trim() } : {}),
          });
          expect(await audit()).toBe(before.audit + 1 + (input.value ? 1 : 0));
        }
        if (codes !== null) {
          expect({ ...(await row()), audit: await audit() }).toEqual(before);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(drawn.valid).toBeGreaterThan(0);
  }, 60_000);
});

/** Template text: engine syntaxes, secret references well and badly formed, and noise. */
const templates = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '{{7*7}}',
        "{{constructor.constructor('return process')()}}",
        '${7*7}',
        '${process.exit(1)}',
        '#{7*7}',
        '<%= 7*7 %>',
        '{{secret:fuzz_known}}',
        '{secret:fuzz_known}',
        '{secret:FUZZ_KNOWN}',
        '{{{secret:fuzz_known}}}',
        '{secret:}',
        '{secret:a b}',
        '{secret:',
        '{secret:fuzz_known',
        '{secret:no_such_secret}',
        '{secret:' + 'x'.repeat(65) + '}',
        '{{',
        '}}',
      ),
      text(12),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const urls = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  text(60),
  fc.constantFrom(
    'https://user:pw@example.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://2130706433/',
    'https://[::1]/',
    'https://example.com/' + 'a'.repeat(2100),
    'https://exa mple.com/',
    '//example.com/',
  ),
  fc.constant('PEER'),
);

const headerNames = fc.oneof(
  fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/),
  text(30),
  fc.constantFrom('', ' X-Padded ', 'X:Colon', 'X-' + 'h'.repeat(300)),
);

const stepInputs = fc.array(
  fc.record({
    name: names,
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    url: urls,
    headers: fc.array(fc.record({ name: headerNames, value: templates }), { maxLength: 3 }),
    body: fc.option(text(60), { nil: null }),
  }),
  { maxLength: 3 },
);

/** HTTPS URLs that parse, without credentials, or the test peer. */
const validUrls = fc.oneof(
  fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }),
  fc.constant('PEER'),
);
/** Header text without line breaks, optionally around a reference to a secret that exists. */
const validHeaderValues = fc
  .tuple(
    fc.string({ maxLength: 30 }).filter((value) => !/secret:/i.test(value)),
    fc.constantFrom('', `{secret:${KNOWN_SECRET}}`),
    fc.string({ maxLength: 10 }).filter((value) => !/secret:/i.test(value)),
  )
  .map((parts) => parts.join(''));
const validSteps = fc.array(
  fc.record({
    name: printable(1, 60),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    url: validUrls,
    headers: fc.array(
      fc.record({
        name: fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/),
        value: validHeaderValues,
      }),
      { maxLength: 3 },
    ),
    body: fc.option(printable(0, 60), { nil: null }),
  }),
  { minLength: 1, maxLength: 3 },
);

describe('createWorkflow', () => {
  it('answers every input with data or coded errors, accepts valid ones, stores headers as written, and a refusal writes nothing', async () => {
    const { arbitrary, drawn } = validOrAny(
      fc.record({ name: printable(1, 60), steps: validSteps }),
      fc.record({ name: names, steps: stepInputs }),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ input, valid }) => {
        const steps = input.steps.map((step) => ({
          ...step,
          url: step.url === 'PEER' ? `${peer.url}/fuzz` : step.url,
        }));
        const tables = ['workflows', 'workflow_steps', 'audit_events'];
        const before = await counts(...tables);
        const result = await server.request(
          CreateWorkflowMutation,
          { input: { name: input.name, steps } },
          admin,
        );
        const codes = outcome(result);
        if (valid) {
          drawn.valid += 1;
          expect(codes).toBeNull();
          const after = await counts(...tables);
          expect([after.workflows, after.workflow_steps]).toEqual([
            (before.workflows ?? 0) + 1,
            (before.workflow_steps ?? 0) + steps.length,
          ]);
        }
        if (codes === null) {
          const saved = result.data?.createWorkflow;
          expect(saved?.steps.map((step) => step.headers.map((header) => header.value))).toEqual(
            steps.map((step) => step.headers.map((header) => header.value)),
          );
        } else {
          expect(await counts(...tables)).toEqual(before);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(drawn.valid).toBeGreaterThan(0);
  }, 60_000);
});

describe('createConnection', () => {
  it('answers every base URL and header name with data or coded errors, accepts valid ones, and a refusal writes nothing', async () => {
    const { arbitrary, drawn } = validOrAny<{
      name: string;
      url: string;
      authScheme: 'BEARER' | 'BASIC' | 'HEADER';
      headerName?: string;
    }>(
      fc.oneof(
        fc.record({
          name: printable(1, 60),
          url: validUrls,
          authScheme: fc.constantFrom('BEARER', 'BASIC'),
        }),
        fc.record({
          name: printable(1, 60),
          url: validUrls,
          authScheme: fc.constant('HEADER'),
          headerName: fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,40}$/),
        }),
      ),
      fc.record({
        name: names,
        url: urls,
        authScheme: fc.constantFrom('BEARER', 'BASIC', 'HEADER'),
        headerName: fc.option(headerNames, { nil: undefined }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ input, valid }) => {
        const tables = ['connections', 'audit_events'];
        const before = await counts(...tables);
        const result = await server.request(
          CreateConnectionMutation,
          {
            input: {
              name: input.name,
              provider: 'fuzz',
              baseUrl: input.url === 'PEER' ? `${peer.url}/fuzz` : input.url,
              authScheme: input.authScheme,
              headerName: input.headerName,
              secretId: integrationSecretId,
            },
          },
          admin,
        );
        const codes = outcome(result);
        if (valid) {
          drawn.valid += 1;
          expect(codes).toBeNull();
          expect(result.data?.createConnection).toMatchObject({ name: input.name.trim() });
          expect((await counts(...tables)).connections).toBe((before.connections ?? 0) + 1);
        }
        if (codes !== null) expect(await counts(...tables)).toEqual(before);
      }),
      { numRuns: NUM_RUNS },
    );
    expect(drawn.valid).toBeGreaterThan(0);
  }, 60_000);
});

describe('templates are never evaluated', () => {
  async function sendHeader(value: string): Promise<string | string[] | undefined> {
    const saved = await server.mutate(
      CreateWorkflowMutation,
      {
        input: {
          name: 'template',
          steps: [
            {
              name: 'send',
              method: 'GET',
              url: `${peer.url}/template`,
              headers: [{ name: 'X-Template', value }],
            },
          ],
        },
      },
      admin,
    );
    const id = saved.createWorkflow.id;
    peer.received.length = 0;
    const run = await server.request(RunWorkflowMutation, { id }, admin);
    expect(run.data?.runWorkflow.status).toBe('SUCCEEDED');
    return peer.received[0]?.headers['x-template'];
  }

  it.each([
    ['{{7*7}}', '{{7*7}}'],
    [
      "{{constructor.constructor('return process')()}}",
      "{{constructor.constructor('return process')()}}",
    ],
    ['${7*7} #{7*7} <%= 7*7 %>', '${7*7} #{7*7} <%= 7*7 %>'],
    [`{{7*7}}:{secret:${KNOWN_SECRET}}`, `{{7*7}}:${KNOWN_VALUE}`],
    [`{{{secret:${KNOWN_SECRET}}}}`, `{${KNOWN_VALUE}}`],
  ])('sends %s as %s', async (value, expected) => {
    expect(await sendHeader(value)).toBe(expected);
  });

  it('sends any printable template text exactly as written', async () => {
    const printable = fc
      .array(
        fc.oneof(
          fc.constantFrom('{{7*7}}', "{{constructor.constructor('return process')()}}", '${7*7}'),
          fc.string({ maxLength: 10 }),
        ),
        { maxLength: 5 },
      )
      .map((parts) => parts.join('').trim())
      // A `{secret:` fragment is a reference or refused; those are the property above.
      .filter((value) => !value.includes('{secret:'));
    await fc.assert(
      fc.asyncProperty(printable, async (value) => {
        expect(await sendHeader(value)).toBe(value);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

// Counterexamples fast-check found (INTERNAL_SERVER_ERROR before the fix), kept as plain
// tests. PostgreSQL cannot store NUL in text: a field that reaches a text column refuses it
// with BAD_USER_INPUT.
// Half a surrogate pair (valid in JSON, not in UTF-8) became U+FFFD on the way to the
// database: a secret stored other than as given. Refused now.
describe('unpaired surrogates', () => {
  it.each([
    ['an integration secret name', { name: 'x\ud800y', value: 'v' }],
    ['an integration secret value', { name: 'surrogate value', value: 'v\udfff' }],
  ])('in %s are refused with BAD_USER_INPUT, writing nothing', async (_field, input) => {
    const before = await counts('secrets');
    const result = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', ...input } },
      admin,
    );
    expect(outcome(result)).toEqual(['BAD_USER_INPUT']);
    expect(await counts('secrets')).toEqual(before);
  });

  it('as a whole pair are kept as given', async () => {
    const result = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: 'key 🔑', value: '🔑' } },
      admin,
    );
    expect(result.data?.createSecret.name).toBe('key 🔑');
  });
});

describe('NUL characters', () => {
  it('are kept in an integration secret value, which is encrypted, never stored as text', async () => {
    const result = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: 'nul value', value: 'a\u0000b' } },
      admin,
    );
    expect(outcome(result)).toBeNull();
  });

  const NUL = 'a\u0000b';
  const step = (extra: Record<string, string>) => ({
    name: 'step',
    method: 'GET' as const,
    url: 'https://example.com/',
    headers: [],
    ...extra,
  });

  it.each([
    [
      'a connection name',
      () =>
        server.request(
          CreateConnectionMutation,
          {
            input: {
              name: NUL,
              provider: 'fuzz',
              baseUrl: 'https://a.aa',
              authScheme: 'BEARER',
              secretId: integrationSecretId,
            },
          },
          admin,
        ),
    ],
    [
      'a connection provider',
      () =>
        server.request(
          CreateConnectionMutation,
          {
            input: {
              name: 'nul provider',
              provider: NUL,
              baseUrl: 'https://a.aa',
              authScheme: 'BEARER',
              secretId: integrationSecretId,
            },
          },
          admin,
        ),
    ],
    [
      'a secret description',
      () =>
        server.request(
          CreateSecretMutation,
          { input: { kind: 'WEBHOOK', name: 'nul_description', value: 'v', description: NUL } },
          admin,
        ),
    ],
    [
      'a workflow name',
      () =>
        server.request(CreateWorkflowMutation, { input: { name: NUL, steps: [step({})] } }, admin),
    ],
    [
      'a step name',
      () =>
        server.request(
          CreateWorkflowMutation,
          { input: { name: 'nul step', steps: [step({ name: NUL })] } },
          admin,
        ),
    ],
    [
      'a step URL',
      () =>
        server.request(
          CreateWorkflowMutation,
          { input: { name: 'nul url', steps: [step({ url: `https://example.com/${NUL}` })] } },
          admin,
        ),
    ],
    [
      'a step body',
      () =>
        server.request(
          CreateWorkflowMutation,
          { input: { name: 'nul body', steps: [step({ body: NUL })] } },
          admin,
        ),
    ],
    ['a secrets search', () => server.request(SecretsQuery, { filter: { search: NUL } }, admin)],
    ['an audit filter', () => server.request(AuditEventsQuery, { filter: { action: NUL } }, admin)],
    [
      'a login email',
      () => server.request(LoginMutation, { email: NUL, password: 'not the password' }),
    ],
  ])('in %s is refused with BAD_USER_INPUT', async (_field, send) => {
    const result: GraphQLResult<unknown> = await send();
    expect(outcome(result)).toEqual(['BAD_USER_INPUT']);
  });
});
