// Issue 15: expiry reminders by email, Slack and signed webhooks, through real servers on
// 127.0.0.1 (an SMTP server, HTTPS receivers that verify signatures).
import { createSecret } from '../support/factories';
import { startChannelReceiver, type ChannelReceiver } from '../support/channel-receiver';
import { uniqueName } from '../support/names';
import {
  AuditEventsQuery,
  CreateNotificationChannelMutation,
  CreateUserMutation,
  DeleteNotificationChannelMutation,
  DeleteSecretMutation,
  NotificationChannelsQuery,
  RevokeSecretMutation,
  SecretQuery,
  TestNotificationChannelMutation,
  UpdateNotificationChannelMutation,
} from '../support/operations';
import { errorCodes, startTestServer, type TestServer } from '../support/server';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp';
import { waitFor } from '../support/ws';

const DAY = 86_400_000;
const PUBLIC_ORIGIN = 'https://secrets.example.com';

let server: TestServer;
let admin: { cookie: string };
let smtp: TestSmtpServer;
const receivers: ChannelReceiver[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({
    env: {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'secrets@example.com',
      PUBLIC_ORIGIN,
      EXPIRY_SCAN_INTERVAL_MS: '100',
      CHANNEL_POLL_INTERVAL_MS: '50',
      CHANNEL_RETRY_DELAYS_MS: '50,50,50',
    },
  });
  admin = await server.login();
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

const on = () => ({ server, admin });

async function receiver(signingKey?: string): Promise<ChannelReceiver> {
  const started = await startChannelReceiver(signingKey);
  receivers.push(started);
  return started;
}

const expiringIn = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** A secret that enters the 7-day window, so the scanner raises a reminder for it. */
const expiringSecret = (kind: 'INTEGRATION' | 'WEBHOOK' = 'INTEGRATION') =>
  createSecret(on(), { kind, name: uniqueName('expiring'), expiresAt: expiringIn(3) });

async function createChannel(input: Parameters<typeof createInput>[0]) {
  const { createNotificationChannel: channel } = await server.mutate(
    CreateNotificationChannelMutation,
    { input: createInput(input) },
    admin,
  );
  return channel;
}
const createInput = (input: {
  type: 'EMAIL' | 'SLACK' | 'WEBHOOK';
  emailTo?: string[];
  url?: string;
  secretId?: string;
  kind?: 'INTEGRATION' | 'WEBHOOK';
}) => ({ name: uniqueName('channel'), ...input });

/** A WEBHOOK channel to a fresh receiver, signed by a fresh secret. */
async function webhookChannel(kind?: 'INTEGRATION' | 'WEBHOOK') {
  const key = `signing-key-${uniqueName()}`;
  const secret = await createSecret(on(), { value: key });
  const target = await receiver(key);
  const channel = await createChannel({
    type: 'WEBHOOK',
    url: `${target.peer.url}/hooks/secrets`,
    secretId: secret.id,
    kind,
  });
  return { channel, secret, key, target };
}

/** A SLACK channel whose secret's value is a fresh receiver's URL. */
async function slackChannel() {
  const target = await receiver();
  const url = `${target.peer.url}/services/T0/B0/${uniqueName('slack-path')}`;
  const secret = await createSecret(on(), { value: url });
  const channel = await createChannel({ type: 'SLACK', secretId: secret.id });
  return { channel, secret, url, target };
}

interface DeliveryRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  notification_id: string | null;
}

/** The deliveries of `channelId` for the reminders of `secretId`. */
async function deliveriesOf(channelId: string, secretId: string): Promise<DeliveryRow[]> {
  return server.dataSource.query(
    `SELECT d.id, d.status, d.attempts, d.last_error, d.notification_id
     FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
     WHERE d.channel_id = $1 AND n.secret_id = $2`,
    [channelId, secretId],
  );
}

async function pendingOf(channelId: string): Promise<number> {
  const rows: unknown[] = await server.dataSource.query(
    `SELECT 1 FROM notification_deliveries WHERE channel_id = $1 AND status = 'PENDING'`,
    [channelId],
  );
  return rows.length;
}

async function settled(channelId: string, secretId: string): Promise<DeliveryRow> {
  let row: DeliveryRow | undefined;
  await waitFor(async () => {
    [row] = await deliveriesOf(channelId, secretId);
    return row !== undefined && row.status !== 'PENDING';
  }, 'the delivery to settle');
  return row!;
}

interface NotificationRow {
  id: string;
  expires_at: Date;
  message: string;
  created_at: Date;
}

async function notificationOf(secretId: string): Promise<NotificationRow> {
  const [row] = await server.dataSource.query<NotificationRow[]>(
    'SELECT id, expires_at, message, created_at FROM notifications WHERE secret_id = $1',
    [secretId],
  );
  if (!row) throw new Error('no notification');
  return row;
}

