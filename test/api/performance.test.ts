import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Client as PgClient } from 'pg';
import { graphql } from '@secrets/schema';
import {
  CreateConnectionMutation,
  CreateUserMutation,
  CreateWorkflowMutation,
  RunWorkflowMutation,
  UpdateSecretMutation,
  WorkflowQuery,
} from '../support/operations';
import { uniqueName } from '../support/names';
import { startTestServer, type TestServer } from '../support/server';
import { subscribe, waitFor, type LiveSubscription } from '../support/ws';
import { createSecret as newSecret } from '../support/factories';

/** B1: one secret and its creator, not the dependents and history the SPA's details add. */
const SecretWithCreatorQuery = graphql(`
  query SecretWithCreator($id: ID!) {
    secret(id: $id) {
      id
      name
      createdBy {
        email
      }
    }
  }
`);

/** The B2 benchmark's document: the dependents' own fields only. */
const SecretListWithVersionsQuery = graphql(`
  query SecretListWithVersions($first: Int) {
    secrets(first: $first) {
      nodes {
        id
        versions {
          version
          current
          createdBy {
            email
          }
        }
      }
    }
  }
`);

const SecretListWithDependentsQuery = graphql(`
  query SecretListWithDependents($first: Int) {
    secrets(first: $first) {
      nodes {
        id
        name
        createdBy {
          id
          email
        }
        dependents {
          __typename
          ... on Connection {
            id
            name
          }
          ... on Workflow {
            id
            name
          }
        }
      }
    }
  }
`);

interface DependentsPage {
  secrets: { nodes: { id: string; dependents: unknown[] }[]; pageInfo: { endCursor: string } };
}

/** The dependents asked through fragments, of a later page of a filtered list. */
const SecretPageWithDependentFragments = parse(`
  query ($filter: SecretFilter, $first: Int, $after: String) {
    secrets(filter: $filter, first: $first, after: $after) {
      ... on SecretPage { nodes { ...Row } }
      pageInfo { endCursor }
    }
  }
  fragment Row on Secret {
    id
    dependents { ... on Connection { id name } ... on Workflow { id name } }
  }`) as TypedDocumentNode<
  DependentsPage,
  { filter: { search: string }; first: number; after?: string }
>;

/** One secret's dependents, asked on their own. */
const SecretDependentsQuery = parse(`query ($id: ID!) {
  secret(id: $id) { dependents { ... on Connection { id name } ... on Workflow { id name } } }
}`) as TypedDocumentNode<{ secret: { dependents: unknown[] } }, { id: string }>;

/** Deeper: what the dependents' own rows do not hold, loaded by DataLoader. */
const SecretListWithDeepDependentsQuery = graphql(`
  query SecretListWithDeepDependents($first: Int) {
    secrets(first: $first) {
      nodes {
        id
        createdBy {
          email
        }
        dependents {
          __typename
          ... on Connection {
            id
            status
            secret {
              id
              name
            }
          }
          ... on Workflow {
            id
            steps {
              name
            }
          }
        }
      }
    }
  }
`);

const WorkflowRunsQuery = graphql(`
  query WorkflowRunsOfEach {
    workflows {
      id
      runs(first: 2) {
        id
        workflow {
          id
        }
      }
    }
  }
`);

const SECRET_EVENTS_WITH_SECRET = `subscription {
  secretEvents { type secretId secret { id name status createdBy { email } } }
}`;

const SECRET_EVENTS_OF_KIND = `subscription ($kind: SecretKind) {
  secretEvents(kind: $kind) { type secretId secret { id kind } }
}`;

interface SecretEventData {
  secretEvents: {
    type: string;
    secretId: string;
    secret: { id: string; name: string; status: string; createdBy: { email: string } | null };
  };
}

let server: TestServer;
let admin: { cookie: string };

/**
 * Counts the SQL statements the server sends while `work` runs, at the driver: TypeORM's and
 * the plain SQL of the read paths alike (every pg client's `query`). The server's own
 * background work (an expiry scan that a change requested, the delivery worker) may land in
 * any one run, and only adds: the fewest of three runs is what `work` itself sent.
 */
