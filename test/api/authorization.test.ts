// A1 and A2 over the whole schema: every mutation and subscription the server builds, for
// every kind of caller. The operations come from the schema itself, so a new mutation or
// subscription without a row here fails the test until someone says who may call it.
import {
  getNamedType,
  isObjectType,
  parse,
  print,
  type DocumentNode,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import { buildAppSchema } from '../../apps/server/src/graphql/schema';
import { createLocalPubSub } from '../../apps/server/src/db/topics';
import { useHttpsPeer } from '../support/https-peer';
import { uniqueName } from '../support/names';
import {
  CreateApiTokenMutation,
  CreateConnectionMutation,
  CreateNotificationChannelMutation,
  CreateSecretMutation,
  CreateUserMutation,
  CreateWorkflowMutation,
  NotificationsQuery,
  UpdateSecretMutation,
} from '../support/operations';
import { errorCodes, startTestServer, type Credentials, type TestServer } from '../support/server';
import { subscribe, waitFor } from '../support/ws';

// Each login costs a 128 MiB scrypt hash; on a busy machine this file takes a while.
jest.setTimeout(240_000);

const DAY = 86_400_000;
const VIEWER_EMAIL = 'viewer@example.com';
const VIEWER_PASSWORD = 'viewer password 123';
const LOGIN_EMAIL = 'login-only@example.com';
const LOGIN_PASSWORD = 'login-only password';

let server: TestServer;
let admin: { cookie: string };
let viewerSession: { cookie: string };
let viewerToken: { token: string };
const https = useHttpsPeer();

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
  for (const [email, password] of [
    [VIEWER_EMAIL, VIEWER_PASSWORD],
    [LOGIN_EMAIL, LOGIN_PASSWORD],
  ] as const) {
    const created = await server.request(
      CreateUserMutation,
      { input: { email, password, role: 'VIEWER' } },
      admin,
    );
    expect(errorCodes(created)).toEqual([]);
  }
  const token = await server.request(
    CreateApiTokenMutation,
    { input: { name: 'viewer-service', role: 'VIEWER' } },
    admin,
  );
  viewerToken = { token: token.data?.createApiToken.token ?? '' };
  viewerSession = await server.login(VIEWER_EMAIL, VIEWER_PASSWORD);
});
afterAll(() => server.stop());

type Caller = 'nobody' | 'VIEWER session' | 'VIEWER token' | 'ADMIN';
const CALLERS: readonly Caller[] = ['nobody', 'VIEWER session', 'VIEWER token', 'ADMIN'];

/** The caller's credentials; a fresh session when the call ends the one it came with. */
async function credentialsOf(caller: Caller, fresh: boolean): Promise<Credentials> {
  switch (caller) {
    case 'nobody':
      return null;
    case 'VIEWER token':
      return viewerToken;
    case 'VIEWER session':
      return fresh ? server.login(VIEWER_EMAIL, VIEWER_PASSWORD) : viewerSession;
    case 'ADMIN':
      return fresh ? server.login() : admin;
  }
}

// Fixtures, made by the admin for each call, so that every call has live targets.
async function created<T>(result: { data?: T | null; errors?: unknown }): Promise<T> {
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}
const newSecret = async (kind: 'INTEGRATION' | 'WEBHOOK', expiresAt?: string) =>
  (
    await created(
      await server.request(
        CreateSecretMutation,
        { input: { kind, name: uniqueName('authz'), value: 'authz-value', expiresAt } },
        admin,
      ),
    )
  ).createSecret;
const connectionInput = (secretId: string) => ({
  name: uniqueName('conn'),
  provider: 'jira',
  baseUrl: `${https.peer.url}/rest`,
  authScheme: 'BEARER' as const,
  secretId,
});
const newConnection = async () =>
  (
    await created(
      await server.request(
        CreateConnectionMutation,
        { input: connectionInput((await newSecret('INTEGRATION')).id) },
        admin,
      ),
    )
  ).createConnection.id;
