import { createTestDatabase, type TestDatabase } from '../support/database';
import { EXPIRY_WARNINGS, type ExpiryWarningEvent } from '../support/live';
import {
  CreateApiTokenMutation,
  CreateSecretMutation,
  CreateUserMutation,
  LoginMutation,
  LogoutMutation,
  RevokeApiTokenMutation,
} from '../support/operations';
import { errorCodes, newMasterKey, startTestServer, type TestServer } from '../support/server';
import { subscribe, waitFor, type LiveSubscription } from '../support/ws';
import { uniqueName } from '../support/names';

const DAY = 86_400_000;

let database: TestDatabase;
let replicas: TestServer[];
let admin: { cookie: string };
let subscribers: LiveSubscription<ExpiryWarningEvent>[];

async function createExpiring(server: TestServer) {
  const { createSecret: secret } = await server.mutate(
    CreateSecretMutation,
    {
      input: {
        kind: 'INTEGRATION',
        name: uniqueName('replicated'),
        value: 'v',
        expiresAt: new Date(Date.now() + 3 * DAY).toISOString(),
      },
    },
    admin,
  );
  return secret.id;
}

/** How many times each subscriber was told about each of `ids`. */
function deliveries(ids: readonly string[]): number[][] {
  return subscribers.map((subscriber) =>
    ids.map(
      (id) => subscriber.events.filter((event) => event.expiryWarnings.secretId === id).length,
    ),
  );
}

async function stored(ids: readonly string[]): Promise<number> {
  const rows: { count: string }[] = await replicas[0]!.dataSource.query(
    'SELECT count(*) FROM notifications WHERE secret_id = ANY($1::uuid[])',
    [ids],
  );
  return Number(rows[0]?.count);
}

/**
 * Waits for a later warning at every subscriber: each replica delivers in the order it
 * heard, so a duplicate of an earlier warning would have arrived by then.
 */
async function afterALaterWarning(): Promise<void> {
  const marker = await createExpiring(replicas[0]!);
  await waitFor(
    () => deliveries([marker]).every(([count]) => count === 1),
    'a later warning at every subscriber',
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { SECRETS_MASTER_KEY: newMasterKey(), EXPIRY_SCAN_INTERVAL_MS: '150' };
  // Two replicas of the service on one PostgreSQL database, as in production.
  replicas = [await startTestServer({ database, env }), await startTestServer({ database, env })];
  admin = await replicas[0]!.login();
  subscribers = await Promise.all(
    replicas.flatMap((replica) => [
      subscribe<ExpiryWarningEvent>(replica, EXPIRY_WARNINGS, {}, admin),
      subscribe<ExpiryWarningEvent>(replica, EXPIRY_WARNINGS, {}, admin),
    ]),
  );
});
afterAll(async () => {
  await Promise.all(subscribers.map((subscriber) => subscriber.dispose()));
  for (const replica of replicas) await replica.stop();
  await database.drop();
});

describe('E3 across replicas', () => {
  it('raises each warning once and delivers it once to every subscriber of every replica', async () => {
    const id = await createExpiring(replicas[1]!);
    await waitFor(() => deliveries([id]).every(([count]) => count === 1), 'every subscriber');
    await afterALaterWarning();
    expect(deliveries([id])).toEqual([[1], [1], [1], [1]]);
    expect(await stored([id])).toBe(1);
  });

  it('does the same under a burst of 50 secrets created on both replicas at once', async () => {
    const ids = await Promise.all(
      Array.from({ length: 50 }, (_, index) => createExpiring(replicas[index % 2]!)),
    );
    await waitFor(
      () => deliveries(ids).every((counts) => counts.every((count) => count >= 1)),
      'all 50 warnings on every subscriber',
      20_000,
    );
    await afterALaterWarning();
    expect(deliveries(ids)).toEqual(Array(4).fill(Array(50).fill(1)));
    expect(await stored(ids)).toBe(50);
  });

  it('catches up from the table, without duplicates, after losing the LISTEN connection', async () => {
    await replicas[0]!.dataSource.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'secrets-listener' AND datname = current_database()",
    );
    const id = await createExpiring(replicas[0]!);
    await waitFor(
      () => deliveries([id]).every(([count]) => count === 1),
      'the missed warning',
      15_000,
    );
    await afterALaterWarning();
    expect(deliveries([id])).toEqual([[1], [1], [1], [1]]);
    expect(await stored([id])).toBe(1);
    for (const replica of replicas) expect(replica.logs()).toContain('LISTEN connection restored');
  });
});

