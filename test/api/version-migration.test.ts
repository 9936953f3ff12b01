// Issue 14's migration on a database filled by the previous release: its migrations run,
// then its rows are written as it wrote them (values sealed in the secrets row, bound to the
// secret's id and kind), then the server starts and migrates, and every value is read back
// through the API and the runtime.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '../../apps/server/src/auth/password';
import { open, seal } from '../../apps/server/src/crypto/envelope';
import { Keyring } from '../../apps/server/src/crypto/keyring';
import { createDataSource } from '../../apps/server/src/db/data-source';
import { migrations } from '../../apps/server/src/db/migrations';
import { SecretVersions1764290000000 } from '../../apps/server/src/db/migrations/1764290000000-secret-versions';
import { entities } from '../../apps/server/src/entities';
import { secretAssociatedData } from '../../apps/server/src/secrets/secret-rules';
import { SecretKind } from '../../apps/server/src/secrets/secret-kind';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { useHttpsPeer } from '../support/https-peer';
import {
  RollbackSecretMutation,
  RunWorkflowMutation,
  SecretQuery,
  TestConnectionMutation,
  UpdateSecretMutation,
  WorkflowQuery,
} from '../support/operations';
import { storedValue } from '../support/secret-values';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  errorCodes,
  newMasterKey,
  startTestServer,
  type TestServer,
} from '../support/server';

const https = useHttpsPeer();
const masterKey = newMasterKey();
const keyring = new Keyring(Buffer.from(masterKey, 'base64'));

/** What the previous release held, as written into its tables. */
interface OldRelease {
  database: TestDatabase;
  adminId: string;
  hook: { id: string; name: string; value: string; lastUsedAt: Date };
  credential: { id: string; name: string; value: string; version: number };
  connectionId: string;
  workflowId: string;
  oldRunId: string;
}

const databases: TestDatabase[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  await Promise.all(databases.splice(0).map((database) => database.drop()));
});

