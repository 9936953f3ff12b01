import {
  CreateSecretMutation,
  DeleteSecretMutation,
  RevokeSecretMutation,
  SecretQuery,
  SecretsQuery,
  UpdateSecretMutation,
  AuditEventsQuery,
} from '../support/operations';
import { Client } from 'pg';
import { whileAuditRefuses } from '../support/database';
import { waitFor } from '../support/ws';
import { errorCodes, startTestServer, type TestServer } from '../support/server';
import { uniqueName } from '../support/names';
import { storedValue } from '../support/secret-values';
import { createSecret as newSecret } from '../support/factories';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

let server: TestServer;
let admin: { cookie: string };

async function createSecret(
  input: Partial<{
    kind: 'INTEGRATION' | 'WEBHOOK';
    name: string;
    value: string;
    description: string | null;
    expiresAt: string | null;
    allowedHosts: string[];
  }> = {},
) {
  return newSecret({ server, admin }, input);
}

async function secretCount(): Promise<number> {
  const rows: { count: string }[] = await server.dataSource.query('SELECT count(*) FROM secrets');
  return Number(rows[0]?.count);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login();
});
afterAll(() => server.stop());

describe('S1 names', () => {
  it('are unique per kind, case-insensitively, and the two kinds are separate namespaces', async () => {
    const name = uniqueName('Jira');
    await createSecret({ kind: 'INTEGRATION', name });
    const clash = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: name.toUpperCase(), value: 'x' } },
      admin,
    );
    expect(errorCodes(clash)).toEqual(['SECRET_NAME_TAKEN']);
    expect(clash.errors?.[0]?.extensions?.field).toBe('name');
    const otherKind = await createSecret({ kind: 'WEBHOOK', name });
    expect(otherKind.name).toBe(name);
  });

  it('trims integration names and refuses empty, over-long and control-character names', async () => {
    const name = uniqueName('GitHub App');
    expect((await createSecret({ kind: 'INTEGRATION', name: `  ${name}  ` })).name).toBe(name);
    for (const bad of ['   ', 'x'.repeat(101), 'tab\there', 'nul\u0000']) {
      const result = await server.request(
        CreateSecretMutation,
        { input: { kind: 'INTEGRATION', name: bad, value: 'x' } },
        admin,
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await createSecret({ kind: 'INTEGRATION', name: 'é'.repeat(100) })).name).toHaveLength(
      100,
    );
  });

  it('allows webhook names of letters, digits, _ and - only, up to 64', async () => {
    expect(
      (await createSecret({ kind: 'WEBHOOK', name: `A-z_09${'x'.repeat(20)}${Date.now()}` }))
        .reference,
    ).toMatch(/^\{secret:A-z_09x+\d+\}$/);
    for (const bad of ['has space', 'brace}', 'dot.name', 'x'.repeat(65), '', 'ünï']) {
      const result = await server.request(
        CreateSecretMutation,
        { input: { kind: 'WEBHOOK', name: bad, value: 'x' } },
        admin,
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('S2 values', () => {
  it('accepts 1 byte to 64 KiB, exactly as pasted, and refuses empty or larger values', async () => {
    const before = await secretCount();
    const tooBig = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: uniqueName(), value: 'x'.repeat(65_537) } },
      admin,
    );
    const empty = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: uniqueName(), value: '' } },
      admin,
    );
    // 16,384 four-byte characters are 65,536 bytes: the limit counts bytes, not characters.
    const multiByteTooBig = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: uniqueName(), value: '😀'.repeat(16_385) } },
      admin,
    );
    expect([errorCodes(tooBig), errorCodes(empty), errorCodes(multiByteTooBig)]).toEqual([
      ['BAD_USER_INPUT'],
      ['BAD_USER_INPUT'],
      ['BAD_USER_INPUT'],
    ]);
    expect(await secretCount()).toBe(before);
    const value = ` ${'😀'.repeat(16_383)}\n `;
    const secret = await createSecret({ kind: 'INTEGRATION', value });
    expect(await storedValue(server, secret.id)).toBe(value);
    const { id } = await createSecret({ kind: 'INTEGRATION', value: 'x' });
    expect((await server.request(SecretQuery, { id }, admin)).data?.secret?.valueVersion).toBe(1);
  });

  it('refuses CR or LF in a webhook value, since it could not be a header value', async () => {
    for (const value of ['line\nbreak', 'carriage\rreturn']) {
      const result = await server.request(
        CreateSecretMutation,
        { input: { kind: 'WEBHOOK', name: uniqueName(), value } },
        admin,
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('never stores the plaintext, in any table, raw or as hex or base64', async () => {
    const value = `canary-${Math.random().toString(36).slice(2)}-value`;
    await createSecret({ kind: 'INTEGRATION', value, description: 'scan me' });
    const forms = [
      value,
      Buffer.from(value).toString('hex'),
      Buffer.from(value).toString('base64'),
    ];
    const tables: { table_name: string }[] = await server.dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    for (const { table_name } of tables) {
      const rows: unknown[] = await server.dataSource.query(`SELECT * FROM "${table_name}"`);
      const dump = JSON.stringify(rows, (_key, field: unknown) =>
        Buffer.isBuffer(field) ? field.toString('hex') + field.toString('latin1') : field,
      );
      for (const form of forms) expect(dump).not.toContain(form);
    }
    for (const form of forms) expect(server.logs()).not.toContain(form);
  });

  it('has no field that could return it', async () => {
    const result = await server.request(SecretQuery, { id: (await createSecret()).id }, admin);
    expect(Object.keys(result.data?.secret ?? {})).not.toContain('value');
    const introspection = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ query: '{ __type(name: "Secret") { fields { name } } }' }),
    }).then(
      (response) =>
        response.json() as Promise<{ data: { __type: { fields: { name: string }[] } } }>,
    );
    const fields = introspection.data.__type.fields.map((field) => field.name);
    expect(fields).toContain('name');
    for (const forbidden of ['value', 'encryptedValue', 'encryptedDataKey', 'masterKeyId']) {
      expect(fields).not.toContain(forbidden);
    }
  });

  it('keeps a wrongly typed value out of the error message', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({
        query: 'mutation($input: CreateSecretInput!) { createSecret(input: $input) { id } }',
        variables: { input: { kind: 'WEBHOOK', name: uniqueName(), value: 73_914_205_386 } },
      }),
    });
    const text = await response.text();
    expect(text).toContain('BAD_USER_INPUT');
    expect(text).not.toContain('73914205386');
  });
});

