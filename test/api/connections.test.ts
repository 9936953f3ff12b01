import {
  AuditEventsQuery,
  ConnectionsQuery,
  CreateConnectionMutation,
  CreateSecretMutation,
  DeleteConnectionMutation,
  DeleteSecretMutation,
  RevokeSecretMutation,
  SecretQuery,
  TestConnectionMutation,
  UpdateConnectionMutation,
} from '../support/operations';

import { whileAuditRefuses } from '../support/database';
import { errorCodes } from '../support/server';
import { usePeerSuite } from '../support/peer-suite';
import type { CreateConnectionInput } from '../../packages/schema/generated/graphql';
import { uniqueName } from '../support/names';
import { createSecret as newSecret } from '../support/factories';

const MINUTE = 60_000;

async function secret(
  value: string,
  kind: 'INTEGRATION' | 'WEBHOOK' = 'INTEGRATION',
  expiresAt?: string,
) {
  return newSecret(suite, { kind, name: uniqueName('cred'), value, expiresAt });
}

async function connection(input: Partial<CreateConnectionInput> & { secretId: string }) {
  const { createConnection: created } = await suite.server.mutate(
    CreateConnectionMutation,
    {
      input: {
        name: uniqueName('conn'),
        provider: 'jira',
        baseUrl: `${suite.peer.url}/rest/api`,
        authScheme: 'BEARER',
        ...input,
      },
    },
    suite.admin,
  );
  return created;
}

const testConnection = async (id: string) =>
  (await suite.server.request(TestConnectionMutation, { id }, suite.admin)).data?.testConnection;

const suite = usePeerSuite({ body: '{"ok":true}' });

describe('C3 auth schemes', () => {
  it('puts the value where each scheme says, with GET to the base URL', async () => {
    const bearer = await connection({
      secretId: (await secret('bearer-token')).id,
      authScheme: 'BEARER',
    });
    const basic = await connection({
      secretId: (await secret('bot:pa55:word')).id,
      authScheme: 'BASIC',
    });
    const header = await connection({
      secretId: (await secret('api-key-1')).id,
      authScheme: 'HEADER',
      headerName: 'X-Api-Key',
    });
    for (const item of [bearer, basic, header]) {
      expect(await testConnection(item.id)).toMatchObject({
        ok: true,
        httpStatus: 200,
        errorCode: null,
      });
    }
    expect(suite.peer.received.map((request) => [request.method, request.url])).toEqual(
      Array(3).fill(['GET', '/rest/api']),
    );
    expect(suite.peer.received[0]?.headers.authorization).toBe('Bearer bearer-token');
    expect(suite.peer.received[1]?.headers.authorization).toBe(
      `Basic ${Buffer.from('bot:pa55:word').toString('base64')}`,
    );
    expect(suite.peer.received[2]?.headers['x-api-key']).toBe('api-key-1');
    expect(suite.peer.received[2]?.headers.authorization).toBeUndefined();
  });

  it('reports the HTTP status of a refusal, with the value masked in the message', async () => {
    suite.peer.setHandler((_request, response) => void response.writeHead(401).end('nope'));
    const item = await connection({ secretId: (await secret('rejected-token')).id });
    const result = await testConnection(item.id);
    expect(result).toMatchObject({ ok: false, httpStatus: 401, errorCode: 'HTTP_ERROR' });
    expect(result?.durationMs).toEqual(expect.any(Number));
    expect(JSON.stringify(result)).not.toContain('rejected-token');
  });
});

describe('allowed hosts', () => {
  it('tests a connection only against a host its secret allows', async () => {
    const fenced = await suite.server.request(
      CreateSecretMutation,
      {
        input: {
          kind: 'INTEGRATION',
          name: uniqueName('fenced'),
          value: 'fenced-token',
          allowedHosts: ['*.atlassian.net'],
        },
      },
      suite.admin,
    );
    const item = await connection({ secretId: fenced.data?.createSecret.id ?? '' });
    const result = await testConnection(item.id);
    expect(result).toMatchObject({ ok: false, errorCode: 'SECRET_HOST_NOT_ALLOWED' });
    expect(suite.peer.received).toHaveLength(0);
  });
});