const bodyFor = (target: ChannelReceiver, secretId: string) =>
  target.accepted
    .map((request) => JSON.parse(request.body) as Record<string, unknown>)
    .filter((body) => JSON.stringify(body).includes(secretId));

describe('N3 and N6: channels are checked, ADMIN-only and audited', () => {
  it('refuses bad input with a code and changes nothing', async () => {
    const before = (await server.mutate(NotificationChannelsQuery, {}, admin)).notificationChannels
      .length;
    const integration = await createSecret(on(), { kind: 'INTEGRATION' });
    const webhook = await createSecret(on());
    const cases: [ReturnType<typeof createInput>, string, string][] = [
      [createInput({ type: 'EMAIL', emailTo: ['not an address'] }), 'BAD_USER_INPUT', 'emailTo'],
      [createInput({ type: 'EMAIL', emailTo: [] }), 'BAD_USER_INPUT', 'emailTo'],
      [
        createInput({ type: 'WEBHOOK', url: 'http://127.0.0.1/hook', secretId: webhook.id }),
        'INSECURE_URL',
        'url',
      ],
      [createInput({ type: 'WEBHOOK', secretId: webhook.id }), 'BAD_USER_INPUT', 'url'],
      [createInput({ type: 'SLACK' }), 'BAD_USER_INPUT', 'secretId'],
      [createInput({ type: 'SLACK', secretId: integration.id }), 'BAD_USER_INPUT', 'secretId'],
      [
        createInput({ type: 'SLACK', secretId: '00000000-0000-4000-8000-000000000000' }),
        'SECRET_NOT_FOUND',
        'secretId',
      ],
    ];
    for (const [input, code, field] of cases) {
      const result = await server.request(CreateNotificationChannelMutation, { input }, admin);
      expect({ input, codes: errorCodes(result) }).toEqual({ input, codes: [code] });
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    const after = (await server.mutate(NotificationChannelsQuery, {}, admin)).notificationChannels;
    expect(after).toHaveLength(before);
  });

  it('refuses an EMAIL channel while SMTP_URL is unset, naming it', async () => {
    // A server of its own, so that no EMAIL delivery of this file reaches a server without SMTP.
    const bare = await startTestServer();
    try {
      const result = await bare.request(
        CreateNotificationChannelMutation,
        { input: createInput({ type: 'EMAIL', emailTo: ['ops@example.com'] }) },
        await bare.login(),
      );
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.message).toContain('SMTP_URL');
    } finally {
      await bare.stop();
    }
  });

  it('lets a VIEWER read channels but not change them; changes are audited', async () => {
    const email = `${uniqueName('viewer')}@example.com`;
    await server.mutate(
      CreateUserMutation,
      { input: { email, password: 'viewer password 123', role: 'VIEWER' } },
      admin,
    );
    const viewer = await server.login(email, 'viewer password 123');
    const channel = await createChannel({ type: 'EMAIL', emailTo: ['ops@example.com'] });
    const listed = await server.request(NotificationChannelsQuery, {}, viewer);
    expect(listed.data?.notificationChannels.map((item) => item.id)).toContain(channel.id);
    const update = await server.request(
      UpdateNotificationChannelMutation,
      { id: channel.id, input: { enabled: false } },
      viewer,
    );
    expect(errorCodes(update)).toEqual(['FORBIDDEN']);

    await server.mutate(
      UpdateNotificationChannelMutation,
      { id: channel.id, input: { emailTo: ['ops@example.com', 'sec@example.com'] } },
      admin,
    );
    await server.mutate(DeleteNotificationChannelMutation, { id: channel.id }, admin);
    const audit = await server.mutate(
      AuditEventsQuery,
      { filter: { targetId: channel.id }, first: 10 },
      admin,
    );
    expect(audit.auditEvents.nodes.map((event) => event.action).sort()).toEqual([
      'NOTIFICATION_CHANNEL_CREATED',
      'NOTIFICATION_CHANNEL_DELETED',
      'NOTIFICATION_CHANNEL_UPDATED',
    ]);
  });
});

