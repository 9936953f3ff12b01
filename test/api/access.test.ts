import { createHash } from 'node:crypto';
import {
  ApiTokensQuery,
  AuditEventsQuery,
  CreateApiTokenMutation,
  CreateSecretMutation,
  CreateUserMutation,
  LoginMutation,
  LogoutMutation,
  MeQuery,
  RevokeApiTokenMutation,
  SecretsQuery,
  UsersQuery,
} from '../support/operations';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  errorCodes,
  startTestServer,
  type TestServer,
} from '../support/server';
import { runOverWebSocket } from '../support/ws';

let server: TestServer;
/** The server's clock runs this far ahead of real time; tests only move it forward. */
let clockAhead = 0;
let admin: { cookie: string };
let viewer: { cookie: string };
const VIEWER_EMAIL = 'viewer@example.com';
const VIEWER_PASSWORD = 'viewer password 123';

beforeAll(async () => {
  server = await startTestServer({ clock: () => new Date(Date.now() + clockAhead) });
  admin = await server.login();
  const created = await server.request(
    CreateUserMutation,
    { input: { email: VIEWER_EMAIL, password: VIEWER_PASSWORD, role: 'VIEWER' } },
    admin,
  );
  expect(created.errors).toBeUndefined();
  viewer = await server.login(VIEWER_EMAIL, VIEWER_PASSWORD);
  expect((await server.request(MeQuery, {}, viewer)).data?.me?.role).toBe('VIEWER');
});
afterAll(() => server.stop());

const sha256 = (text: string) => createHash('sha256').update(text).digest();

