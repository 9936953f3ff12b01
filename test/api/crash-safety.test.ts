// Crash safety with real processes: a server killed with SIGKILL mid-run or mid-write, and the
// servers that start, or stay up, after it on the same database.
import { graphql } from '@secrets/schema';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { launch, waitForUrl } from '../support/child-server';
import { createTestDatabase, whileAuditRefuses, type TestDatabase } from '../support/database';
import { startHttpsPeer, type TestPeer } from '../support/https-peer';
import { uniqueName } from '../support/names';
import {
  AuditEventsQuery,
  CreateSecretMutation,
  CreateWorkflowMutation,
  RunWorkflowMutation,
} from '../support/operations';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  graphqlRequest,
  logIn,
  newMasterKey,
  startTestServer,
  type TestServer,
} from '../support/server';
import { waitFor } from '../support/ws';
import { storedValue } from '../support/secret-values';

const CrashRunQuery = graphql(`
  query CrashRun($id: ID!) {
    workflowRun(id: $id) {
      id
      status
      finishedAt
      errorCode
      message
      steps {
        status
      }
    }
  }
`);

const SWEEP_INTERVAL_MS = 200;

let database: TestDatabase;
let db: Client;
let masterKey: string;
let peer: TestPeer;
let held: Promise<void>;
/** Lets the requests the peer is holding, and those to come, be answered. */
let releasePeer: () => void;
let servers: TestServer[];

/** A server in this process on the test database; stopped after the test. */
async function replica(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer({
    database,
    env: { SECRETS_MASTER_KEY: masterKey, ...env },
  });
  servers.push(server);
  return server;
}

/** A server in a process of its own on the test database, to be killed. */
async function childServer() {
  const server = launch({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    PORT: '0',
    SECRETS_MASTER_KEY: masterKey,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    SERVE_WEB: 'false',
    OUTBOUND_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
  });
  const url = await waitForUrl(server.output, server.exited);
  const kill = async () => {
    server.child.kill('SIGKILL');
    expect(await server.exited).toBeNull();
  };
  return { url, admin: await logIn(url), kill };
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  Number((await db.query<{ count: string }>(sql, params)).rows[0]?.count);

const THIS_DATABASE = '(SELECT oid FROM pg_database WHERE datname = current_database())';

/** PostgreSQL notices a dead client on its next read; until then its locks stay. */
const leaseGone = (runId: string) =>
  eventually(
    async () =>
      (await count(
        `SELECT count(*) FROM pg_locks l JOIN workflow_runs r ON r.id = $1
         WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.database = ${THIS_DATABASE}
           AND (l.classid::bigint << 32) + l.objid::bigint = r.runner_id`,
        [runId],
      )) === 0,
    'the killed server’s lease to end',
  );

/** Every server session on the test database has ended, its open transaction rolled back. */
const serversDisconnected = () =>
  eventually(
    async () =>
      (await count(
        `SELECT count(*) FROM pg_stat_activity
         WHERE datname = current_database() AND application_name LIKE 'secrets-%'`,
      )) === 0,
    'the killed server’s sessions to end',
  );

/**
 * A workflow of one step to the peer, saved through `url`, using a webhook secret unless
 * `usingSecret` is false.
 */
async function peerWorkflow(url: string, admin: { cookie: string }, usingSecret = true) {
  const secret = await graphqlRequest(
    url,
    CreateSecretMutation,
    { input: { kind: 'WEBHOOK', name: uniqueName('hook'), value: 'crash-test-value' } },
    admin,
  );
  const name = secret.data?.createSecret.name ?? '';
  // A run's RUNNING row is written with its first use of secrets, or on its own without one.
  const authorization = usingSecret ? `Bearer {secret:${name}}` : 'Bearer public';
  const created = await graphqlRequest(
    url,
    CreateWorkflowMutation,
    {
      input: {
        name: uniqueName('flow'),
        steps: [
          {
            name: 'call',
            method: 'POST',
            url: `${peer.url}/hook`,
            headers: [{ name: 'Authorization', value: authorization }],
          },
        ],
      },
    },
    admin,
  );
  const workflow = created.data?.createWorkflow;
  if (!workflow) throw new Error(JSON.stringify(created.errors));
  return workflow;
}

/** Starts a run through `url` and returns once its request is held at the peer. */
async function runInFlight(url: string, admin: { cookie: string }, workflowId: string) {
  const before = peer.received.length;
  // Null if the server dies before it answers.
  const response = graphqlRequest(url, RunWorkflowMutation, { id: workflowId }, admin).catch(
    () => null,
  );
  await waitFor(() => peer.received.length > before, 'the step’s request at the peer', 30_000);
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM workflow_runs WHERE workflow_id = $1',
    [workflowId],
  );
  const runId = rows.rows[0]?.id ?? '';
  return { runId, response };
}