/** Runs every migration before this on a fresh database. */
async function previousReleaseSchema(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  const dataSource = createDataSource(database.url, entities).setOptions({
    migrations: migrations.filter((migration) => migration !== SecretVersions1764290000000),
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return database;
}

/** Secrets, a connection, a workflow and a run, as the previous release wrote them. */
async function fillAsPreviousRelease(): Promise<OldRelease> {
  const database = await previousReleaseSchema();
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const adminId = randomUUID();
    await client.query(
      `INSERT INTO users (id, email, password_hash, role) VALUES ($1, $2, $3, 'ADMIN')`,
      [adminId, ADMIN_EMAIL, await hashPassword(ADMIN_PASSWORD)],
    );
    const insertSecret = async (
      kind: SecretKind,
      value: string,
      valueVersion: number,
      lastUsedAt: Date | null,
    ) => {
      const id = randomUUID();
      const name = `old_${kind.toLowerCase()}_${id.slice(0, 8)}`;
      // Sealed as the previous release sealed: bound to the secret's id and kind alone.
      const sealed = seal(keyring, value, secretAssociatedData(id, kind, null));
      await client.query(
        `INSERT INTO secrets (id, kind, name, encrypted_value, encrypted_data_key, master_key_id,
                              value_updated_at, value_version, last_used_at, created_by_id,
                              created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() - interval '1 day', $7, $8, $9,
                 now() - interval '10 days')`,
        [
          id,
          kind,
          name,
          sealed.encryptedValue,
          sealed.encryptedDataKey,
          sealed.masterKeyId,
          valueVersion,
          lastUsedAt,
          adminId,
        ],
      );
      return { id, name };
    };
    const lastUsedAt = new Date('2025-11-01T10:00:00.000Z');
    const hookValue = `old-hook-${randomUUID()}`;
    const hook = await insertSecret(SecretKind.WEBHOOK, hookValue, 1, lastUsedAt);
    // Replaced twice before versions were kept: its value is version 3.
    const credentialValue = `old-credential-${randomUUID()}`;
    const credential = await insertSecret(SecretKind.INTEGRATION, credentialValue, 3, null);

    const connection = await client.query<{ id: string }>(
      `INSERT INTO connections (name, provider, base_url, auth_scheme, secret_id)
       VALUES ('old connection', 'jira', $1, 'BEARER', $2) RETURNING id`,
      [`${https.peer.url}/api`, credential.id],
    );
    const workflow = await client.query<{ id: string }>(
      `INSERT INTO workflows (name) VALUES ('old workflow') RETURNING id`,
    );
    const workflowId = workflow.rows[0]?.id ?? '';
    const step = await client.query<{ id: string }>(
      `INSERT INTO workflow_steps (workflow_id, position, name, method, url, headers, secret_names)
       VALUES ($1, 0, 'call', 'POST', $2, $3, $4) RETURNING id`,
      [
        workflowId,
        `${https.peer.url}/hook`,
        JSON.stringify([{ name: 'Authorization', value: `Bearer {secret:${hook.name}}` }]),
        [hook.name],
      ],
    );
    const oldRunId = randomUUID();
    await client.query(
      `INSERT INTO workflow_runs (id, workflow_id, status, started_at, finished_at)
       VALUES ($1, $2, 'SUCCEEDED', now() - interval '2 days', now() - interval '2 days')`,
      [oldRunId, workflowId],
    );
    await client.query(
      `INSERT INTO step_runs (run_id, position, step_id, name, status, http_status, duration_ms)
       VALUES ($1, 0, $2, 'call', 'SUCCEEDED', 200, 5)`,
      [oldRunId, step.rows[0]?.id],
    );
    return {
      database,
      adminId,
      hook: { ...hook, value: hookValue, lastUsedAt },
      credential: { ...credential, value: credentialValue, version: 3 },
      connectionId: connection.rows[0]?.id ?? '',
      workflowId,
      oldRunId,
    };
  } finally {
    await client.end();
  }
}

async function serve(database: TestDatabase): Promise<TestServer> {
  const server = await startTestServer({ database, env: { SECRETS_MASTER_KEY: masterKey } });
  servers.push(server);
  return server;
}

async function stop(server: TestServer): Promise<void> {
  servers.splice(servers.indexOf(server), 1);
  await server.stop();
}

async function columnsOf(server: TestServer, table: string): Promise<string[]> {
  const rows: { column_name: string }[] = await server.dataSource.query(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

describe('the secret_versions migration', () => {
  it("turns each secret's value into its first kept version, with nothing lost", async () => {
    const old = await fillAsPreviousRelease();
    const server = await serve(old.database);
    const admin = await server.login();

    // The ciphertext lives in secret_versions only.
    for (const column of ['encrypted_value', 'encrypted_data_key', 'master_key_id'])
      expect(await columnsOf(server, 'secrets')).not.toContain(column);

    const hook = (await server.request(SecretQuery, { id: old.hook.id }, admin)).data?.secret;
    expect(hook).toMatchObject({ valueVersion: 1, lastUsedAt: old.hook.lastUsedAt.toISOString() });
    expect(hook?.versions).toEqual([
      {
        version: 1,
        current: true,
        createdAt: hook?.valueUpdatedAt,
        createdBy: { id: old.adminId, email: ADMIN_EMAIL },
        restoredFrom: null,
        lastUsedAt: old.hook.lastUsedAt.toISOString(),
      },
    ]);
    const credential = (await server.request(SecretQuery, { id: old.credential.id }, admin)).data
      ?.secret;
    expect(credential?.valueVersion).toBe(3);
    // Who stored a replaced value is not known: the previous release did not keep it.
    expect(credential?.versions).toEqual([
      expect.objectContaining({ version: 3, current: true, createdBy: null, lastUsedAt: null }),
    ]);
    expect(await storedValue(server, old.hook.id)).toBe(old.hook.value);
    expect(await storedValue(server, old.credential.id)).toBe(old.credential.value);

    // Through the runtime: a run and a connection test send the values as stored.
    const { runWorkflow: run } = await server.mutate(
      RunWorkflowMutation,
      { id: old.workflowId },
      admin,
    );
    expect(run.steps[0]).toMatchObject({
      status: 'SUCCEEDED',
      secretsUsed: [{ secretId: old.hook.id, secretName: old.hook.name, version: 1 }],
    });
    const tested = await server.request(TestConnectionMutation, { id: old.connectionId }, admin);
    expect(tested.data?.testConnection.ok).toBe(true);
    expect(https.peer.received.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${old.hook.value}`,
      `Bearer ${old.credential.value}`,
    ]);
    // Runs of the previous release list no secrets.
    const runs = await server.request(WorkflowQuery, { id: old.workflowId, runs: 5 }, admin);
    const oldRun = runs.data?.workflow?.runs.find((item) => item.id === old.oldRunId);
    expect(oldRun?.steps).toHaveLength(1);

    // A new value binds its version; a rollback restores the migrated one.
    const newValue = `new-${randomUUID()}`;
    await server.mutate(
      UpdateSecretMutation,
      { id: old.hook.id, input: { value: newValue, expectedValueVersion: 1 } },
      admin,
    );
    const rolledBack = await server.request(
      RollbackSecretMutation,
      { id: old.hook.id, version: 1, expectedValueVersion: 2 },
      admin,
    );
    expect(errorCodes(rolledBack)).toEqual([]);
    expect(await storedValue(server, old.hook.id, 2)).toBe(newValue);
    expect(await storedValue(server, old.hook.id, 3)).toBe(old.hook.value);
    https.peer.received.length = 0;
    await server.mutate(RunWorkflowMutation, { id: old.workflowId }, admin);
    expect(https.peer.received[0]?.headers.authorization).toBe(`Bearer ${old.hook.value}`);
  }, 60_000);

  it('reverts while every current value is one the previous release can open, and refuses after', async () => {
    const old = await fillAsPreviousRelease();
    await stop(await serve(old.database));

    const revert = async () => {
      const dataSource = createDataSource(old.database.url, entities);
      await dataSource.initialize();
      try {
        await dataSource.undoLastMigration({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
    };
    await revert();
    const client = new Client({ connectionString: old.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{
        id: string;
        kind: SecretKind;
        encrypted_value: Buffer;
        encrypted_data_key: Buffer;
        master_key_id: string;
      }>('SELECT * FROM secrets ORDER BY value_version');
      // The previous release's shape, each value opening as it did there.
      expect(
        rows.map((row) =>
          open(
            keyring,
            {
              encryptedValue: row.encrypted_value,
              encryptedDataKey: row.encrypted_data_key,
              masterKeyId: row.master_key_id,
            },
            secretAssociatedData(row.id, row.kind, null),
          ),
        ),
      ).toEqual([old.hook.value, old.credential.value]);
    } finally {
      await client.end();
    }

    // Migrated again, then a value stored: the previous release could not open it.
    const server = await serve(old.database);
    await server.mutate(
      UpdateSecretMutation,
      { id: old.hook.id, input: { value: 'bound to version 2' } },
      await server.login(),
    );
    await stop(server);
    await expect(revert()).rejects.toThrow(/1 secrets have a current value stored since/);
    const again = await serve(old.database);
    expect(await storedValue(again, old.hook.id)).toBe('bound to version 2');
  }, 60_000);
});