describe('A4 login attempts across replicas', () => {
  const password = 'the right password';

  async function createUser(): Promise<string> {
    const email = `${uniqueName('replicated')}@example.com`;
    const result = await replicas[0]!.request(
      CreateUserMutation,
      { input: { email, password, role: 'VIEWER' } },
      admin,
    );
    expect(errorCodes(result)).toEqual([]);
    return email;
  }

  /** The error codes of one login attempt on `replica`, and its retryAfterSeconds if any. */
  async function attempt(replica: TestServer, email: string, guess: string) {
    const result = await replica.request(LoginMutation, { email, password: guess });
    return {
      codes: errorCodes(result),
      retryAfterSeconds: result.errors?.[0]?.extensions?.retryAfterSeconds,
    };
  }
  const attempts = async (replica: TestServer, email: string, guesses: number) => {
    const codes: unknown[][] = [];
    for (let index = 0; index < guesses; index++)
      codes.push((await attempt(replica, email, `guess ${index}`)).codes);
    return codes;
  };

  it('shares one count: 3 failures on one replica and 2 on the other, then both refuse', async () => {
    const email = await createUser();
    expect(await attempts(replicas[0]!, email, 3)).toEqual(Array(3).fill(['UNAUTHENTICATED']));
    expect(await attempts(replicas[1]!, email, 2)).toEqual(Array(2).fill(['UNAUTHENTICATED']));

    for (const replica of replicas) {
      const refused = await attempt(replica, email, password);
      expect(refused.codes).toEqual(['RATE_LIMITED']);
      expect(refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    }
  });

  it('clears the count on every replica after a success on one', async () => {
    const email = await createUser();
    expect(await attempts(replicas[0]!, email, 4)).toEqual(Array(4).fill(['UNAUTHENTICATED']));
    expect((await attempt(replicas[1]!, email, password)).codes).toEqual([]);
    // Without the clearing this would be the sixth attempt, and refused.
    expect(await attempts(replicas[0]!, email, 1)).toEqual([['UNAUTHENTICATED']]);
  });

  it('lets attempts again once the window has passed, and the sweep deletes the old count', async () => {
    const email = await createUser();
    await attempts(replicas[0]!, email, 5);
    expect((await attempt(replicas[1]!, email, password)).codes).toEqual(['RATE_LIMITED']);
    const counts = async (): Promise<number> => {
      const rows: { count: string }[] = await replicas[0]!.dataSource.query(
        'SELECT count(*) FROM login_attempts',
      );
      return Number(rows[0]?.count);
    };
    expect(await counts()).toBeGreaterThan(0);
    // The window of every count so far ends now, as it would 15 minutes after its first attempt.
    await replicas[0]!.dataSource.query('UPDATE login_attempts SET expire = $1', [Date.now() - 1]);

    await replicas[1]!.services.auth.purgeExpired();
    expect(await counts()).toBe(0);
    expect((await attempt(replicas[0]!, email, password)).codes).toEqual([]);
  });
});

describe('A1 WebSockets across replicas', () => {
  /** Subscribes with `credentials` on every replica. */
  const subscribeEverywhere = (credentials: { cookie?: string; authorization?: string }) =>
    Promise.all(
      replicas.map((replica) =>
        subscribe<ExpiryWarningEvent>(replica, EXPIRY_WARNINGS, {}, credentials),
      ),
    );
  const closeCodes = (sockets: LiveSubscription<unknown>[]) =>
    sockets.map((socket) => socket.closeCode());

  it('closes a session’s sockets with 4401 on every replica when it logs out on one', async () => {
    const session = await replicas[0]!.login();
    const sockets = await subscribeEverywhere(session);
    try {
      expect(closeCodes(sockets)).toEqual([undefined, undefined]);
      expect(errorCodes(await replicas[1]!.request(LogoutMutation, {}, session))).toEqual([]);
      await waitFor(
        () => sockets.every((socket) => socket.closeCode() !== undefined),
        'the session’s sockets to close on both replicas',
      );
      expect(closeCodes(sockets)).toEqual([4401, 4401]);
      // Only that session's: the admin's other session keeps its sockets.
      expect(closeCodes(subscribers)).toEqual([undefined, undefined, undefined, undefined]);
    } finally {
      await Promise.all(sockets.map((socket) => socket.dispose()));
    }
  });

  it('closes an API token’s sockets with 4401 on every replica when it is revoked on one', async () => {
    const created = (
      await replicas[0]!.request(
        CreateApiTokenMutation,
        { input: { name: uniqueName('replicated'), role: 'VIEWER' } },
        admin,
      )
    ).data?.createApiToken;
    const sockets = await subscribeEverywhere({ authorization: `Bearer ${created?.token}` });
    try {
      expect(closeCodes(sockets)).toEqual([undefined, undefined]);
      const revoked = await replicas[1]!.request(
        RevokeApiTokenMutation,
        { id: created?.apiToken.id ?? '' },
        admin,
      );
      expect(errorCodes(revoked)).toEqual([]);
      await waitFor(
        () => sockets.every((socket) => socket.closeCode() !== undefined),
        'the token’s sockets to close on both replicas',
      );
      expect(closeCodes(sockets)).toEqual([4401, 4401]);
      expect(closeCodes(subscribers)).toEqual([undefined, undefined, undefined, undefined]);
    } finally {
      await Promise.all(sockets.map((socket) => socket.dispose()));
    }
  });
});