async function runRow(id: string) {
  const rows = await db.query<{
    status: string;
    finished_at: Date | null;
    error_code: string | null;
  }>('SELECT status, finished_at, error_code FROM workflow_runs WHERE id = $1', [id]);
  return rows.rows[0];
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Client({ connectionString: database.url });
  await db.connect();
  // PostgreSQL then ends a dead client's session even while it waits for a lock.
  await db.query(
    `ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET client_connection_check_interval = '100ms'`,
  );
  masterKey = newMasterKey();
  // The peer holds every request until the test releases it: a run stays in flight.
  peer = await startHttpsPeer(async (_request, response) => {
    await held;
    response.writeHead(200, { 'content-type': 'text/plain' }).end('done');
  });
});
beforeEach(() => {
  servers = [];
  held = new Promise<void>((resolve) => (releasePeer = resolve));
});
afterEach(async () => {
  for (const server of servers) await server.stop();
});
afterAll(async () => {
  await peer.close();
  await db.end();
  await database.drop();
});

describe('a run whose server dies', () => {
  it.each([
    ['using a secret', true],
    ['using no secret', false],
  ])(
    '%s stays RUNNING until the next server starts, which marks it FAILED (INTERRUPTED) and audits it',
    async (_label, usingSecret) => {
      const killed = await childServer();
      const workflow = await peerWorkflow(killed.url, killed.admin, usingSecret);
      const { runId, response } = await runInFlight(killed.url, killed.admin, workflow.id);
      expect(await runRow(runId)).toEqual({
        status: 'RUNNING',
        finished_at: null,
        error_code: null,
      });

      await killed.kill();
      expect(await response).toBeNull();
      await leaseGone(runId);
      // Nobody is left to finish it, and nobody has looked yet.
      expect((await runRow(runId))?.status).toBe('RUNNING');

      const next = await replica();
      const admin = await next.login();
      const run = (await next.request(CrashRunQuery, { id: runId }, admin)).data?.workflowRun;
      expect(run).toMatchObject({
        id: runId,
        status: 'FAILED',
        errorCode: 'INTERRUPTED',
        steps: [],
      });
      expect(run?.message).toMatch(/^Interrupted: .*server running it stopped/);
      expect(Date.parse(run?.finishedAt ?? '')).toBeGreaterThan(0);

      const audit = await next.request(
        AuditEventsQuery,
        { filter: { targetId: workflow.id }, first: 10 },
        admin,
      );
      const entries = (audit.data?.auditEvents.nodes ?? []).map(({ action, actor, details }) => ({
        action,
        actor,
        details,
      }));
      expect(entries).toContainEqual({
        action: 'WORKFLOW_RUN',
        actor: 'system',
        details: `run ${runId}: FAILED (INTERRUPTED)`,
      });
      expect(entries.filter((entry) => entry.action === 'WORKFLOW_RUN')).toHaveLength(1);

      // A later start finds nothing more to do: the verdict and its audit entry stay single.
      await replica();
      const again = await next.request(
        AuditEventsQuery,
        { filter: { targetId: workflow.id, action: 'WORKFLOW_RUN' }, first: 10 },
        admin,
      );
      expect(again.data?.auditEvents.nodes).toHaveLength(1);
    },
    120_000,
  );

  it('is marked FAILED (INTERRUPTED) by a replica that stays up, at its next sweep', async () => {
    const survivor = await replica({ EXPIRY_SCAN_INTERVAL_MS: String(SWEEP_INTERVAL_MS) });
    const killed = await childServer();
    const workflow = await peerWorkflow(killed.url, killed.admin);
    const { runId } = await runInFlight(killed.url, killed.admin, workflow.id);
    // The survivor's sweeps leave a run alone while the server running it lives. A marker
    // run whose runner holds no lease (no runner id is that large) is failed by a sweep that
    // started after it: that sweep saw the live run too.
    const marker = randomUUID();
    await db.query(
      `INSERT INTO workflow_runs (id, workflow_id, status, started_at, runner_id)
       VALUES ($1, $2, 'RUNNING', now(), 9007199254740991)`,
      [marker, workflow.id],
    );
    await eventually(
      async () => (await runRow(marker))?.status === 'FAILED',
      'a sweep to fail the marker run',
    );
    expect((await runRow(runId))?.status).toBe('RUNNING');

    await killed.kill();
    await eventually(
      async () => (await runRow(runId))?.status === 'FAILED',
      'the survivor to sweep the run',
    );
    expect(await runRow(runId)).toMatchObject({ error_code: 'INTERRUPTED' });
    // Logged once for the marker, once for this run.
    await eventually(
      async () => survivor.logs().split('interrupted runs marked failed').length - 1 === 2,
      'the survivor to log the sweep',
    );
  }, 120_000);
});

