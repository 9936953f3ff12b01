import {
  CreateApiTokenMutation,
  CreateUserMutation,
  DeleteSecretMutation,
  MarkNotificationsReadMutation,
  NotificationsQuery,
  RevokeApiTokenMutation,
  RevokeSecretMutation,
  UpdateSecretMutation,
} from '../support/operations';
import {
  EXPIRY_WARNINGS,
  SECRET_EVENTS,
  type ExpiryWarningEvent,
  type SecretEventMessage,
} from '../support/live';
import { startTestServer, type TestServer } from '../support/server';
import { subscribe, waitFor, type LiveSubscription } from '../support/ws';
import { uniqueName } from '../support/names';
import { createSecret as newSecret } from '../support/factories';

const DAY = 86_400_000;
const SCAN_MS = 150;

let server: TestServer;
let admin: { cookie: string };
let warnings: LiveSubscription<ExpiryWarningEvent>;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function createSecret(
  expiresAt: string | null,
  kind: 'WEBHOOK' | 'INTEGRATION' = 'WEBHOOK',
  on: { server: TestServer; admin: { cookie: string } } = { server, admin },
) {
  return newSecret(on, { kind, name: uniqueName('expiring'), value: 'v', expiresAt });
}

const warningsFor = (secretId: string) =>
  warnings.events
    .map((event) => event.expiryWarnings)
    .filter((warning) => warning.secretId === secretId);

async function storedFor(
  secretId: string,
  on: TestServer = server,
): Promise<{ threshold_days: number }[]> {
  return on.dataSource.query(
    'SELECT threshold_days FROM notifications WHERE secret_id = $1 ORDER BY created_at',
    [secretId],
  );
}

/**
 * Waits for the warning of a new secret inside a window: a pass that started after
 * everything before it. Warnings arrive in the order they were raised, so whatever an
 * earlier pass raised has arrived by then, and "nothing was raised" means something.
 */
async function afterALaterPass(): Promise<void> {
  const marker = await createSecret(inDays(2));
  await waitFor(() => warningsFor(marker.id).length === 1, 'the warning of a later pass');
}

beforeAll(async () => {
  server = await startTestServer({ env: { EXPIRY_SCAN_INTERVAL_MS: String(SCAN_MS) } });
  admin = await server.login();
  warnings = await subscribe<ExpiryWarningEvent>(server, EXPIRY_WARNINGS, {}, admin);
});
afterAll(async () => {
  await warnings.dispose();
  await server.stop();
});

describe('E1 one warning, for the narrowest window', () => {
  it('raises the 7-day warning, not the 30-day one, for a secret created with 3 days left', async () => {
    const secret = await createSecret(inDays(3));
    await waitFor(() => warningsFor(secret.id).length === 1, 'the 7-day warning');
    await afterALaterPass();
    expect(warningsFor(secret.id)).toEqual([
      expect.objectContaining({
        thresholdDays: 7,
        daysLeft: 3,
        secretName: secret.name,
        secretKind: 'WEBHOOK',
      }),
    ]);
    expect(await storedFor(secret.id)).toEqual([{ threshold_days: 7 }]);
  });

  it('raises nothing outside every window, nor for secrets revoked or deleted before they enter one', async () => {
    // A server of its own, whose clock moves the secrets into a window after the revoke and
    // the delete: a warning raised at creation would prove nothing about the scanner.
    let offset = 0;
    const own = await startTestServer({
      env: { EXPIRY_SCAN_INTERVAL_MS: String(SCAN_MS) },
      clock: () => new Date(Date.now() + offset),
    });
    try {
      const on = { server: own, admin: await own.login() };
      const far = await createSecret(inDays(80), 'WEBHOOK', on);
      const revoked = await createSecret(inDays(40), 'WEBHOOK', on);
      const deleted = await createSecret(inDays(40), 'WEBHOOK', on);
      await own.request(RevokeSecretMutation, { id: revoked.id }, on.admin);
      await own.request(DeleteSecretMutation, { id: deleted.id }, on.admin);

      offset = 20 * DAY; // revoked and deleted now expire in 20 days: inside the 30-day window
      on.admin = await own.login(); // the first session ended with the move
      const marker = await createSecret(
        new Date(Date.now() + offset + 20 * DAY).toISOString(),
        'WEBHOOK',
        on,
      );
      // The marker's warning comes from a pass that read every secret after the move.
      await waitFor(
        async () => (await storedFor(marker.id, own)).length === 1,
        'the warning of a secret in the window',
      );
      expect(await storedFor(marker.id, own)).toEqual([{ threshold_days: 30 }]);
      expect(await storedFor(far.id, own)).toEqual([]);
      expect(await storedFor(revoked.id, own)).toEqual([]);
      expect(await storedFor(deleted.id, own)).toEqual([]);
    } finally {
      await own.stop();
    }
  });

  it('with real time, raises the 1-day warning and then the 0-day one as the secret expires', async () => {
    const secret = await createSecret(new Date(Date.now() + 2000).toISOString(), 'INTEGRATION');
    await waitFor(
      () => warningsFor(secret.id).length === 2,
      'the 1-day then the 0-day warning',
      8000,
    );
    const [first, second] = warningsFor(secret.id);
    expect([first?.thresholdDays, first?.daysLeft]).toEqual([1, 1]);
    expect([second?.thresholdDays, second?.daysLeft]).toEqual([0, 0]);
    expect(second?.message).toContain(`"${secret.name}" expired on`);
    expect(second?.message).toContain('create a new secret');
    expect(second?.message).toContain('extend its expiration date');
  });
});

