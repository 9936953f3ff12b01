// Issue 15, N1 and N2: two replicas on one database, and a restart mid-retry, deliver each
// reminder to each channel exactly once; a delivery leased by a server that died is taken
// over only once its lease has run out.
import { startChannelReceiver, type ChannelReceiver } from '../support/channel-receiver';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createSecret } from '../support/factories';
import { uniqueName } from '../support/names';
import { CreateNotificationChannelMutation } from '../support/operations';
import { newMasterKey, startTestServer, type TestServer } from '../support/server';
import { waitFor } from '../support/ws';

const DAY = 86_400_000;

let database: TestDatabase;
let env: Record<string, string>;
let replicas: TestServer[];
let admin: { cookie: string };
const receivers: ChannelReceiver[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  env = {
    SECRETS_MASTER_KEY: newMasterKey(),
    EXPIRY_SCAN_INTERVAL_MS: '100',
    CHANNEL_POLL_INTERVAL_MS: '20',
    CHANNEL_RETRY_DELAYS_MS: '300,300,300,300',
  };
  replicas = [await startTestServer({ database, env }), await startTestServer({ database, env })];
  admin = await replicas[0]!.login();
});
afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await database?.drop();
});

const first = () => replicas[0]!;

async function webhookChannel() {
  const key = `signing-key-${uniqueName()}`;
  const secret = await createSecret({ server: first(), admin }, { value: key });
  const target = await startChannelReceiver(key);
  receivers.push(target);
  const { createNotificationChannel: channel } = await first().mutate(
    CreateNotificationChannelMutation,
    {
      input: {
        name: uniqueName('channel'),
        type: 'WEBHOOK',
        url: `${target.peer.url}/hook`,
        secretId: secret.id,
      },
    },
    admin,
  );
  return { channel, target };
}

const expiringSecret = () =>
  createSecret(
    { server: first(), admin },
    { kind: 'INTEGRATION', expiresAt: new Date(Date.now() + 3 * DAY).toISOString() },
  );

interface Row {
  id: string;
  status: string;
  attempts: number;
  secret_id: string;
}

async function rowsOf(channelId: string): Promise<Row[]> {
  return first().dataSource.query(
    `SELECT d.id, d.status, d.attempts, n.secret_id FROM notification_deliveries d
     JOIN notifications n ON n.id = d.notification_id WHERE d.channel_id = $1`,
    [channelId],
  );
}

/** The X-Delivery-Id of every accepted request, and of every request, for `secretId`. */
function requestsFor(target: ChannelReceiver, secretId: string) {
  const ids = (requests: typeof target.accepted) =>
    requests
      .filter((request) => request.body.includes(secretId))
      .map((request) => String(request.headers['x-delivery-id']));
  return { accepted: ids(target.accepted), all: ids(target.peer.received) };
}

it('delivers each reminder once from two replicas, retries included', async () => {
  const { channel, target } = await webhookChannel();
  target.failNext(3);
  const secrets = await Promise.all(Array.from({ length: 10 }, () => expiringSecret()));
  await waitFor(async () => {
    const rows = await rowsOf(channel.id);
    return rows.length === secrets.length && rows.every((row) => row.status === 'DELIVERED');
  }, 'every delivery to be made');
  const rows = await rowsOf(channel.id);
  for (const secret of secrets) {
    const row = rows.find((candidate) => candidate.secret_id === secret.id);
    expect(requestsFor(target, secret.id).accepted).toEqual([row?.id]);
  }
  expect(target.badSignatures).toEqual([]);
});

it('finishes a delivery once after a restart mid-retry', async () => {
  await replicas.pop()!.stop();
  const { channel, target } = await webhookChannel();
  target.failNext(1_000);
  const secret = await expiringSecret();
  await waitFor(
    async () => ((await rowsOf(channel.id))[0]?.attempts ?? 0) >= 1,
    'a first attempt to fail',
  );
  // The only server stops between retries; another starts on the same database.
  await replicas.pop()!.stop();
  target.failNext(0);
  replicas.push(await startTestServer({ database, env }));
  await waitFor(
    async () => (await rowsOf(channel.id))[0]?.status === 'DELIVERED',
    'the delivery after the restart',
  );
  const [row] = await rowsOf(channel.id);
  const requests = requestsFor(target, secret.id);
  expect(requests.accepted).toEqual([row?.id]);
  // Every attempt, before and after the restart, carried the same delivery id.
  expect(new Set(requests.all)).toEqual(new Set([row?.id]));
  expect(row?.attempts).toBe(requests.all.length);
});

it('leaves a leased delivery to its holder until the lease runs out', async () => {
  const held = await webhookChannel();
  const marker = await webhookChannel();
  const secret = await expiringSecret();
  // Its delivery goes out first; then it is replaced by one leased for an hour, with one
  // attempt made, as a server that claimed it and died would leave it.
  await waitFor(
    async () => (await rowsOf(held.channel.id))[0]?.status === 'DELIVERED',
    'the first delivery',
  );
  await first().dataSource.query(`DELETE FROM notification_deliveries WHERE channel_id = $1`, [
    held.channel.id,
  ]);
  const sentBefore = held.target.peer.received.length;
  const acceptedBefore = held.target.accepted.length;
  await first().dataSource.query(
    `INSERT INTO notification_deliveries (channel_id, notification_id, attempts, lease_until, lease_token)
     SELECT $1, n.id, 1, now() + interval '1 hour', gen_random_uuid()
     FROM notifications n WHERE n.secret_id = $2`,
    [held.channel.id, secret.id],
  );
  // A later reminder reaches another channel: the workers ran past the leased delivery.
  const later = await expiringSecret();
  await waitFor(
    async () =>
      (await rowsOf(marker.channel.id)).some(
        (row) => row.secret_id === later.id && row.status === 'DELIVERED',
      ),
    'a later delivery',
  );
  expect((await rowsOf(held.channel.id)).find((row) => row.secret_id === secret.id)).toMatchObject({
    status: 'PENDING',
    attempts: 1,
  });
  expect(held.target.peer.received.length).toBe(sentBefore);

  await first().dataSource.query(
    `UPDATE notification_deliveries SET lease_until = now() - interval '1 second'
     WHERE channel_id = $1`,
    [held.channel.id],
  );
  await waitFor(
    async () =>
      (await rowsOf(held.channel.id)).find((row) => row.secret_id === secret.id)?.status ===
      'DELIVERED',
    'the delivery once the lease ran out',
  );
  const [row] = (await rowsOf(held.channel.id)).filter((item) => item.secret_id === secret.id);
  expect(row?.attempts).toBe(2);
  const accepted = held.target.accepted
    .slice(acceptedBefore)
    .filter((request) => request.body.includes(secret.id));
  expect(accepted.map((request) => request.headers['x-delivery-id'])).toEqual([row?.id]);
});