describe('S3 expiry and status', () => {
  it('refuses an expiry date that is not in the future, on create and on update', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    const created = await server.request(
      CreateSecretMutation,
      { input: { kind: 'WEBHOOK', name: uniqueName(), value: 'x', expiresAt: past } },
      admin,
    );
    expect(errorCodes(created)).toEqual(['BAD_USER_INPUT']);
    const secret = await createSecret();
    const updated = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { expiresAt: past } },
      admin,
    );
    expect(errorCodes(updated)).toEqual(['BAD_USER_INPUT']);
    expect(
      (await server.request(SecretQuery, { id: secret.id }, admin)).data?.secret?.expiresAt,
    ).toBeNull();
  });

  it('derives ACTIVE, EXPIRING (inside the widest window) and REVOKED', async () => {
    expect((await createSecret({ expiresAt: inDays(31) })).status).toBe('ACTIVE');
    expect((await createSecret()).status).toBe('ACTIVE');
    expect((await createSecret({ expiresAt: inDays(29) })).status).toBe('EXPIRING');
    const revoked = await createSecret({ expiresAt: inDays(2) });
    const result = await server.request(RevokeSecretMutation, { id: revoked.id }, admin);
    expect(result.data?.revokeSecret.status).toBe('REVOKED');
  });
});

describe('S4 update', () => {
  it('keeps absent fields, clears description and expiry on explicit null', async () => {
    const secret = await createSecret({ description: 'owned by ops', expiresAt: inDays(60) });
    const renamed = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { name: `${secret.name}_v2` } },
      admin,
    );
    expect(renamed.data?.updateSecret).toMatchObject({
      name: `${secret.name}_v2`,
      description: 'owned by ops',
      expiresAt: secret.expiresAt,
      valueVersion: 1,
    });
    const cleared = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { description: null, expiresAt: null } },
      admin,
    );
    expect(cleared.data?.updateSecret).toMatchObject({
      description: null,
      expiresAt: null,
      name: `${secret.name}_v2`,
    });
  });

  it('stores a new value as the next version and moves valueUpdatedAt', async () => {
    const created = await createSecret({ value: 'first' });
    const secret = (await server.request(SecretQuery, { id: created.id }, admin)).data?.secret;
    if (!secret) throw new Error('The created secret cannot be read.');
    const updated = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { value: 'second' } },
      admin,
    );
    expect(updated.data?.updateSecret.valueVersion).toBe(2);
    expect(Date.parse(updated.data?.updateSecret.valueUpdatedAt ?? '')).toBeGreaterThan(
      Date.parse(secret.valueUpdatedAt),
    );
    expect(await storedValue(server, secret.id)).toBe('second');
    const metadataOnly = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { description: 'rotated' } },
      admin,
    );
    expect(metadataOnly.data?.updateSecret.valueVersion).toBe(2);
  });

  it('refuses a taken name, a bad value or an edit of a revoked secret, changing nothing', async () => {
    const taken = await createSecret();
    const secret = await createSecret({ description: 'unchanged' });
    const before = (await server.request(SecretQuery, { id: secret.id }, admin)).data?.secret;
    expect(before).toMatchObject({ id: secret.id, description: 'unchanged' });
    const clash = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { name: taken.name.toUpperCase(), description: 'changed' } },
      admin,
    );
    expect(errorCodes(clash)).toEqual(['SECRET_NAME_TAKEN']);
    const badValue = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { value: 'a\nb', description: 'changed' } },
      admin,
    );
    expect(errorCodes(badValue)).toEqual(['BAD_USER_INPUT']);
    const after = (await server.request(SecretQuery, { id: secret.id }, admin)).data?.secret;
    expect(after).toEqual(before);

    await server.request(RevokeSecretMutation, { id: secret.id }, admin);
    const edit = await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { value: 'new' } },
      admin,
    );
    expect(errorCodes(edit)).toEqual(['SECRET_REVOKED']);
    expect(
      (await server.request(SecretQuery, { id: secret.id }, admin)).data?.secret?.valueVersion,
    ).toBe(1);
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    const result = await server.request(
      UpdateSecretMutation,
      { id: '00000000-0000-4000-8000-000000000000', input: { description: 'x' } },
      admin,
    );
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await server.request(RevokeSecretMutation, { id: 'not-a-uuid' }, admin)),
    ).toEqual(['NOT_FOUND']);
  });
});