/** A workflow whose one step sends a webhook secret to the peer. */
const workflowInput = async () => ({
  name: uniqueName('flow'),
  steps: [
    {
      name: 'call the peer',
      method: 'POST' as const,
      url: `${https.peer.url}/hook`,
      headers: [
        { name: 'Authorization', value: `Bearer {secret:${(await newSecret('WEBHOOK')).name}}` },
      ],
    },
  ],
});
const newWorkflow = async () =>
  (
    await created(
      await server.request(CreateWorkflowMutation, { input: await workflowInput() }, admin),
    )
  ).createWorkflow.id;
const newApiToken = async () =>
  (
    await created(
      await server.request(
        CreateApiTokenMutation,
        { input: { name: uniqueName('token'), role: 'VIEWER' } },
        admin,
      ),
    )
  ).createApiToken.apiToken.id;
/**
 * A WEBHOOK channel to the peer, for reminders of webhook secrets only: this file's expiring
 * secrets are integration secrets, so no reminder is sent to the peer behind a row's back.
 */
const channelInput = async () => ({
  name: uniqueName('channel'),
  type: 'WEBHOOK' as const,
  url: `${https.peer.url}/channel`,
  secretId: (await newSecret('WEBHOOK')).id,
  kind: 'WEBHOOK' as const,
});
const newChannel = async () =>
  (
    await created(
      await server.request(
        CreateNotificationChannelMutation,
        { input: await channelInput() },
        admin,
      ),
    )
  ).createNotificationChannel.id;