describe('C1 what a connection accepts', () => {
  it('refuses webhook, revoked and unknown secrets, http URLs and bad header names, creating nothing', async () => {
    const webhook = await secret('w', 'WEBHOOK');
    const revoked = await secret('r');
    await suite.server.request(RevokeSecretMutation, { id: revoked.id }, suite.admin);
    const good = await secret('g');
    const attempts: [Partial<CreateConnectionInput>, string][] = [
      [{ secretId: webhook.id }, 'BAD_USER_INPUT'],
      [{ secretId: revoked.id }, 'SECRET_REVOKED'],
      [{ secretId: '00000000-0000-4000-8000-000000000000' }, 'SECRET_NOT_FOUND'],
      [{ secretId: good.id, baseUrl: `http://${new URL(suite.peer.url).host}/` }, 'INSECURE_URL'],
      [{ secretId: good.id, baseUrl: 'not a url' }, 'BAD_USER_INPUT'],
      [{ secretId: good.id, authScheme: 'HEADER' }, 'BAD_USER_INPUT'],
      [{ secretId: good.id, authScheme: 'HEADER', headerName: 'Bad Name' }, 'BAD_USER_INPUT'],
      [{ secretId: good.id, name: '   ' }, 'BAD_USER_INPUT'],
    ];
    const before = (await suite.server.request(ConnectionsQuery, {}, suite.admin)).data?.connections
      .length;
    for (const [input, code] of attempts) {
      const result = await suite.server.request(
        CreateConnectionMutation,
        {
          input: {
            name: 'refused',
            provider: 'jira',
            baseUrl: suite.peer.url,
            authScheme: 'BEARER',
            secretId: good.id,
            ...input,
          },
        },
        suite.admin,
      );
      expect([input, errorCodes(result)]).toEqual([input, [code]]);
    }
    expect(
      (await suite.server.request(ConnectionsQuery, {}, suite.admin)).data?.connections.length,
    ).toBe(before);
  });

  it('keeps a connection unchanged when an update is refused', async () => {
    const item = await connection({ secretId: (await secret('keep')).id });
    const refused = await suite.server.request(
      UpdateConnectionMutation,
      { id: item.id, input: { baseUrl: 'http://example.com', name: 'renamed' } },
      suite.admin,
    );
    expect(errorCodes(refused)).toEqual(['INSECURE_URL']);
    const after = (
      await suite.server.request(ConnectionsQuery, {}, suite.admin)
    ).data?.connections.find((entry) => entry.id === item.id);
    expect(after).toEqual(item);
    const other = await secret('other');
    const moved = await suite.server.request(
      UpdateConnectionMutation,
      { id: item.id, input: { secretId: other.id } },
      suite.admin,
    );
    expect(moved.data?.updateConnection.secret?.id).toBe(other.id);
  });
});

