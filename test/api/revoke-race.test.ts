// S8: a revoke that commits before a use's transaction stops that use. A run checks its secrets
// first and records their use (and opens them) a moment later; a revoke committed in between
// used to be missed, and the value went out after the revoke had succeeded.
import { Client } from 'pg';
import {
  AuditEventsQuery,
  CreateConnectionMutation,
  CreateWorkflowMutation,
  RunWorkflowMutation,
  TestConnectionMutation,
} from '../support/operations';
import { useHttpsPeer } from '../support/https-peer';
import { backendPid, untilBlockedBy } from '../support/database';
import { uniqueName } from '../support/names';
import { useTestServer } from '../support/server';
import { createSecret as newSecret } from '../support/factories';

const https = useHttpsPeer();

const suite = useTestServer();

async function createSecret(kind: 'WEBHOOK' | 'INTEGRATION', value: string) {
  return newSecret(suite, { kind, name: uniqueName('raced'), value });
}

/**
 * Changes the secret's row in a transaction of a second connection that holds the row lock,
 * as `revokeSecret` does, starts `use` meanwhile, waits until `use` waits for that lock, and
 * only then commits: the change commits before the use's transaction reads the row.
 */
async function commitWhileUseWaits<T>(
  secretId: string,
  change: string,
  use: () => Promise<T>,
): Promise<T> {
  const holder = new Client({ connectionString: suite.server.database.url });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM secrets WHERE id = $1 FOR UPDATE', [secretId]);
    await holder.query(`UPDATE secrets SET ${change} WHERE id = $1`, [secretId]);
    const pid = await backendPid(holder);
    const pending = use();
    await untilBlockedBy(suite.server.database.url, pid);
    await holder.query('COMMIT');
    return await pending;
  } finally {
    await holder.end();
  }
}

async function usesOf(secretId: string): Promise<number> {
  const result = await suite.server.request(AuditEventsQuery, { first: 100 }, suite.admin);
  return (result.data?.auditEvents.nodes ?? []).filter(
    (event) => event.action === 'SECRET_USED' && event.targetId === secretId,
  ).length;
}

describe('S8 a revoke that commits before a use stops that use', () => {
  it.each([
    ['revoked', 'SECRET_REVOKED', 'revoked_at = now()'],
    ['expired', 'SECRET_EXPIRED', "expires_at = now() - interval '1 minute'"],
  ])(
    'a step whose secret was %s while its use waited fails with %s and sends nothing',
    async (_label, code, change) => {
      const secret = await createSecret('WEBHOOK', 'raced-webhook-value');
      const saved = await suite.server.request(
        CreateWorkflowMutation,
        {
          input: {
            name: uniqueName('raced'),
            steps: [
              {
                name: 'call',
                method: 'GET',
                url: `${https.peer.url}/`,
                headers: [{ name: 'Authorization', value: `{secret:${secret.name}}` }],
              },
            ],
          },
        },
        suite.admin,
      );
      const workflowId = saved.data?.createWorkflow.id ?? '';
      const sentBefore = https.peer.received.length;

      const result = await commitWhileUseWaits(secret.id, change, () =>
        suite.server.request(RunWorkflowMutation, { id: workflowId }, suite.admin),
      );
      expect(result.data?.runWorkflow.steps[0]).toMatchObject({
        status: 'FAILED',
        errorCode: code,
      });
      expect(result.data?.runWorkflow.steps[0]?.message).toContain(`"${secret.name}"`);
      expect(https.peer.received.length).toBe(sentBefore);
      expect(await usesOf(secret.id)).toBe(0);
    },
  );

  it('a connection test whose secret was revoked while its use waited sends nothing', async () => {
    const secret = await createSecret('INTEGRATION', 'raced-integration-value');
    const created = await suite.server.request(
      CreateConnectionMutation,
      {
        input: {
          name: uniqueName('raced'),
          provider: 'jira',
          baseUrl: `${https.peer.url}/`,
          authScheme: 'BEARER',
          secretId: secret.id,
        },
      },
      suite.admin,
    );
    const id = created.data?.createConnection.id ?? '';
    const sentBefore = https.peer.received.length;

    const result = await commitWhileUseWaits(secret.id, 'revoked_at = now()', () =>
      suite.server.request(TestConnectionMutation, { id }, suite.admin),
    );
    expect(result.data?.testConnection).toMatchObject({ ok: false, errorCode: 'SECRET_REVOKED' });
    expect(https.peer.received.length).toBe(sentBefore);
    expect(await usesOf(secret.id)).toBe(0);
  });
});
