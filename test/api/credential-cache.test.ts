import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { AuditService } from '../../apps/server/src/audit/audit.service';
import { ApiTokenService } from '../../apps/server/src/auth/api-token.service';
import { AuthService } from '../../apps/server/src/auth/auth.service';
import { CredentialCache } from '../../apps/server/src/auth/credential-cache';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { uniqueName } from '../support/names';
import {
  ApiTokensQuery,
  CreateApiTokenMutation,
  CreateUserMutation,
  LoginMutation,
  LogoutMutation,
  RevokeApiTokenMutation,
} from '../support/operations';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  errorCodes,
  newMasterKey,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/server';
import { waitFor } from '../support/ws';

// Each login costs a 128 MiB scrypt hash; on a busy machine a test may take seconds.
jest.setTimeout(60_000);

/** The bound: a revocation on one replica is refused on every other this soon. */
const ELSEWHERE_MS = 100;
const MINUTE = 60_000;
const IDLE_MINUTES = 30;

let database: TestDatabase;
let replicas: [TestServer, TestServer];
let admin: { cookie: string };
/** How far both replicas' clocks run ahead of real time; back to 0 before each test. */
let clockOffset = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const options = {
    database,
    env: { SECRETS_MASTER_KEY: newMasterKey(), SESSION_IDLE_MINUTES: String(IDLE_MINUTES) },
    clock: () => new Date(Date.now() + clockOffset),
  };
  // Two replicas of the service on one PostgreSQL database, as in production.
  replicas = [await startTestServer(options), await startTestServer(options)];
  admin = await replicas[0].login();
  // A refusal on each replica first, so that no measurement includes compiling its path.
  for (const replica of replicas) expect(await accepted(replica, null)).toBe(false);
});
afterAll(async () => {
  for (const replica of replicas) await replica.stop();
  await database.drop();
});
beforeEach(() => {
  clockOffset = 0;
});

const [A, B] = [0, 1] as const;

/** Whether `credentials` are accepted on `replica`, by a query that needs a caller. */
const accepted = async (replica: TestServer, credentials: Credentials): Promise<boolean> => {
  const codes = errorCodes(await replica.request(ApiTokensQuery, {}, credentials));
  if (codes.length > 0 && codes[0] !== 'UNAUTHENTICATED') throw new Error(`got ${codes.join()}`);
  return codes.length === 0;
};

/** A request each, so that both replicas hold the credential. */
async function warm(credentials: Credentials): Promise<void> {
  expect([
    await accepted(replicas[A], credentials),
    await accepted(replicas[B], credentials),
  ]).toEqual([true, true]);
}

/** Milliseconds from `since` until `done` first holds, asking again at once each time. */
async function msUntil(done: () => Promise<boolean>, since: number): Promise<number> {
  while (!(await done())) {
    if (performance.now() - since > 10_000) throw new Error('not within 10 s');
  }
  return performance.now() - since;
}

/**
 * After `change` on replica A: whether A accepts `credentials` on its next request, and how
 * many milliseconds pass until B refuses them.
 */
async function afterChangeOnA(
  change: () => Promise<unknown>,
  credentials: Credentials,
): Promise<[boolean, number]> {
  await change();
  const changed = performance.now();
  return Promise.all([
    accepted(replicas[A], credentials),
    msUntil(async () => !(await accepted(replicas[B], credentials)), changed),
  ]);
}

async function createToken(expiresAt?: Date): Promise<{ token: string; id: string }> {
  const { createApiToken } = await replicas[A].mutate(
    CreateApiTokenMutation,
    { input: { name: uniqueName('cached'), role: 'VIEWER', expiresAt: expiresAt?.toISOString() } },
    admin,
  );
  return { token: createApiToken.token, id: createApiToken.apiToken.id };
}

/** An admin user of its own, signed in on replica A. */
async function createAdmin(): Promise<{ id: string; session: { cookie: string } }> {
  const email = `${uniqueName('cached')}@example.com`;
  const password = 'a password of twelve';
  const { createUser } = await replicas[A].mutate(
    CreateUserMutation,
    { input: { email, password, role: 'ADMIN' } },
    admin,
  );
  return { id: createUser.id, session: await replicas[A].login(email, password) };
}