describe('C2 status and unusable secrets', () => {
  it('follows the secret: READY, SECRET_REVOKED, SECRET_EXPIRED, SECRET_MISSING, and a test sends nothing when unusable', async () => {
    const revoked = await secret('soon-revoked');
    const expiring = await secret(
      'soon-expired',
      'INTEGRATION',
      new Date(Date.now() + MINUTE).toISOString(),
    );
    const deleted = await secret('soon-deleted');
    const ready = await connection({ secretId: revoked.id });
    expect(ready.status).toBe('READY');
    const toExpire = await connection({ secretId: expiring.id });
    const toLose = await connection({ secretId: deleted.id });

    await suite.server.request(RevokeSecretMutation, { id: revoked.id }, suite.admin);
    await suite.server.request(DeleteSecretMutation, { id: deleted.id, force: true }, suite.admin);
    suite.clockOffset = 2 * MINUTE;
    const statuses = new Map(
      (await suite.server.request(ConnectionsQuery, {}, suite.admin)).data?.connections.map(
        (item) => [item.id, item],
      ),
    );
    expect(statuses.get(ready.id)?.status).toBe('SECRET_REVOKED');
    expect(statuses.get(toExpire.id)?.status).toBe('SECRET_EXPIRED');
    expect(statuses.get(toLose.id)).toMatchObject({ status: 'SECRET_MISSING', secret: null });

    const results = [
      await testConnection(ready.id),
      await testConnection(toExpire.id),
      await testConnection(toLose.id),
    ];
    expect(results.map((result) => [result?.ok, result?.errorCode])).toEqual([
      [false, 'SECRET_REVOKED'],
      [false, 'SECRET_EXPIRED'],
      [false, 'SECRET_NOT_FOUND'],
    ]);
    expect(results[0]?.message).toContain(revoked.name);
    expect(suite.peer.received).toHaveLength(0);
  });
});

describe('S6 and S8 with connections', () => {
  it('refuses to delete a secret a connection uses, listing it, until the connection is gone', async () => {
    const credential = await secret('depended-on');
    const item = await connection({ secretId: credential.id });
    const dependents = await suite.server.request(SecretQuery, { id: credential.id }, suite.admin);
    expect(dependents.data?.secret?.dependents).toEqual([
      { __typename: 'Connection', id: item.id, name: item.name, provider: item.provider },
    ]);
    const refused = await suite.server.request(
      DeleteSecretMutation,
      { id: credential.id },
      suite.admin,
    );
    expect(errorCodes(refused)).toEqual(['SECRET_IN_USE']);
    expect(refused.errors?.[0]?.extensions?.dependents).toEqual([
      { type: 'CONNECTION', id: item.id, name: item.name },
    ]);
    expect(refused.errors?.[0]?.message).toContain(item.name);
    await suite.server.request(DeleteConnectionMutation, { id: item.id }, suite.admin);
    expect(
      (await suite.server.request(DeleteSecretMutation, { id: credential.id }, suite.admin)).data
        ?.deleteSecret,
    ).toBe(credential.id);
  });

  it('records the use with lastUsedAt and SECRET_USED naming the connection, and audits the test', async () => {
    const credential = await secret('used-by-test');
    const item = await connection({ secretId: credential.id });
    expect(
      (await suite.server.request(SecretQuery, { id: credential.id }, suite.admin)).data?.secret
        ?.lastUsedAt,
    ).toBeNull();
    await testConnection(item.id);
    expect(
      (await suite.server.request(SecretQuery, { id: credential.id }, suite.admin)).data?.secret
        ?.lastUsedAt,
    ).toEqual(expect.any(String));
    const used = await suite.server.request(
      AuditEventsQuery,
      { filter: { targetId: credential.id, action: 'SECRET_USED' } },
      suite.admin,
    );
    expect(used.data?.auditEvents.nodes[0]?.details).toContain(item.name);
    const tested = await suite.server.request(
      AuditEventsQuery,
      { filter: { targetId: item.id, action: 'CONNECTION_TESTED' } },
      suite.admin,
    );
    expect(tested.data?.auditEvents.nodes[0]?.details).toBe('HTTP 200');
  });
});

describe('fail closed', () => {
  it('sends nothing when the use of the secret cannot be audited', async () => {
    const credential = await secret('unaudited-connection-value');
    const item = await connection({ secretId: credential.id });
    await whileAuditRefuses(suite.server.dataSource, 'SECRET_USED', async () => {
      const result = await suite.server.request(
        TestConnectionMutation,
        { id: item.id },
        suite.admin,
      );
      expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(result)).not.toContain('unaudited-connection-value');
      expect(suite.peer.received).toHaveLength(0);
    });
    const used = await suite.server.request(SecretQuery, { id: credential.id }, suite.admin);
    expect(used.data?.secret?.lastUsedAt).toBeNull();
  });
});