describe('N1-N5: each reminder reaches each matching channel once', () => {
  it('emails the recipients with the secret, the days left and a link to it', async () => {
    const channel = await createChannel({
      type: 'EMAIL',
      emailTo: ['ops@example.com', 'security@example.com'],
    });
    // The SMTP server refuses the first try for now (451): the delivery is retried.
    smtp.failNext(1);
    const secret = await expiringSecret();
    const row = await settled(channel.id, secret.id);
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    const mails = smtp.received.filter((mail) => mail.text.includes(secret.name));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.from).toBe('secrets@example.com');
    expect(mail?.to.sort()).toEqual(['ops@example.com', 'security@example.com']);
    expect(mail?.subject).toBe(`Secret "${secret.name}" expires in 3 days`);
    expect(mail?.text).toContain(`The integration secret "${secret.name}" expires on`);
    expect(mail?.text).toContain(
      `${PUBLIC_ORIGIN}/settings/integrations/secrets?tab=integration&secret=${secret.id}`,
    );
  });

  it('posts a signed webhook, the same X-Delivery-Id on every retry', async () => {
    const { channel, target } = await webhookChannel();
    target.failNext(2);
    const secret = await expiringSecret();
    const row = await settled(channel.id, secret.id);
    expect(row).toMatchObject({ status: 'DELIVERED', attempts: 3 });
    expect(target.badSignatures).toHaveLength(0);
    const [body, ...more] = bodyFor(target, secret.id);
    expect(more).toHaveLength(0);
    const notification = await notificationOf(secret.id);
    expect(body).toEqual({
      id: notification.id,
      type: 'secret.expiring',
      secret: { id: secret.id, name: secret.name, kind: 'INTEGRATION' },
      expiresAt: new Date(notification.expires_at).toISOString(),
      thresholdDays: 7,
      daysLeft: 3,
      message: notification.message,
      createdAt: new Date(notification.created_at).toISOString(),
    });
    const attempts = target.peer.received.filter((request) => request.body.includes(secret.id));
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((request) => request.headers['x-delivery-id']))).toEqual(
      new Set([row.id]),
    );
  });

  it('posts {"text": message} to the Slack URL held by the secret, recording the use', async () => {
    const { channel, target, secret: slackSecret } = await slackChannel();
    const secret = await expiringSecret();
    expect(await settled(channel.id, secret.id)).toMatchObject({ status: 'DELIVERED' });
    const notification = await notificationOf(secret.id);
    const bodies = target.accepted.filter((request) => request.body.includes(secret.name));
    expect(bodies.map((request) => JSON.parse(request.body) as unknown)).toEqual([
      { text: notification.message },
    ]);
    const used = await server.mutate(SecretQuery, { id: slackSecret.id }, admin);
    expect(used.secret?.lastUsedAt).not.toBeNull();
    const audit = await server.mutate(
      AuditEventsQuery,
      { filter: { targetId: slackSecret.id }, first: 50 },
      admin,
    );
    expect(
      audit.auditEvents.nodes.filter(
        (event) =>
          event.action === 'SECRET_USED' && event.details?.includes('NOTIFICATION_CHANNEL'),
      ).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('sends only reminders of the kind asked for, and none raised before the channel', async () => {
    const { channel: old } = await webhookChannel();
    const early = await expiringSecret('WEBHOOK');
    await settled(old.id, early.id);
    const { channel, target } = await webhookChannel('WEBHOOK');
    const integration = await expiringSecret('INTEGRATION');
    const webhook = await expiringSecret('WEBHOOK');
    await settled(channel.id, webhook.id);
    // The old channel has the integration reminder: it was raised before the check below.
    await settled(old.id, integration.id);
    expect(await deliveriesOf(channel.id, integration.id)).toEqual([]);
    expect(await deliveriesOf(channel.id, early.id)).toEqual([]);
    expect(bodyFor(target, early.id)).toEqual([]);
  });

  it('fails after the last retry with a masked lastError', async () => {
    const { channel, target } = await slackChannel();
    target.failNext(100);
    const secret = await expiringSecret();
    const row = await settled(channel.id, secret.id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 4 });
    expect(row.last_error).toBe('HTTP_ERROR: The server answered HTTP 500.');
  });

  it('fails with SECRET_REVOKED once the secret is revoked, without retrying', async () => {
    const { channel, secret: signing, target } = await webhookChannel();
    await server.mutate(RevokeSecretMutation, { id: signing.id }, admin);
    const secret = await expiringSecret();
    const row = await settled(channel.id, secret.id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.last_error).toMatch(/^SECRET_REVOKED: /);
    expect(bodyFor(target, secret.id)).toEqual([]);
  });

  it('makes the channel a dependent of its secret: SECRET_IN_USE unless forced', async () => {
    const { channel, secret } = await slackChannel();
    const details = await server.mutate(SecretQuery, { id: secret.id }, admin);
    expect(details.secret?.dependents).toEqual([
      { __typename: 'NotificationChannel', id: channel.id, name: channel.name },
    ]);
    const refused = await server.request(DeleteSecretMutation, { id: secret.id }, admin);
    expect(errorCodes(refused)).toEqual(['SECRET_IN_USE']);
    expect(refused.errors?.[0]?.extensions?.dependents).toEqual([
      { type: 'NOTIFICATION_CHANNEL', id: channel.id, name: channel.name },
    ]);
    await server.mutate(DeleteSecretMutation, { id: secret.id, force: true }, admin);
    const sent = await server.mutate(TestNotificationChannelMutation, { id: channel.id }, admin);
    expect(sent.testNotificationChannel).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(sent.testNotificationChannel.lastError).toMatch(/^SECRET_NOT_FOUND: /);
  });

  it('does not let a slow destination hold up other channels or the scan', async () => {
    const slow = await webhookChannel();
    const fast = await webhookChannel();
    const release = slow.target.hold();
    try {
      const first = await expiringSecret();
      await waitFor(
        () => slow.target.peer.received.some((request) => request.body.includes(first.id)),
        'the slow destination to be reached',
      );
      await settled(fast.channel.id, first.id);
      // A reminder raised while the slow one is still waiting goes out too.
      const second = await expiringSecret();
      await settled(fast.channel.id, second.id);
      expect((await deliveriesOf(slow.channel.id, first.id))[0]?.status).toBe('PENDING');
    } finally {
      release();
    }
    await waitFor(
      async () => (await pendingOf(slow.channel.id)) === 0,
      'the slow channel to catch up',
    );
  });
});

