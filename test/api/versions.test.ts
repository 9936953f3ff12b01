// Issue 14: value history, rollback and check-and-set (V1 to V6), through the API against
// real PostgreSQL and a real HTTPS peer. Rewrap of every version is in key-rotation.test.ts,
// the leak search over every version's value in leak.test.ts, the migration in
// version-migration.test.ts.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DecryptionError } from '../../apps/server/src/crypto/envelope';
import { backendPid, untilBlockedBy } from '../support/database';
import { createConnection, createSecret, createWorkflow } from '../support/factories';
import { SECRET_EVENTS, type SecretEventMessage } from '../support/live';
import {
  AuditEventsQuery,
  DeleteSecretMutation,
  NotificationsQuery,
  RevokeSecretMutation,
  RollbackSecretMutation,
  RunWorkflowMutation,
  SecretQuery,
  TestConnectionMutation,
  UpdateSecretMutation,
  WorkflowRunQuery,
} from '../support/operations';
import { usePeerSuite } from '../support/peer-suite';
import { storedValue } from '../support/secret-values';
import { errorCodes } from '../support/server';
import { subscribe, waitFor } from '../support/ws';

const KEPT = 3;
const suite = usePeerSuite({ env: { SECRET_VERSIONS_KEPT: String(KEPT) }, body: 'ok' });

const value = (label: string) => `${label}-${randomUUID()}`;

async function details(id: string) {
  const result = await suite.server.request(SecretQuery, { id }, suite.admin);
  const secret = result.data?.secret;
  if (!secret) throw new Error(`secret ${id} cannot be read: ${JSON.stringify(result.errors)}`);
  return secret;
}

const update = (
  id: string,
  input: { value?: string; description?: string; name?: string },
  expectedValueVersion?: number,
) =>
  suite.server.request(
    UpdateSecretMutation,
    { id, input: { ...input, expectedValueVersion } },
    suite.admin,
  );

const rollback = (id: string, version: number, expectedValueVersion?: number) =>
  suite.server.request(RollbackSecretMutation, { id, version, expectedValueVersion }, suite.admin);

/** A webhook secret with `values.length` versions, the values stored in that order. */
async function secretWithValues(...values: string[]) {
  const [first = value('v1'), ...rest] = values;
  const secret = await createSecret(suite, { value: first });
  for (const next of rest) expect(errorCodes(await update(secret.id, { value: next }))).toEqual([]);
  return secret;
}

async function versionRows(secretId: string): Promise<{ version: number }[]> {
  return suite.server.dataSource.query(
    'SELECT version FROM secret_versions WHERE secret_id = $1 ORDER BY version DESC',
    [secretId],
  );
}

async function auditOf(secretId: string, action: string) {
  const result = await suite.server.request(
    AuditEventsQuery,
    { filter: { targetId: secretId, action } },
    suite.admin,
  );
  return result.data?.auditEvents.nodes ?? [];
}

/** A workflow whose one step sends the webhook secret `name` to the peer. */
const workflowSending = (name: string) =>
  createWorkflow(suite, [
    {
      name: 'call',
      method: 'POST',
      url: `${suite.peer.url}/hook`,
      headers: [{ name: 'Authorization', value: `Bearer {secret:${name}}` }],
    },
  ]);

async function run(workflowId: string) {
  const { runWorkflow } = await suite.server.mutate(
    RunWorkflowMutation,
    { id: workflowId },
    suite.admin,
  );
  return runWorkflow;
}

