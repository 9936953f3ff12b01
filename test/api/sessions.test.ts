import { createHash } from 'node:crypto';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { EXPIRY_WARNINGS, SECRET_EVENTS, type SecretEventMessage } from '../support/live';
import { uniqueName } from '../support/names';
import {
  AuditEventsQuery,
  CreateSecretMutation,
  CreateUserMutation,
  LoginMutation,
  LogoutMutation,
  MeQuery,
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
import { subscribe, waitFor } from '../support/ws';

// Each login costs a 128 MiB scrypt hash; on a busy machine a test may take seconds.
jest.setTimeout(30_000);

const MINUTE = 60_000;
const IDLE_MINUTES = 30;
const TTL_HOURS = 2;

let server: TestServer;
/** How far the server's clock runs ahead of real time; back to 0 before each test. */
let clockOffset = 0;
const advance = (minutes: number) => (clockOffset += minutes * MINUTE);

beforeAll(async () => {
  server = await startTestServer({
    env: {
      SESSION_IDLE_MINUTES: String(IDLE_MINUTES),
      SESSION_TTL_HOURS: String(TTL_HOURS),
      SESSION_CHECK_INTERVAL_MS: '200',
    },
    clock: () => new Date(Date.now() + clockOffset),
  });
});
afterAll(() => server.stop());
beforeEach(() => {
  clockOffset = 0;
});

const isSignedIn = async (session: { cookie: string }) =>
  errorCodes(await server.request(SecretsQuery, {}, session)).length === 0;

/** Logs in, sending `cookie` as a browser would; the new session cookie, or null if refused. */
async function login(
  cookie?: string,
  email = ADMIN_EMAIL,
  password = ADMIN_PASSWORD,
): Promise<{ cookie: string } | null> {
  const result = await server.request(
    LoginMutation,
    { email, password },
    cookie ? { cookie } : null,
  );
  const setCookie = result.headers.get('set-cookie');
  return setCookie ? { cookie: setCookie.split(';')[0] ?? '' } : null;
}

async function createUser(password: string) {
  const email = `${uniqueName('user')}@example.com`;
  const result = await server.request(
    CreateUserMutation,
    { input: { email, password, role: 'VIEWER' } },
    await server.login(),
  );
  return { email, result };
}

/** How the server stores a session id: its SHA-256 (A3). */
const tokenHash = (session: { cookie: string }) =>
  createHash('sha256').update(session.cookie.slice('sid='.length)).digest();

/** The session's stored last use, in milliseconds. */
async function lastSeen(session: { cookie: string }): Promise<number | undefined> {
  const rows: { last_seen_at: Date }[] = await server.dataSource.query(
    'SELECT last_seen_at FROM sessions WHERE token_hash = $1',
    [tokenHash(session)],
  );
  return rows[0]?.last_seen_at.getTime();
}

describe('idle lifetime (SESSION_IDLE_MINUTES)', () => {
  it('ends a session unused for the idle lifetime, while use keeps it alive', async () => {
    const used = await server.login();
    const unused = await server.login();
    advance(IDLE_MINUTES - 1);
    expect(await isSignedIn(used)).toBe(true);
    advance(IDLE_MINUTES - 1); // 58 minutes after login, 29 after the last use
    expect(await isSignedIn(used)).toBe(true);
    expect(await isSignedIn(unused)).toBe(false);
    expect(errorCodes(await server.request(SecretsQuery, {}, unused))).toEqual(['UNAUTHENTICATED']);
    advance(IDLE_MINUTES);
    expect(await isSignedIn(used)).toBe(false);
    expect((await server.request(MeQuery, {}, used)).data?.me).toBeNull();
  });

  it('writes the last use at most once a minute, not on every request', async () => {
    const session = await server.login();
    const atLogin = await lastSeen(session);
    advance(0.5);
    await isSignedIn(session);
    expect(await lastSeen(session)).toBe(atLogin);
    advance(1);
    await isSignedIn(session);
    expect(await lastSeen(session)).toBeGreaterThan((atLogin ?? 0) + MINUTE);
  });
  it('deletes ended sessions in the periodic purge, keeping live ones', async () => {
    const kept = await server.login();
    const dropped = await server.login();
    advance(IDLE_MINUTES - 1);
    expect(await isSignedIn(kept)).toBe(true);
    advance(2);
    const stored = async (session: { cookie: string }) => {
      const rows: unknown[] = await server.dataSource.query(
        'SELECT 1 FROM sessions WHERE token_hash = $1',
        [tokenHash(session)],
      );
      return rows.length === 1;
    };
    expect([await stored(kept), await stored(dropped)]).toEqual([true, true]);
    await server.services.auth.purgeExpired();
    expect([await stored(kept), await stored(dropped)]).toEqual([true, false]);
    expect(await isSignedIn(kept)).toBe(true);
  });
});

describe('absolute lifetime (SESSION_TTL_HOURS)', () => {
  it('ends a session used all along once the lifetime after login has passed', async () => {
    const session = await server.login();
    const alive: boolean[] = [];
    for (let step = 0; step < (TTL_HOURS * 60) / 20; step++) {
      advance(20);
      alive.push(await isSignedIn(session));
    }
    // Used every 20 minutes: alive until the 2 hours are up, however active.
    expect(alive).toEqual([true, true, true, true, true, false]);
  });
});

describe('session id rotation at login', () => {
  it('always issues a new session and ends the one the browser came with', async () => {
    const before = await login();
    const after = await login(before?.cookie);
    expect(after?.cookie).toMatch(/^sid=sms_/);
    expect(after?.cookie).not.toBe(before?.cookie);
    expect(await isSignedIn({ cookie: after?.cookie ?? '' })).toBe(true);
    expect(await isSignedIn({ cookie: before?.cookie ?? '' })).toBe(false);
    const logins =
      (
        await server.request(
          AuditEventsQuery,
          { filter: { action: 'LOGIN_SUCCEEDED' }, first: 1 },
          { cookie: after?.cookie ?? '' },
        )
      ).data?.auditEvents.nodes ?? [];
    expect(logins[0]?.details).toMatch(/replacing the previous session/);
  });

  it('leaves sessions of other browsers alone', async () => {
    const first = await server.login();
    const second = await server.login();
    expect([await isSignedIn(first), await isSignedIn(second)]).toEqual([true, true]);
  });

  it('closes the WebSockets of the replaced session', async () => {
    const before = await server.login();
    const live = await subscribe(server, EXPIRY_WARNINGS, {}, before);
    try {
      expect(live.closeCode()).toBeUndefined();
      await login(before.cookie);
      await waitFor(() => live.closeCode() !== undefined, 'the old session’s socket to close');
      expect(live.closeCode()).toBe(4401);
    } finally {
      await live.dispose();
    }
  });

  it('keeps the session when the new login fails', async () => {
    const session = await server.login();
    expect(await login(session.cookie, ADMIN_EMAIL, 'not the password')).toBeNull();
    expect(await isSignedIn(session)).toBe(true);
  });
});

describe('login attempts in one aliased document', () => {
  it('counts every attempt, so aliases buy no extra guesses', async () => {
    const password = 'the right password';
    const { email, result } = await createUser(password);
    const userId = result.data?.createUser.id ?? '';
    const aliases = (passwords: string[]) =>
      parse(
        `mutation { ${passwords
          .map(
            (guess, index) =>
              `a${index}: login(email: ${JSON.stringify(email)}, password: ${JSON.stringify(guess)}) { expiresAt }`,
          )
          .join(' ')} }`,
      );
    const guesses = ['guess 1', 'guess 2', 'guess 3', 'guess 4', 'guess 5', 'guess 6', password];

    // Mutation fields run one after another, and a failed login (a non-null field) ends the
    // document: each document spends exactly one attempt.
    const codes: unknown[][] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await server.request(aliases(guesses.slice(attempt)));
      expect(answer.data).toBeNull();
      codes.push(errorCodes(answer));
    }
    expect(codes).toEqual(Array(5).fill(['UNAUTHENTICATED']));

    // The sixth attempt is refused even with the right password first in the document.
    const limited = await server.request(aliases([password, password]));
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.headers.get('set-cookie')).toBeNull();

    const audited =
      (
        await server.request(
          AuditEventsQuery,
          { filter: { targetId: userId }, first: 50 },
          await server.login(),
        )
      ).data?.auditEvents.nodes.map((event) => event.action) ?? [];
    expect(audited.filter((action) => action === 'LOGIN_FAILED')).toHaveLength(5);
    expect(audited).not.toContain('LOGIN_SUCCEEDED');
    const refusals =
      (
        await server.request(
          AuditEventsQuery,
          { filter: { action: 'LOGIN_RATE_LIMITED' }, first: 50 },
          await server.login(),
        )
      ).data?.auditEvents.nodes.filter((event) => event.actor === email) ?? [];
    expect(refusals).toHaveLength(1);
  });
});