describe('a run whose server lives', () => {
  it('is left alone by a replica that starts meanwhile, and finishes as it really ends', async () => {
    const live = await replica();
    const admin = await live.login();
    const workflow = await peerWorkflow(live.url, admin);
    const { runId, response } = await runInFlight(live.url, admin, workflow.id);

    await replica();
    expect(await runRow(runId)).toEqual({ status: 'RUNNING', finished_at: null, error_code: null });

    releasePeer();
    const result = await response;
    expect(result).toMatchObject({ data: { runWorkflow: { id: runId, status: 'SUCCEEDED' } } });
    const row = await runRow(runId);
    expect(row).toMatchObject({ status: 'SUCCEEDED', error_code: null });
    expect(row?.finished_at).toBeInstanceOf(Date);
  }, 120_000);
});

describe('a server whose lease connection drops', () => {
  const leaseHolders = async () =>
    (
      await db.query<{ pid: number }>(
        `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database = ${THIS_DATABASE}`,
      )
    ).rows.map((row) => row.pid);

  it('takes its lease again on a new connection', async () => {
    await replica();
    const [before] = await leaseHolders();
    expect(before).toBeDefined();
    await db.query('SELECT pg_terminate_backend($1)', [before]);
    await eventually(async () => {
      const holders = await leaseHolders();
      return holders.length === 1 && holders[0] !== before;
    }, 'the lease to be taken again');
  }, 60_000);
});