async function countQueries(work: () => Promise<unknown>): Promise<number> {
  const prototype = PgClient.prototype as unknown as Record<
    'query',
    (...args: unknown[]) => unknown
  >;
  const query = prototype.query;
  const counts: number[] = [];
  for (let run = 0; run < 3; run++) {
    let count = 0;
    prototype.query = function (this: PgClient, ...args: unknown[]) {
      count += 1;
      return query.apply(this, args);
    };
    try {
      await work();
    } finally {
      prototype.query = query;
    }
    counts.push(count);
  }
  return Math.min(...counts);
}

async function createSecret(kind: 'WEBHOOK' | 'INTEGRATION', name = uniqueName('perf')) {
  return newSecret({ server, admin }, { kind, name, value: 'a value' });
}

async function createWorkflow(secretNames: string[]) {
  const { createWorkflow: workflow } = await server.mutate(
    CreateWorkflowMutation,
    {
      input: {
        name: uniqueName('flow'),
        steps: [
          {
            name: 'call',
            method: 'POST',
            // Never sent: runs go to an unreachable port and fail fast.
            url: 'https://127.0.0.1:9/hook',
            headers: secretNames.map((name, index) => ({
              name: `x-key-${index}`,
              value: `{secret:${name}}`,
            })),
            body: '{}',
          },
        ],
      },
    },
    admin,
  );
  return workflow;
}

beforeAll(async () => {
  // A page of 50 secrets with their dependents' steps could reach far more than the default
  // answer budget at its largest (every list at its cap); these tests count statements.
  server = await startTestServer({ env: { RESPONSE_MAX_BYTES: String(256 * 1024 * 1024) } });
  admin = await server.login();
}, 30_000);
afterAll(() => server.stop());