describe('A1 authentication', () => {
  it('refuses every operation but login without a session or token', async () => {
    expect(errorCodes(await server.request(SecretsQuery, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await server.request(UsersQuery, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await server.request(LogoutMutation, {}))).toEqual(['UNAUTHENTICATED']);
    expect(
      errorCodes(await server.request(SecretsQuery, {}, { cookie: 'sid=sms_forged' })),
    ).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await server.request(SecretsQuery, {}, { token: 'smt_forged' }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect((await server.request(MeQuery, {})).data?.me).toBeNull();
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, and logout ends the session', async () => {
    const result = await server.request(LoginMutation, {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    const setCookie = result.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^sid=sms_[\w-]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http on loopback; Secure behind https
    const cookie = { cookie: setCookie.split(';')[0] ?? '' };
    expect((await server.request(MeQuery, {}, cookie)).data?.me?.email).toBe(ADMIN_EMAIL);
    expect((await server.request(LogoutMutation, {}, cookie)).data?.logout).toBe(true);
    expect(errorCodes(await server.request(SecretsQuery, {}, cookie))).toEqual(['UNAUTHENTICATED']);
  });

  it('marks the cookie Secure behind https, as told by a trusted proxy only', async () => {
    const loginCookie = async (url: string) =>
      (
        await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
          body: JSON.stringify({
            query: `mutation { login(email: "${ADMIN_EMAIL}", password: "${ADMIN_PASSWORD}") { expiresAt } }`,
          }),
        })
      ).headers.get('set-cookie');
    // Anyone may write X-Forwarded-Proto: from a client that is not a proxy it means nothing.
    expect(await loginCookie(server.url)).not.toMatch(/; Secure/i);
    const proxied = await startTestServer({ env: { TRUSTED_PROXIES: '127.0.0.1/32' } });
    try {
      expect(await loginCookie(proxied.url)).toMatch(/; Secure/i);
    } finally {
      await proxied.stop();
    }
  });

  it('accepts an API token as Authorization: Bearer until it is revoked', async () => {
    const created = (
      await server.request(
        CreateApiTokenMutation,
        { input: { name: 'billing-service', role: 'ADMIN' } },
        admin,
      )
    ).data?.createApiToken;
    expect(created?.token).toMatch(/^smt_[\w-]{43}$/);
    const token = { token: created?.token ?? '' };
    const secret = await server.request(
      CreateSecretMutation,
      { input: { kind: 'INTEGRATION', name: 'by token', value: 'v' } },
      token,
    );
    expect(secret.data?.createSecret.createdBy?.email).toBe(ADMIN_EMAIL); // the token's creator
    const events = await server.request(
      AuditEventsQuery,
      { filter: { targetId: secret.data?.createSecret.id } },
      admin,
    );
    expect(events.data?.auditEvents.nodes[0]?.actor).toBe('billing-service');
    const tokens = (await server.request(ApiTokensQuery, {}, admin)).data?.apiTokens ?? [];
    expect(tokens.find((item) => item.id === created?.apiToken.id)?.lastUsedAt).toEqual(
      expect.any(String),
    );

    await server.request(RevokeApiTokenMutation, { id: created?.apiToken.id ?? '' }, admin);
    expect(errorCodes(await server.request(SecretsQuery, {}, token))).toEqual(['UNAUTHENTICATED']);
    const tokenEvents = await server.request(
      AuditEventsQuery,
      { filter: { targetId: created?.apiToken.id } },
      admin,
    );
    expect(tokenEvents.data?.auditEvents.nodes.map((event) => [event.action, event.actor])).toEqual(
      [
        ['API_TOKEN_REVOKED', ADMIN_EMAIL],
        ['API_TOKEN_CREATED', ADMIN_EMAIL],
      ],
    );
    expect(JSON.stringify(tokenEvents.data)).not.toContain(created?.token);
  });

  it('refuses an expired API token', async () => {
    const soon = new Date(Date.now() + clockAhead + 60_000).toISOString();
    const created = (
      await server.request(
        CreateApiTokenMutation,
        { input: { name: 'short-lived', role: 'VIEWER', expiresAt: soon } },
        admin,
      )
    ).data?.createApiToken;
    const token = { token: created?.token ?? '' };
    expect(errorCodes(await server.request(SecretsQuery, {}, token))).toEqual([]);
    clockAhead += 61_000; // past its expiry, well within every session's idle minutes
    expect(errorCodes(await server.request(SecretsQuery, {}, token))).toEqual(['UNAUTHENTICATED']);
  });

  it('closes a WebSocket without credentials with 4401 and serves one with a cookie or token', async () => {
    const query = '{ me { email } }';
    expect((await runOverWebSocket(server.url, query)).closeCode).toBe(4401);
    expect(
      (await runOverWebSocket(server.url, query, { cookie: 'sid=sms_forged' })).closeCode,
    ).toBe(4401);
    expect((await runOverWebSocket(server.url, query, { cookie: admin.cookie })).data).toEqual({
      me: { email: ADMIN_EMAIL },
    });
    const token =
      (
        await server.request(
          CreateApiTokenMutation,
          { input: { name: 'ws-client', role: 'VIEWER' } },
          admin,
        )
      ).data?.createApiToken.token ?? '';
    const overWs = await runOverWebSocket(server.url, '{ secrets { totalCount } }', {
      authorization: `Bearer ${token}`,
    });
    expect(JSON.stringify(overWs.data)).toMatch(/^\{"secrets":\{"totalCount":\d+\}\}$/);
    const viewerMutation = await runOverWebSocket(
      server.url,
      'mutation { revokeSecret(id: "00000000-0000-4000-8000-000000000000") { id } }',
      { authorization: token },
    );
    expect(viewerMutation.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' } }),
    ]);
  });
});

describe('A2 roles', () => {
  it('lets a VIEWER read but not change anything', async () => {
    expect(errorCodes(await server.request(SecretsQuery, {}, viewer))).toEqual([]);
    expect(errorCodes(await server.request(UsersQuery, {}, viewer))).toEqual([]);
    expect(errorCodes(await server.request(AuditEventsQuery, {}, viewer))).toEqual([]);
    const forbidden = [
      await server.request(
        CreateSecretMutation,
        { input: { kind: 'WEBHOOK', name: 'viewer_try', value: 'v' } },
        viewer,
      ),
      await server.request(
        CreateUserMutation,
        { input: { email: 'x@example.com', password: 'long enough pw', role: 'ADMIN' } },
        viewer,
      ),
      await server.request(
        CreateApiTokenMutation,
        { input: { name: 'escalate', role: 'ADMIN' } },
        viewer,
      ),
    ];
    expect(forbidden.map(errorCodes)).toEqual([['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
    expect(
      (await server.request(SecretsQuery, { filter: { search: 'viewer_try' } }, admin)).data
        ?.secrets.totalCount,
    ).toBe(0);
  });

  it('lets a VIEWER log out', async () => {
    const session = await server.login(VIEWER_EMAIL, VIEWER_PASSWORD);
    expect((await server.request(LogoutMutation, {}, session)).data?.logout).toBe(true);
  });
});

describe('A3 stored credentials', () => {
  it('keeps only hashes of passwords, session ids and API tokens', async () => {
    const { cookie } = await server.login();
    const sessionToken = cookie.slice('sid='.length);
    const token =
      (
        await server.request(
          CreateApiTokenMutation,
          { input: { name: 'hashed', role: 'VIEWER' } },
          admin,
        )
      ).data?.createApiToken.token ?? '';
    const sessions: { token_hash: Buffer }[] = await server.dataSource.query(
      'SELECT token_hash FROM sessions',
    );
    expect(sessions.some((row) => row.token_hash.equals(sha256(sessionToken)))).toBe(true);
    const tokens: { token_hash: Buffer }[] = await server.dataSource.query(
      'SELECT token_hash FROM api_tokens',
    );
    expect(tokens.some((row) => row.token_hash.equals(sha256(token)))).toBe(true);
    const users: { password_hash: string }[] = await server.dataSource.query(
      'SELECT password_hash FROM users',
    );
    for (const { password_hash } of users) expect(password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    const dump = JSON.stringify(
      await server.dataSource.query('SELECT * FROM sessions, api_tokens, users'),
    );
    for (const plain of [sessionToken, token, ADMIN_PASSWORD, VIEWER_PASSWORD])
      expect(dump).not.toContain(plain);
    expect(server.logs()).not.toContain(sessionToken);
    expect(server.logs()).not.toContain(token);
  });

  it('refuses passwords shorter than 12 characters and duplicate emails', async () => {
    const short = await server.request(
      CreateUserMutation,
      { input: { email: 'short@example.com', password: 'elevenchars', role: 'VIEWER' } },
      admin,
    );
    expect(errorCodes(short)).toEqual(['BAD_USER_INPUT']);
    const duplicate = await server.request(
      CreateUserMutation,
      { input: { email: VIEWER_EMAIL.toUpperCase(), password: 'long enough pw', role: 'VIEWER' } },
      admin,
    );
    expect(errorCodes(duplicate)).toEqual(['BAD_USER_INPUT']);
    const badEmail = await server.request(
      CreateUserMutation,
      { input: { email: 'not an email', password: 'long enough pw', role: 'VIEWER' } },
      admin,
    );
    expect(errorCodes(badEmail)).toEqual(['BAD_USER_INPUT']);
    const emails = (await server.request(UsersQuery, {}, admin)).data?.users.map(
      (user) => user.email,
    );
    expect(emails).not.toContain('short@example.com');
    expect(emails).not.toContain('not an email');
  });
});

describe('A4 failed logins', () => {
  it('say the same for an unknown email and a wrong password, and are audited', async () => {
    const unknown = await server.request(LoginMutation, {
      email: 'nobody@example.com',
      password: 'whatever password',
    });
    const wrong = await server.request(LoginMutation, {
      email: VIEWER_EMAIL,
      password: 'wrong password!',
    });
    expect(errorCodes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(unknown.headers.get('set-cookie')).toBeNull();
    const failures =
      (await server.request(AuditEventsQuery, { filter: { action: 'LOGIN_FAILED' } }, admin)).data
        ?.auditEvents.nodes ?? [];
    expect(failures.map((event) => event.actor)).toEqual(
      expect.arrayContaining(['nobody@example.com', VIEWER_EMAIL]),
    );
    expect(JSON.stringify(failures)).not.toContain('wrong password!');
  });

  it('are rate-limited per client and email, even for the right password', async () => {
    const email = 'limited@example.com';
    await server.request(
      CreateUserMutation,
      { input: { email, password: 'the right password', role: 'VIEWER' } },
      admin,
    );
    const codes = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      codes.push(
        ...errorCodes(await server.request(LoginMutation, { email, password: `wrong ${attempt}` })),
      );
    }
    expect(codes).toEqual(Array(5).fill('UNAUTHENTICATED'));
    const blocked = await server.request(LoginMutation, { email, password: 'the right password' });
    expect(errorCodes(blocked)).toEqual(['RATE_LIMITED']);
    // Another email from the same client is not blocked.
    expect(
      (await server.request(LoginMutation, { email: VIEWER_EMAIL, password: VIEWER_PASSWORD })).data
        ?.login.user.email,
    ).toBe(VIEWER_EMAIL);
  });
});

describe('A4 login attempt counts', () => {
  it('are kept under a hash: the table holds neither the email nor the client address', async () => {
    const email = 'counted.in.clear@example.com';
    const stored = async (): Promise<unknown[]> =>
      server.dataSource.query('SELECT * FROM login_attempts');
    const before = await stored();
    const attempt = await server.request(LoginMutation, { email, password: 'wrong password!' });
    expect(errorCodes(attempt)).toEqual(['UNAUTHENTICATED']);
    const after = await stored();
    expect(after.length).toBeGreaterThan(before.length); // the attempt was counted
    const dump = JSON.stringify(after);
    expect(dump).not.toContain(email);
    expect(dump).not.toContain('127.0.0.1'); // the client, as IPv4 or IPv4-mapped IPv6
  });
});

describe('A5 first admin', () => {
  it('is created from ADMIN_EMAIL and ADMIN_PASSWORD when there are no users', async () => {
    expect(
      (await server.request(UsersQuery, {}, admin)).data?.users.find(
        (user) => user.email === ADMIN_EMAIL,
      )?.role,
    ).toBe('ADMIN');
    expect(server.printed).toEqual([]);
  });

  it('is admin@localhost with a random password printed once, outside production, without them', async () => {
    const bare = await startTestServer({ env: { ADMIN_EMAIL: '', ADMIN_PASSWORD: '' } });
    try {
      expect(bare.printed).toHaveLength(1);
      const password = /admin@localhost \/ (\S+)/.exec(bare.printed[0] ?? '')?.[1] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(bare.logs()).not.toContain(password);
      const session = await bare.login('admin@localhost', password);
      expect((await bare.request(MeQuery, {}, session)).data?.me?.role).toBe('ADMIN');
    } finally {
      await bare.stop();
    }
  });
});