describe('N6: testNotificationChannel', () => {
  it('sends now and returns the delivery after its first attempt', async () => {
    const { channel, target } = await webhookChannel();
    const { testNotificationChannel: delivery } = await server.mutate(
      TestNotificationChannelMutation,
      { id: channel.id },
      admin,
    );
    expect(delivery).toMatchObject({
      channelId: channel.id,
      status: 'DELIVERED',
      attempts: 1,
      notification: null,
    });
    expect(target.accepted).toHaveLength(1);
    expect(target.accepted[0]?.headers['x-delivery-id']).toBe(delivery.id);
    expect(JSON.parse(target.accepted[0]?.body ?? '')).toMatchObject({
      id: delivery.id,
      type: 'test',
    });

    target.failNext(1);
    const failed = await server.mutate(TestNotificationChannelMutation, { id: channel.id }, admin);
    expect(failed.testNotificationChannel).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastError: 'HTTP_ERROR: The server answered HTTP 500.',
    });
    const listed = await server.mutate(NotificationChannelsQuery, {}, admin);
    const deliveries = listed.notificationChannels.find(
      (item) => item.id === channel.id,
    )?.deliveries;
    expect(deliveries?.map((item) => item.id)).toEqual([
      failed.testNotificationChannel.id,
      delivery.id,
    ]);
  });

  it('sends a test email', async () => {
    const channel = await createChannel({ type: 'EMAIL', emailTo: ['test@example.com'] });
    const sent = await server.mutate(TestNotificationChannelMutation, { id: channel.id }, admin);
    expect(sent.testNotificationChannel.status).toBe('DELIVERED');
    expect(smtp.received.some((mail) => mail.subject.includes(channel.name))).toBe(true);
  });

  it('refuses to delete a channel with pending deliveries unless forced', async () => {
    const { channel, target } = await webhookChannel();
    const release = target.hold();
    try {
      const secret = await expiringSecret();
      await waitFor(
        async () => (await deliveriesOf(channel.id, secret.id)).length === 1,
        'the delivery to be queued',
      );
      const refused = await server.request(
        DeleteNotificationChannelMutation,
        { id: channel.id },
        admin,
      );
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      await server.mutate(
        DeleteNotificationChannelMutation,
        { id: channel.id, force: true },
        admin,
      );
      expect(await deliveriesOf(channel.id, secret.id)).toEqual([]);
    } finally {
      release();
    }
  });
});

describe('N5: no secret value in payloads, delivery rows or logs', () => {
  it('keeps the signing key and the Slack URL to where they belong', async () => {
    const webhook = await webhookChannel();
    const slack = await slackChannel();
    slack.target.failNext(1);
    const secret = await expiringSecret();
    await settled(webhook.channel.id, secret.id);
    await settled(slack.channel.id, secret.id);
    await server.mutate(TestNotificationChannelMutation, { id: slack.channel.id }, admin);
    const values = [webhook.key, slack.url, new URL(slack.url).pathname];
    const everywhere = [
      ...webhook.target.peer.received.map((request) => request.body),
      ...slack.target.peer.received.map((request) => request.body),
      JSON.stringify(await server.dataSource.query('SELECT * FROM notification_deliveries')),
      JSON.stringify(await server.dataSource.query('SELECT * FROM notification_channels')),
      JSON.stringify(await server.dataSource.query('SELECT * FROM audit_events')),
      JSON.stringify(await server.mutate(NotificationChannelsQuery, { first: 50 }, admin)),
      server.logs(),
    ].join('\n');
    for (const value of values) expect(everywhere).not.toContain(value);
  });
});