describe('B2 no N+1 (DataLoader)', () => {
  let hook: { id: string; name: string };
  let integration: { id: string; name: string };
  let connectionId: string;
  let workflowId: string;

  beforeAll(async () => {
    for (let index = 0; index < 24; index += 1) {
      await createSecret('WEBHOOK');
      await createSecret('INTEGRATION');
    }
    // Named to sort first, so that even a page of 5 contains them.
    hook = await createSecret('WEBHOOK', `aaa_${uniqueName('hook')}`);
    integration = await createSecret('INTEGRATION', `aaa_${uniqueName('key')}`);
    const connection = await server.request(
      CreateConnectionMutation,
      {
        input: {
          name: uniqueName('conn'),
          provider: 'jira',
          baseUrl: 'https://jira.example.com/rest/api',
          authScheme: 'BEARER',
          secretId: integration.id,
        },
      },
      admin,
    );
    connectionId = connection.data?.createConnection.id ?? '';
    workflowId = (await createWorkflow([hook.name])).id;
  }, 60_000);

  it('runs as many SQL queries for 50 secrets with dependents and createdBy as for 5', async () => {
    const few = await countQueries(() =>
      server.request(SecretListWithDependentsQuery, { first: 5 }, admin),
    );
    const many = await countQueries(() =>
      server.request(SecretListWithDependentsQuery, { first: 50 }, admin),
    );
    expect(many).toBe(few);
    // The page with its count and every feature's dependents (connections, workflows with
    // the names they reference, notification channels): one statement (the caller is cached:
    // authentication sends nothing).
    expect(many).toBe(1);
  });

  it('loads the secret of every connection and the steps of every workflow in one query each', async () => {
    const few = await countQueries(() =>
      server.request(SecretListWithDeepDependentsQuery, { first: 5 }, admin),
    );
    const many = await countQueries(() =>
      server.request(SecretListWithDeepDependentsQuery, { first: 50 }, admin),
    );
    expect(many).toBe(few);
    // The 1 above, then the connections' secrets and the workflows' steps.
    expect(many).toBeLessThanOrEqual(3);
  });

  it('loads the versions of every secret, and their authors, in one query each', async () => {
    await server.mutate(
      UpdateSecretMutation,
      { id: hook.id, input: { value: 'a second value' } },
      admin,
    );
    const few = await countQueries(() =>
      server.request(SecretListWithVersionsQuery, { first: 5 }, admin),
    );
    const result = await server.request(SecretListWithVersionsQuery, { first: 50 }, admin);
    const many = await countQueries(() =>
      server.request(SecretListWithVersionsQuery, { first: 50 }, admin),
    );
    expect(many).toBe(few);
    // The page with its count, versions, their authors.
    expect(many).toBeLessThanOrEqual(3);
    const nodes = result.data?.secrets.nodes ?? [];
    expect(nodes).toHaveLength(50);
    expect(nodes.find((node) => node.id === hook.id)?.versions).toEqual([
      { version: 2, current: true, createdBy: { email: 'admin@example.com' } },
      { version: 1, current: false, createdBy: { email: 'admin@example.com' } },
    ]);
    expect(
      nodes.filter((node) => node.id !== hook.id).every((node) => node.versions.length === 1),
    ).toBe(true);
  });

  it('reads one secret with its creator in one query after authentication (B1)', async () => {
    const queries = await countQueries(async () => {
      const result = await server.request(SecretWithCreatorQuery, { id: hook.id }, admin);
      expect(result.data?.secret).toMatchObject({
        id: hook.id,
        name: hook.name,
        createdBy: { email: 'admin@example.com' },
      });
    });
    // The secret joined with its creator: one statement (the caller is cached).
    expect(queries).toBe(1);
  });

  it('still lists each secret with its own dependents, fully loaded', async () => {
    const result = await server.request(SecretListWithDeepDependentsQuery, { first: 50 }, admin);
    expect(result.errors).toBeUndefined();
    const nodes = result.data?.secrets.nodes ?? [];
    expect(nodes).toHaveLength(50);
    const byId = new Map(nodes.map((node) => [node.id, node]));
    expect(byId.get(integration.id)?.dependents).toEqual([
      {
        __typename: 'Connection',
        id: connectionId,
        status: 'READY',
        secret: { id: integration.id, name: integration.name },
      },
    ]);
    expect(byId.get(hook.id)?.dependents).toEqual([
      {
        __typename: 'Workflow',
        id: workflowId,
        steps: [{ name: 'call' }],
      },
    ]);
    const others = nodes.filter((node) => node.id !== hook.id && node.id !== integration.id);
    expect(others.every((node) => node.dependents.length === 0)).toBe(true);
    expect(nodes.every((node) => node.createdBy?.email === 'admin@example.com')).toBe(true);
  });

  it('lists each secret with the dependents its own query finds, on any page, through fragments', async () => {
    const filter = { search: 'aaa_' };
    const first = await server.mutate(
      SecretPageWithDependentFragments,
      { filter, first: 1 },
      admin,
    );
    const second = await server.mutate(
      SecretPageWithDependentFragments,
      { filter, first: 1, after: first.secrets.pageInfo.endCursor },
      admin,
    );
    // The page with its dependents: one statement, through fragments too.
    expect(
      await countQueries(() =>
        server.mutate(
          SecretPageWithDependentFragments,
          { filter, first: 1, after: first.secrets.pageInfo.endCursor },
          admin,
        ),
      ),
    ).toBe(1);
    const listed = [...first.secrets.nodes, ...second.secrets.nodes];
    expect(listed.map((node) => node.id).sort()).toEqual([hook.id, integration.id].sort());
    for (const node of listed) {
      const own = await server.mutate(SecretDependentsQuery, { id: node.id }, admin);
      expect(node.dependents).toHaveLength(1);
      expect(node.dependents).toEqual(own.secret.dependents);
    }
  });

  it('loads the runs of every workflow, and each run its workflow, in a fixed number of queries', async () => {
    const second = (await createWorkflow([hook.name])).id;
    for (const id of [workflowId, workflowId, workflowId, second]) {
      await server.request(RunWorkflowMutation, { id }, admin);
    }
    const queries = await countQueries(async () => {
      const result = await server.request(WorkflowRunsQuery, {}, admin);
      expect(result.errors).toBeUndefined();
      const runsOf = new Map(
        (result.data?.workflows ?? []).map((workflow) => [workflow.id, workflow.runs]),
      );
      expect(runsOf.get(workflowId)).toHaveLength(2);
      expect(runsOf.get(second)).toHaveLength(1);
      for (const [id, runs] of runsOf)
        expect(runs?.every((run) => run.workflow?.id === id)).toBe(true);
    });
    // Workflows, run ids, runs, their workflows.
    expect(queries).toBeLessThanOrEqual(4);
    // The same newest runs as the single-workflow query, in the same order.
    const single = await server.request(WorkflowQuery, { id: workflowId, runs: 2 }, admin);
    const listed = await server.request(WorkflowRunsQuery, {}, admin);
    expect(
      listed.data?.workflows.find((workflow) => workflow.id === workflowId)?.runs.map((r) => r.id),
    ).toEqual(single.data?.workflow?.runs.map((run) => run.id));
  });
});