describe('V1 every stored value is a version', () => {
  it('numbers create 1, each new value the next, a rollback the one after with restoredFrom', async () => {
    const [first, second] = [value('first'), value('second')];
    const secret = await secretWithValues(first, second);
    // A change without a value stores no version.
    expect(
      (await update(secret.id, { description: 'metadata only' })).data?.updateSecret.valueVersion,
    ).toBe(2);
    const rolledBack = await rollback(secret.id, 1);
    expect(rolledBack.data?.rollbackSecret.valueVersion).toBe(3);

    const read = await details(secret.id);
    expect(read.valueVersion).toBe(3);
    expect(read.versions).toEqual([
      expect.objectContaining({ version: 3, current: true, restoredFrom: 1 }),
      expect.objectContaining({ version: 2, current: false, restoredFrom: null }),
      expect.objectContaining({ version: 1, current: false, restoredFrom: null }),
    ]);
    for (const version of read.versions) {
      expect(version.createdBy?.email).toBe('admin@example.com');
      expect(Date.parse(version.createdAt)).not.toBeNaN();
    }
    expect(await storedValue(suite.server, secret.id, 1)).toBe(first);
    expect(await storedValue(suite.server, secret.id, 2)).toBe(second);
    expect(await storedValue(suite.server, secret.id, 3)).toBe(first);
    expect(await storedValue(suite.server, secret.id)).toBe(first);
  });

  it('lists versions newest first, `first` of them, metadata only', async () => {
    const secret = await secretWithValues(value('a'), value('b'), value('c'));
    const response = await fetch(`${suite.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: suite.admin.cookie },
      body: JSON.stringify({
        query: `query ($id: ID!) {
          secret(id: $id) { versions(first: 2) { version current } }
          __type(name: "SecretVersion") { fields { name } }
        }`,
        variables: { id: secret.id },
      }),
    });
    const body = (await response.json()) as {
      data: {
        secret: { versions: { version: number; current: boolean }[] };
        __type: { fields: { name: string }[] };
      };
    };
    expect(body.data.secret.versions).toEqual([
      { version: 3, current: true },
      { version: 2, current: false },
    ]);
    expect(body.data.__type.fields.map((field) => field.name).sort()).toEqual([
      'createdAt',
      'createdBy',
      'current',
      'lastUsedAt',
      'restoredFrom',
      'version',
    ]);
  });

  it('seals each version under its own data key, bound to its number', async () => {
    const secret = await secretWithValues(value('one'), value('two'));
    expect(errorCodes(await rollback(secret.id, 1))).toEqual([]);
    const rows: { version: number; encrypted_value: Buffer; encrypted_data_key: Buffer }[] =
      await suite.server.dataSource.query(
        `SELECT version, encrypted_value, encrypted_data_key FROM secret_versions
         WHERE secret_id = $1 ORDER BY version`,
        [secret.id],
      );
    const keys = new Set(rows.map((row) => row.encrypted_data_key.toString('hex')));
    const values = new Set(rows.map((row) => row.encrypted_value.toString('hex')));
    expect([keys.size, values.size]).toEqual([3, 3]);
    // Version 1's ciphertext copied over version 3's (the same value) does not open there.
    await suite.server.dataSource.query(
      `UPDATE secret_versions v SET encrypted_value = o.encrypted_value,
              encrypted_data_key = o.encrypted_data_key
       FROM secret_versions o
       WHERE v.secret_id = $1 AND v.version = 3 AND o.secret_id = $1 AND o.version = 1`,
      [secret.id],
    );
    await expect(storedValue(suite.server, secret.id, 3)).rejects.toThrow(DecryptionError);
  });
});

describe('V2 retention', () => {
  it(`keeps the newest ${KEPT} versions, deleting older ones with their ciphertext`, async () => {
    const values = [value('v1'), value('v2'), value('v3'), value('v4'), value('v5')];
    const secret = await secretWithValues(...values);
    expect(await versionRows(secret.id)).toEqual([{ version: 5 }, { version: 4 }, { version: 3 }]);
    expect((await details(secret.id)).versions.map((version) => version.version)).toEqual([
      5, 4, 3,
    ]);

    // Rolling back to a version no longer kept is NOT_FOUND, and changes nothing.
    const gone = await rollback(secret.id, 2);
    expect(errorCodes(gone)).toEqual(['NOT_FOUND']);
    expect(await versionRows(secret.id)).toEqual([{ version: 5 }, { version: 4 }, { version: 3 }]);
    expect((await details(secret.id)).valueVersion).toBe(5);

    // A rollback makes a version too: the oldest kept one goes.
    expect((await rollback(secret.id, 3)).data?.rollbackSecret.valueVersion).toBe(6);
    expect(await versionRows(secret.id)).toEqual([{ version: 6 }, { version: 5 }, { version: 4 }]);
    expect(await storedValue(suite.server, secret.id)).toBe(values[2]);
  });
});

describe('V3 check-and-set', () => {
  it('applies an update or rollback only at the expected version, else VERSION_CONFLICT and nothing changes', async () => {
    const [first, second] = [value('first'), value('second')];
    const secret = await secretWithValues(first);
    expect((await update(secret.id, { value: second }, 1)).data?.updateSecret.valueVersion).toBe(2);

    const before = await details(secret.id);
    const logStart = suite.server.logs().length;
    const stale = await update(secret.id, { value: value('lost'), description: 'lost' }, 1);
    expect(errorCodes(stale)).toEqual(['VERSION_CONFLICT']);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    expect(stale.errors?.[0]?.message).toMatch(/version 1 .* is 2/);
    // Also for a change without a value: the caller asked for it at version 1.
    expect(errorCodes(await update(secret.id, { description: 'lost' }, 1))).toEqual([
      'VERSION_CONFLICT',
    ]);
    const staleRollback = await rollback(secret.id, 1, 1);
    expect(errorCodes(staleRollback)).toEqual(['VERSION_CONFLICT']);
    expect(staleRollback.errors?.[0]?.extensions?.currentVersion).toBe(2);
    expect(await details(secret.id)).toEqual(before);
    expect(await storedValue(suite.server, secret.id)).toBe(second);
    expect(await auditOf(secret.id, 'SECRET_UPDATED')).toEqual([]);
    expect(await auditOf(secret.id, 'SECRET_ROLLED_BACK')).toEqual([]);

    expect((await rollback(secret.id, 1, 2)).data?.rollbackSecret.valueVersion).toBe(3);
    // A conflict is the caller's to handle, not a server error: nothing was logged as one.
    expect(suite.server.logs().slice(logStart)).not.toMatch(/"level":50|unexpected error/);
  });

  it('lets exactly one of N concurrent updates expecting the same version win', async () => {
    const CONCURRENT = 8;
    const secret = await secretWithValues(value('start'));
    const values = Array.from({ length: CONCURRENT }, (_, index) => value(`racer-${index}`));
    // Every update is held at the row lock until all of them wait there, so that they all
    // pass the check before the lock and race on the locked one.
    const holder = new Client({ connectionString: suite.server.database.url });
    await holder.connect();
    let results;
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM secrets WHERE id = $1 FOR UPDATE', [secret.id]);
      const pending = Promise.all(values.map((next) => update(secret.id, { value: next }, 1)));
      await untilBlockedBy(suite.server.database.url, await backendPid(holder), {
        count: CONCURRENT,
      });
      await holder.query('COMMIT');
      results = await pending;
    } finally {
      await holder.end();
    }
    const winners = results.flatMap((result, index) => (result.data ? [index] : []));
    expect(winners).toHaveLength(1);
    const losers = results.filter((result) => !result.data);
    expect(losers.map((result) => errorCodes(result))).toEqual(
      Array(CONCURRENT - 1).fill(['VERSION_CONFLICT']),
    );
    expect(losers.map((result) => result.errors?.[0]?.extensions?.currentVersion)).toEqual(
      Array(CONCURRENT - 1).fill(2),
    );
    expect(await storedValue(suite.server, secret.id)).toBe(values[winners[0] ?? -1]);
    expect(await versionRows(secret.id)).toEqual([{ version: 2 }, { version: 1 }]);
  });

  it('refuses bad input with a code, changing nothing', async () => {
    const secret = await secretWithValues(value('only'));
    const before = await details(secret.id);
    expect(errorCodes(await update(secret.id, { value: value('x') }, 0))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await rollback(secret.id, 0))).toEqual(['BAD_USER_INPUT']);
    const current = await rollback(secret.id, 1);
    expect(errorCodes(current)).toEqual(['BAD_USER_INPUT']);
    expect(current.errors?.[0]?.extensions?.field).toBe('version');
    expect(errorCodes(await rollback(secret.id, 7))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await rollback(randomUUID(), 1))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await rollback('not-a-uuid', 1))).toEqual(['NOT_FOUND']);
    expect(await details(secret.id)).toEqual(before);
    expect(await versionRows(secret.id)).toEqual([{ version: 1 }]);
  });
});

describe('V4 each use records the version it sent', () => {
  it('lists the version each step sent, follows lastUsedAt, and sends the restored value after a rollback', async () => {
    const [first, second] = [value('first'), value('second')];
    const secret = await secretWithValues(first);
    const workflow = await workflowSending(secret.name);

    let lastRunId = '';
    const sent = async () => {
      suite.peer.received.length = 0;
      const result = await run(workflow.id);
      expect(result.status).toBe('SUCCEEDED');
      lastRunId = result.id;
      return {
        header: suite.peer.received.map((request) => request.headers.authorization),
        used: result.steps[0]?.secretsUsed,
      };
    };
    const usedAs = (version: number) => [{ secretId: secret.id, secretName: secret.name, version }];

    expect(await sent()).toEqual({ header: [`Bearer ${first}`], used: usedAs(1) });
    expect(errorCodes(await update(secret.id, { value: second }))).toEqual([]);
    expect(await sent()).toEqual({ header: [`Bearer ${second}`], used: usedAs(2) });
    const afterSecond = await details(secret.id);
    expect(afterSecond.versions.map((version) => version.lastUsedAt !== null)).toEqual([
      true,
      true,
    ]);
    expect(errorCodes(await rollback(secret.id, 1))).toEqual([]);
    expect((await details(secret.id)).versions[0]?.lastUsedAt).toBeNull();
    expect(await sent()).toEqual({ header: [`Bearer ${first}`], used: usedAs(3) });

    const read = await details(secret.id);
    expect(read.versions[0]?.lastUsedAt).toEqual(expect.any(String));
    // Version 2's last use stays what it was: runs since sent version 1's value as version 3.
    expect(read.versions[1]?.lastUsedAt).toBe(afterSecond.versions[0]?.lastUsedAt);
    const used = await auditOf(secret.id, 'SECRET_USED');
    expect(used.map((event) => event.details?.split(' by ')[0])).toEqual([
      'version 3',
      'version 2',
      'version 1',
    ]);
    // The stored run keeps what its steps sent.
    const stored = await suite.server.request(WorkflowRunQuery, { id: lastRunId }, suite.admin);
    expect(stored.data?.workflowRun?.steps[0]?.secretsUsed).toEqual(usedAs(3));
  });

  it('records a connection test’s version, and a step that sent nothing lists none', async () => {
    const [first, second] = [value('first'), value('second')];
    const credential = await createSecret(suite, { kind: 'INTEGRATION', value: first });
    expect(errorCodes(await update(credential.id, { value: second }))).toEqual([]);
    const connection = await createConnection(suite, {
      secretId: credential.id,
      baseUrl: `${suite.peer.url}/api`,
    });
    expect(errorCodes(await rollback(credential.id, 1))).toEqual([]);
    const tested = await suite.server.request(
      TestConnectionMutation,
      { id: connection.id },
      suite.admin,
    );
    expect(tested.data?.testConnection.ok).toBe(true);
    expect(suite.peer.received.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${first}`,
    ]);
    const read = await details(credential.id);
    expect(read.versions.map((version) => [version.version, version.lastUsedAt !== null])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect((await auditOf(credential.id, 'SECRET_USED'))[0]?.details).toMatch(
      new RegExp(`^version 3 by CONNECTION .*${connection.id}`),
    );

    const hook = await secretWithValues(value('revoked'));
    const workflow = await workflowSending(hook.name);
    await suite.server.mutate(RevokeSecretMutation, { id: hook.id }, suite.admin);
    const refused = await run(workflow.id);
    expect(refused.steps[0]).toMatchObject({ errorCode: 'SECRET_REVOKED', secretsUsed: [] });
  });
});