describe('re-arming', () => {
  it('is silent when the expiry moves outside every window, and raises again when it moves back', async () => {
    const secret = await createSecret(inDays(5));
    await waitFor(() => warningsFor(secret.id).length === 1, 'the first warning');
    await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { expiresAt: inDays(60) } },
      admin,
    );
    await afterALaterPass();
    expect(warningsFor(secret.id)).toHaveLength(1);
    await server.request(
      UpdateSecretMutation,
      { id: secret.id, input: { expiresAt: inDays(6) } },
      admin,
    );
    await waitFor(() => warningsFor(secret.id).length === 2, 'the re-armed warning');
    await afterALaterPass();
    expect(warningsFor(secret.id).map((warning) => warning.thresholdDays)).toEqual([7, 7]);
    expect(new Set(warningsFor(secret.id).map((warning) => warning.expiresAt)).size).toBe(2);
  });
});

describe('E3 stored notifications and read state', () => {
  it("keeps each user's reading to themselves", async () => {
    const secret = await createSecret(inDays(1));
    await waitFor(() => warningsFor(secret.id).length === 1, 'the warning');
    await server.request(
      CreateUserMutation,
      { input: { email: 'reader@example.com', password: 'reader password!', role: 'VIEWER' } },
      admin,
    );
    const viewer = await server.login('reader@example.com', 'reader password!');
    const id = warningsFor(secret.id)[0]?.id ?? '';

    const unread = await server.request(
      NotificationsQuery,
      { unreadOnly: true, first: 100 },
      admin,
    );
    expect(unread.data?.notifications.map((item) => item.id)).toContain(id);
    expect(
      (await server.request(MarkNotificationsReadMutation, { ids: [id, id, 'not-an-id'] }, viewer))
        .data?.markNotificationsRead,
    ).toBe(1);
    expect(
      (await server.request(MarkNotificationsReadMutation, { ids: [id] }, viewer)).data
        ?.markNotificationsRead,
    ).toBe(0);

    const forViewer = await server.request(NotificationsQuery, { first: 100 }, viewer);
    expect(forViewer.data?.notifications.find((item) => item.id === id)?.readAt).toEqual(
      expect.any(String),
    );
    const forAdmin = await server.request(
      NotificationsQuery,
      { unreadOnly: true, first: 100 },
      admin,
    );
    expect(forAdmin.data?.notifications.find((item) => item.id === id)).toMatchObject({
      readAt: null,
      secret: { id: secret.id },
    });
  });
});