describe('S5 revoke', () => {
  it('is immediate and permanent, and the secret stays listed with revokedAt', async () => {
    const secret = await createSecret({ kind: 'INTEGRATION' });
    const first = (await server.request(RevokeSecretMutation, { id: secret.id }, admin)).data
      ?.revokeSecret;
    expect(first?.revokedAt).toEqual(expect.any(String));
    const again = (await server.request(RevokeSecretMutation, { id: secret.id }, admin)).data
      ?.revokeSecret;
    expect(again?.revokedAt).toBe(first?.revokedAt);
    const listed = await server.request(
      SecretsQuery,
      { filter: { kind: 'INTEGRATION', search: secret.name } },
      admin,
    );
    expect(listed.data?.secrets.nodes).toEqual([
      expect.objectContaining({ id: secret.id, status: 'REVOKED' }),
    ]);
    const events = await server.request(
      AuditEventsQuery,
      { filter: { targetId: secret.id, action: 'SECRET_REVOKED' } },
      admin,
    );
    expect(events.data?.auditEvents.nodes).toHaveLength(1);
  });
});

describe('S6 delete', () => {
  it('removes the row with its ciphertext and wrapped key; the audit log keeps the name', async () => {
    const secret = await createSecret();
    const result = await server.request(DeleteSecretMutation, { id: secret.id }, admin);
    expect(result.data?.deleteSecret).toBe(secret.id);
    expect((await server.request(SecretQuery, { id: secret.id }, admin)).data?.secret).toBeNull();
    const rows: unknown[] = await server.dataSource.query('SELECT 1 FROM secrets WHERE id = $1', [
      secret.id,
    ]);
    expect(rows).toHaveLength(0);
    const events = await server.request(
      AuditEventsQuery,
      { filter: { targetId: secret.id, action: 'SECRET_DELETED' } },
      admin,
    );
    expect(events.data?.auditEvents.nodes[0]).toMatchObject({
      targetName: secret.name,
      actor: 'admin@example.com',
    });
    expect(
      errorCodes(await server.request(DeleteSecretMutation, { id: secret.id }, admin)),
    ).toEqual(['NOT_FOUND']);
  });
});