describe('V5 a rollback is audited, announced, and leaves the rest as it is', () => {
  it('writes SECRET_ROLLED_BACK naming the versions, raises UPDATED, keeps expiry and reminders', async () => {
    const [first, second] = [value('first'), value('second')];
    const expiresAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const secret = await createSecret(suite, {
      value: first,
      expiresAt,
      description: 'kept',
      allowedHosts: ['127.0.0.1'],
    });
    expect(errorCodes(await update(secret.id, { value: second }))).toEqual([]);
    const reminders = async () =>
      (
        (await suite.server.request(NotificationsQuery, { first: 100 }, suite.admin)).data
          ?.notifications ?? []
      ).filter((item) => item.secretId === secret.id);
    await waitFor(async () => (await reminders()).length === 1, 'the 7-day reminder');
    const before = await details(secret.id);

    const events = await subscribe<SecretEventMessage>(
      suite.server,
      SECRET_EVENTS,
      {},
      {
        cookie: suite.admin.cookie,
      },
    );
    try {
      expect(errorCodes(await rollback(secret.id, 1))).toEqual([]);
      await waitFor(
        () => events.events.some((event) => event.secretEvents.secretId === secret.id),
        'the secret event',
      );
      expect(
        events.events
          .map((event) => event.secretEvents)
          .filter((event) => event.secretId === secret.id)
          .map((event) => event.type),
      ).toEqual(['UPDATED']);
    } finally {
      await events.dispose();
    }

    const after = await details(secret.id);
    expect(after).toMatchObject({
      name: before.name,
      description: 'kept',
      expiresAt: before.expiresAt,
      allowedHosts: ['127.0.0.1'],
      status: before.status,
      valueVersion: 3,
    });
    expect(after.expiresAt).toBe(expiresAt);
    expect(Date.parse(after.valueUpdatedAt)).toBeGreaterThan(Date.parse(before.valueUpdatedAt));
    expect((await reminders()).map((item) => item.thresholdDays)).toEqual([7]);

    const audit = await auditOf(secret.id, 'SECRET_ROLLED_BACK');
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'admin@example.com',
        details: 'from version 2 to the value of version 1, stored as version 3',
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(first);
  });

  it('refuses to roll back a revoked secret with SECRET_REVOKED', async () => {
    const secret = await secretWithValues(value('a'), value('b'));
    await suite.server.mutate(RevokeSecretMutation, { id: secret.id }, suite.admin);
    const before = await details(secret.id);
    expect(errorCodes(await rollback(secret.id, 1))).toEqual(['SECRET_REVOKED']);
    expect(await details(secret.id)).toEqual(before);
    expect(await versionRows(secret.id)).toEqual([{ version: 2 }, { version: 1 }]);
  });
});

describe('V6 deleting a secret', () => {
  it('deletes every version with it', async () => {
    const secret = await secretWithValues(value('a'), value('b'), value('c'));
    expect(await versionRows(secret.id)).toHaveLength(3);
    await suite.server.mutate(DeleteSecretMutation, { id: secret.id }, suite.admin);
    expect(await versionRows(secret.id)).toEqual([]);
  });
});