describe('secretEvents', () => {
  it('pushes every create, update, revoke and delete, filtered by kind', async () => {
    const webhookOnly = await subscribe<SecretEventMessage>(
      server,
      SECRET_EVENTS,
      { kind: 'WEBHOOK' },
      admin,
    );
    const all = await subscribe<SecretEventMessage>(server, SECRET_EVENTS, {}, admin);
    try {
      const secret = await createSecret(null);
      await server.request(
        UpdateSecretMutation,
        { id: secret.id, input: { description: 'changed' } },
        admin,
      );
      await server.request(RevokeSecretMutation, { id: secret.id }, admin);
      await server.request(DeleteSecretMutation, { id: secret.id }, admin);
      const integration = await createSecret(null, 'INTEGRATION');
      const mine = (events: SecretEventMessage[], id: string) =>
        events.map((event) => event.secretEvents).filter((event) => event.secretId === id);
      await waitFor(() => mine(all.events, integration.id).length === 1, 'the integration event');
      await waitFor(() => mine(webhookOnly.events, secret.id).length === 4, 'four webhook events');
      expect(
        mine(webhookOnly.events, secret.id).map((event) => [
          event.type,
          event.secret?.status ?? null,
        ]),
      ).toEqual([
        ['CREATED', 'ACTIVE'],
        ['UPDATED', 'ACTIVE'],
        ['REVOKED', 'REVOKED'],
        ['DELETED', null],
      ]);
      expect(mine(webhookOnly.events, integration.id)).toEqual([]);
    } finally {
      await webhookOnly.dispose();
      await all.dispose();
    }
  });
});

describe('A1 and A2 on subscriptions', () => {
  it('closes a subscriber without credentials with 4401 and lets a VIEWER subscribe', async () => {
    const anonymous = await subscribe(server, EXPIRY_WARNINGS);
    await waitFor(() => anonymous.closeCode() !== undefined, 'the close');
    expect(anonymous.closeCode()).toBe(4401);

    const token = (
      await server.request(
        CreateApiTokenMutation,
        { input: { name: 'watcher', role: 'VIEWER' } },
        admin,
      )
    ).data?.createApiToken;
    const viewer = await subscribe<ExpiryWarningEvent>(
      server,
      EXPIRY_WARNINGS,
      {},
      { authorization: `Bearer ${token?.token ?? ''}` },
    );
    try {
      const secret = await createSecret(inDays(1));
      await waitFor(
        () => viewer.events.some((event) => event.expiryWarnings.secretId === secret.id),
        'the viewer to be told',
      );

      // Revoking the token ends its subscription at once.
      await server.request(RevokeApiTokenMutation, { id: token?.apiToken.id ?? '' }, admin);
      await waitFor(() => viewer.closeCode() !== undefined, 'the revoked subscription to close');
      expect(viewer.closeCode()).toBe(4401);
    } finally {
      await viewer.dispose();
    }
  });
});

describe('E2 scan passes', () => {
  it('scans past a full batch of expiry dates written with microseconds', async () => {
    const template = await createSecret(null);
    // Another writer than the API (SQL, a restore) may store microseconds; a batch of 500
    // such dates once made every pass read the same candidates again, without end.
    await server.dataSource.query(
      // Without values (secret_versions): a scan never reads one.
      `INSERT INTO secrets (id, kind, name, value_updated_at, value_version, expires_at)
       SELECT gen_random_uuid(), kind, name || '_' || n, value_updated_at, 1,
              now() + interval '3 days 0.000123 seconds'
       FROM secrets, generate_series(1, 600) AS n WHERE id = $1`,
      [template.id],
    );
    // Expires after all of them, so it is warned only once the scan got past them.
    const later = await createSecret(inDays(4));
    await waitFor(() => warningsFor(later.id).length === 1, 'the later secret warned', 10_000);
    const [raised]: { count: string }[] = await server.dataSource.query(
      `SELECT count(*) FROM notifications WHERE secret_name LIKE $1`,
      [`${template.name}\\_%`],
    );
    expect(Number(raised?.count)).toBe(600);
  });
});