describe('password length', () => {
  it('accepts 12 to 1024 characters and refuses the rest with BAD_USER_INPUT', async () => {
    const tooShort = await createUser('x'.repeat(11));
    const shortest = await createUser('s'.repeat(12));
    const longest = await createUser('l'.repeat(1024));
    const tooLong = await createUser('x'.repeat(1025));
    expect(errorCodes(tooShort.result)).toEqual(['BAD_USER_INPUT']);
    expect(tooShort.result.errors?.[0]?.message).toMatch(/12 to 1024 characters/);
    expect(errorCodes(tooLong.result)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(shortest.result)).toEqual([]);
    expect(errorCodes(longest.result)).toEqual([]);
    expect(await login(undefined, longest.email, 'l'.repeat(1024))).not.toBeNull();
    expect(await login(undefined, shortest.email, 's'.repeat(12))).not.toBeNull();

    const emails = (await server.request(UsersQuery, {}, await server.login())).data?.users.map(
      (user) => user.email,
    );
    expect(emails).toEqual(expect.arrayContaining([shortest.email, longest.email]));
    expect(emails).not.toContain(tooShort.email);
    expect(emails).not.toContain(tooLong.email);
  });
});

describe('WebSockets of ended sessions', () => {
  it('closes a subscription with 4401 when its session logs out', async () => {
    const session = await server.login();
    const live = await subscribe(server, EXPIRY_WARNINGS, {}, session);
    try {
      await server.request(LogoutMutation, {}, session);
      await waitFor(() => live.closeCode() !== undefined, 'the logged-out socket to close');
      expect(live.closeCode()).toBe(4401);
    } finally {
      await live.dispose();
    }
  });

  it('closes a subscription with 4401 once its session idles out', async () => {
    const idle = await server.login();
    const active = await server.login();
    const marker = await server.login();
    const idleLive = await subscribe(server, EXPIRY_WARNINGS, {}, idle);
    const activeLive = await subscribe(server, EXPIRY_WARNINGS, {}, active);
    const markerLive = await subscribe(server, EXPIRY_WARNINGS, {}, marker);
    try {
      advance(IDLE_MINUTES / 2);
      expect(await isSignedIn(active)).toBe(true);
      expect(await isSignedIn(marker)).toBe(true);
      advance(IDLE_MINUTES / 2);
      // Pushed events are no use of the session: only requests keep it alive.
      await waitFor(() => idleLive.closeCode() !== undefined, 'the idle socket to close');
      expect(idleLive.closeCode()).toBe(4401);
      // Ended behind the server's back (no notice): only a later periodic check closes it.
      await server.dataSource.query(
        "UPDATE sessions SET expires_at = 'epoch' WHERE token_hash = $1",
        [tokenHash(marker)],
      );
      await waitFor(() => markerLive.closeCode() !== undefined, 'a later check to close a socket');
      expect(activeLive.closeCode()).toBeUndefined();
    } finally {
      await idleLive.dispose();
      await activeLive.dispose();
      await markerLive.dispose();
    }
  });

  it('pushed events are no use of a session', async () => {
    const listener = await server.login();
    const live = await subscribe<SecretEventMessage>(server, SECRET_EVENTS, {}, listener);
    try {
      const atLogin = await lastSeen(listener);
      advance(2); // past the once-a-minute write: any use now would move the last use
      const created = await server.request(
        CreateSecretMutation,
        { input: { kind: 'WEBHOOK', name: uniqueName('pushed'), value: 'v' } },
        await server.login(),
      );
      const id = created.data?.createSecret.id;
      await waitFor(
        () => live.events.some((event) => event.secretEvents.secretId === id),
        'the event to reach the listener',
      );
      expect(await lastSeen(listener)).toBe(atLogin);
      // A request, by contrast, is a use.
      expect(await isSignedIn(listener)).toBe(true);
      expect(await lastSeen(listener)).toBeGreaterThan((atLogin ?? 0) + MINUTE);
    } finally {
      await live.dispose();
    }
  });

  it('refuses a new operation on a socket whose session has ended, before any periodic check', async () => {
    // Its own server, checking open sockets only every minute: the close comes from the operation.
    const own = await startTestServer({
      env: { SESSION_TTL_HOURS: String(TTL_HOURS) },
      clock: () => new Date(Date.now() + clockOffset),
    });
    const session = await own.login();
    let closeCode: number | undefined;
    let connected: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const client = createClient({
      url: `${own.url.replace(/^http/, 'ws')}/graphql`,
      lazy: false,
      retryAttempts: 0,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: session.cookie } });
        }
      },
      on: {
        connected: () => connected(),
        closed: (event) => (closeCode = (event as { code?: number }).code),
      },
      onNonLazyError: () => undefined,
    });
    try {
      await ready;
      advance(TTL_HOURS * 60);
      const outcome = await new Promise<{ data?: unknown }>((resolve) => {
        const received: { data?: unknown } = {};
        client.subscribe(
          { query: '{ secrets { totalCount } }' },
          {
            next: (value) => (received.data = value.data),
            error: () => resolve(received),
            complete: () => resolve(received),
          },
        );
      });
      expect(outcome.data ?? null).toBeNull();
      await waitFor(() => closeCode !== undefined, 'the socket to close');
      expect(closeCode).toBe(4401);
    } finally {
      await client.dispose();
      await own.stop();
    }
  });
});