describe('a run that stops on an internal error', () => {
  it('is recorded FAILED (INTERRUPTED) at once, not left RUNNING', async () => {
    const live = await replica();
    const admin = await live.login();
    const workflow = await peerWorkflow(live.url, admin);
    // The audit log refuses the secret's use: the run stops before its step is recorded.
    const result = await whileAuditRefuses(db, 'SECRET_USED', () =>
      live.request(RunWorkflowMutation, { id: workflow.id }, admin),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const rows = await db.query<{ id: string }>(
      'SELECT id FROM workflow_runs WHERE workflow_id = $1',
      [workflow.id],
    );
    expect(rows.rows).toHaveLength(1);
    expect(await runRow(rows.rows[0]?.id ?? '')).toMatchObject({
      status: 'FAILED',
      error_code: 'INTERRUPTED',
    });
  }, 60_000);
});

describe('secrets being created when their server dies', () => {
  /** Name to value, for every creation a test sends. */
  let values: Map<string, string>;
  beforeEach(() => {
    values = new Map();
  });

  /** Creates a secret through `url`: its name once the server answers, null if it never does. */
  const create = async (url: string, admin: { cookie: string }, prefix: string) => {
    const name = uniqueName(prefix);
    const value = `value-of-${name}-${randomBytes(8).toString('hex')}`;
    values.set(name, value);
    try {
      const result = await graphqlRequest(
        url,
        CreateSecretMutation,
        { input: { kind: 'INTEGRATION', name, value } },
        admin,
      );
      return result.data?.createSecret.name ?? null;
    } catch {
      return null; // the connection died with the server
    }
  };

  /**
   * Every stored secret of the test is whole (its value opens with the master key, through a
   * new server) and has exactly one SECRET_CREATED entry; every entry has its secret.
   * Returns the stored names.
   */
  async function storedWhole(): Promise<string[]> {
    await serversDisconnected();
    const server = await replica();
    const names = [...values.keys()];
    const rows: { id: string; name: string; master_key_id: string }[] =
      await server.dataSource.query(
        `SELECT s.id, s.name, v.master_key_id FROM secrets s
         JOIN secret_versions v ON v.secret_id = s.id AND v.version = s.value_version
         WHERE s.name = ANY($1)`,
        [names],
      );
    for (const row of rows) {
      expect(row.master_key_id).toBeTruthy();
      expect(await storedValue(server, row.id)).toBe(values.get(row.name));
    }
    const audited: { target_id: string }[] = await server.dataSource.query(
      "SELECT target_id FROM audit_events WHERE action = 'SECRET_CREATED' AND target_name = ANY($1)",
      [names],
    );
    expect(audited.map((entry) => entry.target_id).sort()).toEqual(
      rows.map((row) => row.id).sort(),
    );
    return rows.map((row) => row.name).sort();
  }

  it('are rolled back whole when the server dies inside their transactions', async () => {
    const killed = await childServer();
    const done = await Promise.all(
      Array.from({ length: 10 }, () => create(killed.url, killed.admin, 'whole')),
    );
    // The audit table is locked: the next creations each write their secret row, then wait
    // inside their transactions to write the audit row, and the server dies there.
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_events IN SHARE MODE');
    const cut = Array.from({ length: 20 }, () => create(killed.url, killed.admin, 'cut'));
    await eventually(
      async () =>
        (await count(
          `SELECT count(*) FROM pg_locks
           WHERE relation = 'audit_events'::regclass AND database = ${THIS_DATABASE} AND NOT granted`,
        )) >= 10,
      'creations waiting to write their audit entries',
    );
    await killed.kill();
    // Released only once those transactions are gone, so nothing of them can commit after.
    await serversDisconnected();
    await locker.query('ROLLBACK');
    await locker.end();

    expect(await Promise.all(cut)).toEqual(Array.from({ length: 20 }, () => null));
    expect(await storedWhole()).toEqual([...done].sort());
  }, 120_000);

  it('are whole and audited, or absent, when 30 created at once are killed after the first answer', async () => {
    const killed = await childServer();
    let answered = 0;
    const all = Array.from({ length: 30 }, () =>
      create(killed.url, killed.admin, 'burst').then((name) => {
        answered++;
        return name;
      }),
    );
    await waitFor(() => answered > 0, 'a first answer', 30_000);
    await killed.kill();

    const acknowledged = (await Promise.all(all)).filter((name) => name !== null);
    const stored = await storedWhole();
    // What the server confirmed is kept; what it did not may or may not be, but only whole.
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
  }, 120_000);
});