describe('revocation with cached credentials, on two replicas', () => {
  it('refuses a revoked API token on the next request there, and within 100 ms on the other', async () => {
    const { token, id } = await createToken();
    await warm({ token });
    const [here, elsewhere] = await afterChangeOnA(
      () => replicas[A].mutate(RevokeApiTokenMutation, { id }, admin),
      { token },
    );
    expect(here).toBe(false);
    expect(elsewhere).toBeLessThanOrEqual(ELSEWHERE_MS);
  });

  it('refuses a logged-out session on the next request there, and within 100 ms on the other', async () => {
    const session = await replicas[A].login();
    await warm(session);
    const [here, elsewhere] = await afterChangeOnA(
      () => replicas[A].mutate(LogoutMutation, {}, session),
      session,
    );
    expect(here).toBe(false);
    expect(elsewhere).toBeLessThanOrEqual(ELSEWHERE_MS);
  });

  it('refuses a session replaced by a new login the same way', async () => {
    const session = await replicas[A].login();
    await warm(session);
    const [here, elsewhere] = await afterChangeOnA(
      () =>
        replicas[A].mutate(
          LoginMutation,
          { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
          session,
        ),
      session,
    );
    expect(here).toBe(false);
    expect(elsewhere).toBeLessThanOrEqual(ELSEWHERE_MS);
  });

  it('applies a role changed in the database within 100 ms on every replica', async () => {
    const { id, session } = await createAdmin();
    /** An admin is told the name is empty; a viewer may not create tokens at all. */
    const forbidden = async (replica: TestServer) => {
      const result = await replica.request(
        CreateApiTokenMutation,
        { input: { name: ' ', role: 'VIEWER' } },
        session,
      );
      return errorCodes(result).includes('FORBIDDEN');
    };
    expect([await forbidden(replicas[A]), await forbidden(replicas[B])]).toEqual([false, false]);
    // The server has no mutation for it: an operator changes a role in SQL.
    await replicas[A].dataSource.query("UPDATE users SET role = 'VIEWER' WHERE id = $1", [id]);
    const changed = performance.now();
    const times = await Promise.all(
      replicas.map((replica) => msUntil(() => forbidden(replica), changed)),
    );
    for (const time of times) expect(time).toBeLessThanOrEqual(ELSEWHERE_MS);
  });

  it('refuses the sessions of a user deleted in the database within 100 ms on every replica', async () => {
    const { id, session } = await createAdmin();
    await warm(session);
    await replicas[A].dataSource.query('DELETE FROM users WHERE id = $1', [id]);
    const deleted = performance.now();
    const times = await Promise.all(
      replicas.map((replica) => msUntil(async () => !(await accepted(replica, session)), deleted)),
    );
    for (const time of times) expect(time).toBeLessThanOrEqual(ELSEWHERE_MS);
  });
});

describe('on the replica that made the change, before any NOTIFY', () => {
  /**
   * A replica's auth services with no LISTEN connection at all: only the drop after commit
   * can refuse the next request. (Over HTTP, A's own NOTIFY often arrives first.)
   */
  function replicaWithoutListener() {
    const { dataSource } = replicas[A];
    const credentials = new CredentialCache();
    credentials.listening(true);
    const audit = new AuditService(dataSource);
    const clock = () => new Date();
    return {
      auth: new AuthService({
        dataSource,
        audit,
        credentials,
        clock,
        sessionTtlHours: 12,
        sessionIdleMinutes: IDLE_MINUTES,
      }),
      apiTokens: new ApiTokenService(dataSource, audit, clock, credentials),
    };
  }
  /** Who `credential` is; it must be accepted. */
  async function principalOf(auth: AuthService, credential: { sessionToken?: string }) {
    const principal = await auth.authenticate(credential);
    if (!principal) throw new Error('The credential was refused.');
    return principal;
  }

  it('refuses a revoked API token', async () => {
    const { auth, apiTokens } = replicaWithoutListener();
    const { token, id } = await createToken();
    const actor = await principalOf(auth, { sessionToken: admin.cookie.slice('sid='.length) });
    expect(await auth.authenticate({ bearer: token })).toMatchObject({ id });
    await apiTokens.revoke(id, actor);
    expect(await auth.authenticate({ bearer: token })).toBeNull();
  });

  it('refuses a logged-out session, and one replaced by a new login', async () => {
    const { auth } = replicaWithoutListener();
    const login = () => auth.login(ADMIN_EMAIL, ADMIN_PASSWORD, '127.0.0.1');
    const [loggedOut, replaced] = [await login(), await login()];
    const principal = await principalOf(auth, { sessionToken: loggedOut.token });
    expect(principal.sessionId).toBe(loggedOut.session.id);
    expect(await auth.authenticate({ sessionToken: replaced.token })).not.toBeNull();

    await auth.logout(principal);
    await auth.login(ADMIN_EMAIL, ADMIN_PASSWORD, '127.0.0.1', replaced.session.id);
    expect(await auth.authenticate({ sessionToken: loggedOut.token })).toBeNull();
    expect(await auth.authenticate({ sessionToken: replaced.token })).toBeNull();
  });
});

describe('lifetimes of cached credentials', () => {
  it('refuses a cached API token once the clock passes its expiry', async () => {
    const { token } = await createToken(new Date(Date.now() + 60 * MINUTE));
    await warm({ token });
    clockOffset = 61 * MINUTE;
    expect([
      await accepted(replicas[A], { token }),
      await accepted(replicas[B], { token }),
    ]).toEqual([false, false]);
  });

  it('refuses a cached session once it has idled out', async () => {
    const session = await replicas[A].login();
    await warm(session);
    clockOffset = (IDLE_MINUTES + 1) * MINUTE;
    expect([await accepted(replicas[A], session), await accepted(replicas[B], session)]).toEqual([
      false,
      false,
    ]);
  });
});

describe('a lost LISTEN connection', () => {
  it('forgets every cached credential, since a revocation may have gone unheard', async () => {
    const { token, id } = await createToken();
    await warm({ token });
    const restored = () =>
      replicas.map((replica) => replica.logs().split('LISTEN connection restored').length - 1);
    const before = restored();
    await replicas[A].dataSource.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'secrets-listener' AND datname = current_database()",
    );
    // Revoked without a NOTIFY: what a replica whose connection was down never hears.
    await replicas[A].dataSource.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1', [
      id,
    ]);
    // Both listeners of each replica (live events and the runner lease) are back.
    await waitFor(
      () => restored().every((count, index) => count >= (before[index] ?? 0) + 2),
      'the LISTEN connections to be restored',
      15_000,
    );
    expect([
      await accepted(replicas[A], { token }),
      await accepted(replicas[B], { token }),
    ]).toEqual([false, false]);
  });
});