/** A notification of a secret that expires in 3 days, once the scanner has raised it. */
async function newNotification(): Promise<string> {
  const secret = await newSecret('INTEGRATION', new Date(Date.now() + 3 * DAY).toISOString());
  const deadline = Date.now() + 10_000;
  for (;;) {
    const list = await server.request(NotificationsQuery, { first: 100 }, admin);
    const raised = list.data?.notifications.find((item) => item.secretId === secret.id);
    if (raised) return raised.id;
    if (Date.now() > deadline) throw new Error('the expiry warning was never raised');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface Outcome {
  codes: unknown[];
  data: unknown;
  changed: string[] | 'not checked';
  sent: number;
}

interface MutationRow {
  /** Fresh arguments for one call. */
  variables: () => Promise<Record<string, unknown>>;
  /** DESIGN A2: the few mutations a VIEWER may call. */
  viewerMay?: true;
  /** Allowed without credentials (only login). */
  anyoneMay?: true;
  /** Ends the caller's session: the call gets a session of its own. */
  endsSession?: true;
  /** Sends one request to the peer when allowed. */
  sends?: true;
}

const MUTATIONS: Record<string, MutationRow> = {
  createApiToken: {
    variables: async () => ({ input: { name: uniqueName('token'), role: 'ADMIN' } }),
  },
  createConnection: {
    variables: async () => ({ input: connectionInput((await newSecret('INTEGRATION')).id) }),
  },
  createNotificationChannel: { variables: async () => ({ input: await channelInput() }) },
  createSecret: {
    variables: async () => ({
      input: { kind: 'WEBHOOK', name: uniqueName('authz'), value: 'authz-value' },
    }),
  },
  createUser: {
    variables: async () => ({
      input: {
        email: `${uniqueName('user')}@example.com`,
        password: 'a long enough password',
        role: 'ADMIN',
      },
    }),
  },
  createWorkflow: { variables: async () => ({ input: await workflowInput() }) },
  deleteConnection: { variables: async () => ({ id: await newConnection() }) },
  deleteNotificationChannel: { variables: async () => ({ id: await newChannel() }) },
  deleteSecret: {
    variables: async () => ({ id: (await newSecret('WEBHOOK')).id, force: true }),
  },
  deleteWorkflow: { variables: async () => ({ id: await newWorkflow() }) },
  login: {
    variables: async () => ({ email: LOGIN_EMAIL, password: LOGIN_PASSWORD }),
    anyoneMay: true,
    viewerMay: true,
    endsSession: true,
  },
  logout: { variables: async () => ({}), viewerMay: true, endsSession: true },
  markNotificationsRead: {
    variables: async () => ({ ids: [await newNotification()] }),
    viewerMay: true,
  },
  revokeApiToken: { variables: async () => ({ id: await newApiToken() }) },
  revokeSecret: { variables: async () => ({ id: (await newSecret('WEBHOOK')).id }) },
  rollbackSecret: {
    variables: async () => {
      const { id } = await newSecret('WEBHOOK');
      await created(
        await server.request(
          UpdateSecretMutation,
          { id, input: { value: 'authz-value-2' } },
          admin,
        ),
      );
      return { id, version: 1, expectedValueVersion: 2 };
    },
  },
  runWorkflow: { variables: async () => ({ id: await newWorkflow() }), sends: true },
  testConnection: { variables: async () => ({ id: await newConnection() }), sends: true },
  updateConnection: {
    variables: async () => ({ id: await newConnection(), input: { name: uniqueName('renamed') } }),
  },
  testNotificationChannel: { variables: async () => ({ id: await newChannel() }), sends: true },
  updateNotificationChannel: {
    variables: async () => ({ id: await newChannel(), input: { name: uniqueName('renamed') } }),
  },
  updateSecret: {
    variables: async () => ({
      id: (await newSecret('WEBHOOK')).id,
      input: { description: 'changed' },
    }),
  },
  updateWorkflow: {
    variables: async () => ({ id: await newWorkflow(), input: await workflowInput() }),
  },
};

/** DESIGN A1 and A2: the code that refuses `caller`, or null when it may call the mutation. */
function refusalFor(row: MutationRow, caller: Caller): 'UNAUTHENTICATED' | 'FORBIDDEN' | null {
  if (caller === 'nobody') return row.anyoneMay ? null : 'UNAUTHENTICATED';
  if (caller === 'ADMIN' || row.viewerMay) return null;
  return 'FORBIDDEN';
}

/** A document calling `field` with every argument as a variable, selecting `selection`. */
function documentFor(
  operation: 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  selection = '__typename',
): DocumentNode {
  const parameters = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selected = isObjectType(getNamedType(field.type)) ? ` { ${selection} }` : '';
  return parse(
    `${operation}${parameters ? `(${parameters})` : ''} { ${field.name}${args ? `(${args})` : ''}${selected} }`,
  );
}

/** Columns that record a credential's use, which even a refused call makes. */
const USE_COLUMNS = ['sessions.last_seen_at', 'api_tokens.last_used_at'];
let dumpQuery: Promise<string> | undefined;

/** One statement that returns every table's rows, but the use columns, as one JSON object. */
async function buildDumpQuery(): Promise<string> {
  const columns: { table_name: string; column_name: string }[] = await server.dataSource.query(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) {
    if (USE_COLUMNS.includes(`${table_name}.${column_name}`)) continue;
    tables.set(table_name, [...(tables.get(table_name) ?? []), `"${column_name}"`]);
  }
  const parts = [...tables].map(
    ([table, names]) =>
      `'${table}', (SELECT coalesce(json_agg(row ORDER BY row::text), '[]')
                    FROM (SELECT ${names.join(', ')} FROM "${table}") row)`,
  );
  return `SELECT json_build_object(${parts.join(', ')}) AS tables`;
}

/** Every table's rows, by table name. */
async function dump(): Promise<Record<string, unknown>> {
  const result: { tables: Record<string, unknown> }[] = await server.dataSource.query(
    await (dumpQuery ??= buildDumpQuery()),
  );
  return result[0]?.tables ?? {};
}

const schema = buildAppSchema(createLocalPubSub());
const fieldsOf = (type: GraphQLObjectType | null | undefined) =>
  Object.values(type?.getFields() ?? {});

describe('A1 and A2 for every mutation', () => {
  it('has a row for each mutation of the schema, and only those', async () => {
    const names = fieldsOf((await schema).getMutationType()).map((field) => field.name);
    expect(names.sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  it('refuses what the caller may not do, changing nothing and sending nothing', async () => {
    /** Per mutation and caller: its error codes, the tables it changed, the requests it sent. */
    const outcomes: Record<string, Record<string, Outcome>> = {};
    const expected: typeof outcomes = {};
    for (const field of fieldsOf((await schema).getMutationType())) {
      const row = MUTATIONS[field.name];
      if (!row) continue; // the test above fails
      const document = documentFor('mutation', field);
      outcomes[field.name] = {};
      expected[field.name] = {};
      for (const caller of CALLERS) {
        const credentials = await credentialsOf(caller, row.endsSession ?? false);
        const variables = await row.variables();
        const sentBefore = https.peer.received.length;
        const before = await dump();
        const result = await server.request(document, variables, credentials);
        const after = await dump();
        const refusal = refusalFor(row, caller);
        const changed = Object.keys(after).filter(
          (table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]),
        );
        outcomes[field.name]![caller] = {
          codes: errorCodes(result),
          data: result.data ?? null,
          changed: refusal ? changed : 'not checked',
          sent: https.peer.received.length - sentBefore,
        };
        // An allowed call succeeds: the fixtures make every call valid, so a refusal is the
        // caller's role, never the input.
        expected[field.name]![caller] = refusal
          ? { codes: [refusal], data: null, changed: [], sent: 0 }
          : {
              codes: [],
              data: { [field.name]: expect.anything() as unknown },
              changed: 'not checked',
              sent: row.sends ? 1 : 0,
            };
      }
    }
    expect(outcomes).toEqual(expected);
  });
});

interface SubscriptionRow {
  selection: string;
  /** Makes the server push an event to the subscription; returns what the event names. */
  trigger: () => Promise<string>;
}

/** A secret created as expiring in 3 days: a secret event and an expiry warning. */
const expiringSecret = async () =>
  (await newSecret('INTEGRATION', new Date(Date.now() + 3 * DAY).toISOString())).id;

const SUBSCRIPTIONS: Record<string, SubscriptionRow> = {
  expiryWarnings: { selection: 'secretId', trigger: expiringSecret },
  secretEvents: { selection: 'secretId', trigger: expiringSecret },
};

describe('A1 and A2 for every subscription', () => {
  it('has a row for each subscription of the schema, and only those', async () => {
    const names = fieldsOf((await schema).getSubscriptionType()).map((field) => field.name);
    expect(names.sort()).toEqual(Object.keys(SUBSCRIPTIONS).sort());
  });

  // Subscriptions are reads: any signed-in caller may listen (DESIGN A2), nobody else.
  it('closes the socket of a caller without credentials with 4401 and serves every other', async () => {
    const wsOptions = (credentials: Credentials) =>
      credentials === null
        ? {}
        : 'cookie' in credentials
          ? { cookie: credentials.cookie }
          : { authorization: `Bearer ${credentials.token}` };
    const outcomes: Record<string, Record<string, unknown>> = {};
    const expected: typeof outcomes = {};
    for (const field of fieldsOf((await schema).getSubscriptionType())) {
      const row = SUBSCRIPTIONS[field.name];
      if (!row) continue; // the test above fails
      const query = print(documentFor('subscription', field, row.selection));
      outcomes[field.name] = {};
      expected[field.name] = {};
      for (const caller of CALLERS) {
        const live = await subscribe<Record<string, { secretId: string }>>(
          server.url,
          query,
          {},
          wsOptions(await credentialsOf(caller, false)),
        );
        try {
          if (caller === 'nobody') {
            await waitFor(() => live.closeCode() !== undefined, 'the socket to close');
            outcomes[field.name]![caller] = { closeCode: live.closeCode() };
            expected[field.name]![caller] = { closeCode: 4401 };
            continue;
          }
          const named = await row.trigger();
          const received = () => live.events.some((event) => event[field.name]?.secretId === named);
          await waitFor(
            () => live.closeCode() !== undefined || received(),
            `the ${field.name} event to reach the ${caller}`,
          );
          outcomes[field.name]![caller] = { closeCode: live.closeCode(), received: received() };
          expected[field.name]![caller] = { closeCode: undefined, received: true };
        } finally {
          await live.dispose();
        }
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