describe('S7 list', () => {
  it('pages by an opaque cursor in (name, id) order with a stable totalCount', async () => {
    const tag = uniqueName('page').toLowerCase();
    const names = ['b', 'A', 'c', 'D', 'e'].map((letter) => `${tag}_${letter}`);
    for (const name of names) await createSecret({ kind: 'INTEGRATION', name });
    await createSecret({ kind: 'WEBHOOK', name: `${tag}_a` });
    const listPage = async (after: string | null) =>
      (
        await server.request(
          SecretsQuery,
          { filter: { kind: 'INTEGRATION', search: tag }, first: 2, after },
          admin,
        )
      ).data?.secrets;
    const seen: string[] = [];
    let page = await listPage(null);
    for (let pages = 1; page; pages++) {
      expect(page.totalCount).toBe(5);
      expect(page.nodes.length).toBeLessThanOrEqual(2);
      seen.push(...page.nodes.map((node) => node.name));
      if (!page.pageInfo.hasNextPage || pages > 5) break;
      page = await listPage(page.pageInfo.endCursor ?? null);
    }
    expect(seen).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('filters by kind, status and text, in SQL as in code', async () => {
    const tag = uniqueName('filter').toLowerCase();
    const active = await createSecret({ kind: 'WEBHOOK', name: `${tag}_active` });
    const expiring = await createSecret({
      kind: 'WEBHOOK',
      name: `${tag}_expiring`,
      expiresAt: inDays(3),
    });
    const revoked = await createSecret({ kind: 'WEBHOOK', name: `${tag}_revoked` });
    await server.request(RevokeSecretMutation, { id: revoked.id }, admin);
    await createSecret({ kind: 'INTEGRATION', name: `${tag}_other`, description: 'mentions 100%' });
    const list = async (filter: object) =>
      (
        await server.request(SecretsQuery, { filter: { search: tag, ...filter } }, admin)
      ).data?.secrets.nodes.map((node) => `${node.name}:${node.status}`);
    expect(await list({ status: ['EXPIRING'] })).toEqual([`${expiring.name}:EXPIRING`]);
    expect(await list({ status: ['ACTIVE', 'REVOKED'], kind: 'WEBHOOK' })).toEqual([
      `${active.name}:ACTIVE`,
      `${revoked.name}:REVOKED`,
    ]);
    expect(await list({ kind: 'INTEGRATION' })).toEqual([`${tag}_other:ACTIVE`]);
    // LIKE wildcards in the search text are taken literally.
    expect(
      (await server.request(SecretsQuery, { filter: { search: '100%' } }, admin)).data?.secrets
        .totalCount,
    ).toBe(1);
    expect(
      (await server.request(SecretsQuery, { filter: { search: `${tag.slice(0, -2)}__` } }, admin))
        .data?.secrets.totalCount,
    ).toBe(0);
  });

  it('refuses a forged cursor and a page size over 100', async () => {
    expect(
      errorCodes(await server.request(SecretsQuery, { after: 'not-a-cursor' }, admin)),
    ).toEqual(['BAD_USER_INPUT']);
    // Well formed, but its id is no id: refused as input, not failed in SQL.
    const forged = Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url');
    expect(errorCodes(await server.request(SecretsQuery, { after: forged }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await server.request(SecretsQuery, { first: 101 }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await server.request(SecretsQuery, { first: 0 }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});

describe('A6 fail closed', () => {
  it('creates nothing and announces nothing when the creation cannot be audited', async () => {
    // The secret, its first version, its audit row and its event are one statement.
    const listener = new Client({ connectionString: server.database.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', ({ payload }) => heard.push(payload ?? ''));
    await listener.query('LISTEN secret_events');
    try {
      const name = uniqueName('unaudited');
      const counts = async () => {
        const rows: { secrets: number; versions: number }[] = await server.dataSource.query(
          `SELECT (SELECT count(*) FROM secrets WHERE name = $1)::int AS secrets,
                  (SELECT count(*) FROM secret_versions)::int AS versions`,
          [name],
        );
        return rows;
      };
      const before = await counts();
      const refused = await whileAuditRefuses(server.dataSource, 'SECRET_CREATED', () =>
        server.request(
          CreateSecretMutation,
          { input: { kind: 'WEBHOOK', name, value: 'unaudited-value' } },
          admin,
        ),
      );
      expect(errorCodes(refused)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(refused)).not.toContain('unaudited-value');
      expect(await counts()).toEqual([{ ...before[0], secrets: 0 }]);
      // The same name is free, and this time the event comes: the listener hears events.
      const created = await createSecret({ kind: 'WEBHOOK', name });
      await waitFor(() => heard.length > 0, 'the secret event');
      expect(
        heard.map((payload) => (JSON.parse(payload) as { secretId: string }).secretId),
      ).toEqual([created.id]);
    } finally {
      await listener.end();
    }
  });
});

describe('A6 audit', () => {
  it('records every change with its actor and never the value', async () => {
    const value = `audit-canary-${Math.random().toString(36).slice(2)}`;
    const secret = await createSecret({ value });
    await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { value: `${value}-2`, description: 'new' } },
      admin,
    );
    await server.request(RevokeSecretMutation, { id: secret.id }, admin);
    await server.request(DeleteSecretMutation, { id: secret.id }, admin);
    const events =
      (await server.request(AuditEventsQuery, { filter: { targetId: secret.id } }, admin)).data
        ?.auditEvents.nodes ?? [];
    expect(events.map((event) => event.action)).toEqual([
      'SECRET_DELETED',
      'SECRET_REVOKED',
      'SECRET_VALUE_REPLACED',
      'SECRET_UPDATED',
      'SECRET_CREATED',
    ]);
    expect(new Set(events.map((event) => event.actor))).toEqual(new Set(['admin@example.com']));
    expect(JSON.stringify(events)).not.toContain(value);
  });
});