describe('B5 fan-out: one execution per distinct document and role, per event', () => {
  const ADMINS = 12;
  let viewer: { cookie: string };
  const subscriptions: LiveSubscription<SecretEventData>[] = [];

  beforeAll(async () => {
    const email = `${uniqueName('viewer')}@example.com`;
    await server.request(
      CreateUserMutation,
      { input: { email, password: 'a viewer password', role: 'VIEWER' } },
      admin,
    );
    viewer = await server.login(email, 'a viewer password');
    for (let index = 0; index < ADMINS; index += 1)
      subscriptions.push(await subscribe(server, SECRET_EVENTS_WITH_SECRET, {}, admin));
    subscriptions.push(await subscribe(server, SECRET_EVENTS_WITH_SECRET, {}, viewer));
  }, 30_000);
  afterAll(() => Promise.all(subscriptions.map((subscription) => subscription.dispose())));

  it('delivers the same correct event to every subscriber, executing once per role', async () => {
    const before = server.fanOut.stats();
    const secret = await createSecret('WEBHOOK');
    const received = (subscription: LiveSubscription<SecretEventData>) =>
      subscription.events.find((event) => event.secretEvents.secretId === secret.id);
    await waitFor(
      () => subscriptions.every((subscription) => received(subscription)),
      'the event at every subscriber',
    );
    const expected: SecretEventData = {
      secretEvents: {
        type: 'CREATED',
        secretId: secret.id,
        secret: {
          id: secret.id,
          name: secret.name,
          status: 'ACTIVE',
          createdBy: { email: 'admin@example.com' },
        },
      },
    };
    // Each admin and the viewer get what their role may read: all of it, for this event.
    for (const subscription of subscriptions) expect(received(subscription)).toEqual(expected);
    const after = server.fanOut.stats();
    expect(after.deliveries - before.deliveries).toBe(ADMINS + 1);
    expect(after.executions - before.executions).toBe(2);
  });
});

describe('B5 fan-out: shared streams keep each subscriber to its own operation', () => {
  type KindEvent = { secretEvents: { secretId: string; secret: { kind: string } | null } };
  const secretIds = (subscription: LiveSubscription<KindEvent>) =>
    subscription.events.map((event) => event.secretEvents.secretId);

  it('applies each variable set its own filter', async () => {
    const webhooks = await subscribe<KindEvent>(
      server,
      SECRET_EVENTS_OF_KIND,
      { kind: 'WEBHOOK' },
      admin,
    );
    const integrations = await subscribe<KindEvent>(
      server,
      SECRET_EVENTS_OF_KIND,
      { kind: 'INTEGRATION' },
      admin,
    );
    try {
      const hook = await createSecret('WEBHOOK');
      const key = await createSecret('INTEGRATION');
      await waitFor(
        () => secretIds(webhooks).includes(hook.id) && secretIds(integrations).includes(key.id),
        'each event at its own subscriber',
      );
      expect(secretIds(webhooks)).toEqual([hook.id]);
      expect(secretIds(integrations)).toEqual([key.id]);
    } finally {
      await webhooks.dispose();
      await integrations.dispose();
    }
  });

  it('serves a subscriber that arrives after every earlier one of its operation left', async () => {
    const first = await subscribe<KindEvent>(
      server,
      SECRET_EVENTS_OF_KIND,
      { kind: 'INTEGRATION' },
      admin,
    );
    const before = await createSecret('INTEGRATION');
    await waitFor(() => secretIds(first).includes(before.id), 'the first event');
    await first.dispose();

    const later = await subscribe<KindEvent>(
      server,
      SECRET_EVENTS_OF_KIND,
      { kind: 'INTEGRATION' },
      admin,
    );
    try {
      const after = await createSecret('INTEGRATION');
      await waitFor(() => secretIds(later).includes(after.id), 'the event after a reopen');
      expect(secretIds(later)).toEqual([after.id]);
    } finally {
      await later.dispose();
    }
  });
});
