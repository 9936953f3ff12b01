import {
  WebCreateSecretDocument,
  WebExpiryWarningsDocument,
} from '@secrets/schema/generated/graphql';
import { SingleBar } from 'cli-progress';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import WebSocket from 'ws';
import type { BenchContext } from '../context';
import { interleave, type Sample } from '../measure';
import { residentBytes, settled } from '../ports';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';

const DAY_MS = 86_400_000;
/** The product's NOTIFY channel for raised expiry warnings (notifications/channels.ts). */
const EXPIRY_WARNINGS_CHANNEL = 'expiry_warnings';
/** The SPA's own subscription: what each open admin tab sends. */
const SUBSCRIPTION = print(WebExpiryWarningsDocument);
const CONNECT_BATCH = 100;

/**
 * Counts, per notification id, how many subscribers have received it and when the last did.
 * Deliveries may arrive before anyone asks about their id, so every id is counted.
 */
class Deliveries {
  private readonly seen = new Map<string, { count: number; firstAt: number; lastAt: number }>();
  private readonly waiting = new Map<string, { needed: number; done: (at: number) => void }>();

  expect(id: string, needed: number): Promise<number> {
    const seen = this.seen.get(id);
    if (seen && seen.count >= needed) return Promise.resolve(seen.lastAt);
    return new Promise((done) => this.waiting.set(id, { needed, done }));
  }

  /** When the first subscriber received `id` (NaN before any did). */
  firstAt(id: string): number {
    return this.seen.get(id)?.firstAt ?? Number.NaN;
  }

  received(id: string): void {
    const now = performance.now();
    const seen = this.seen.get(id) ?? { count: 0, firstAt: now, lastAt: now };
    seen.count += 1;
    seen.lastAt = now;
    this.seen.set(id, seen);
    const waiter = this.waiting.get(id);
    if (waiter && seen.count >= waiter.needed) {
      this.waiting.delete(id);
      waiter.done(seen.lastAt);
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens `count` connections, CONNECT_BATCH at a time, with a progress bar when it is long. */
async function connectAll<T>(
  count: number,
  label: string,
  open: (index: number) => Promise<T>,
): Promise<T[]> {
  const bar =
    count >= 500 && process.stdout.isTTY
      ? new SingleBar({ format: `  ${label} [{bar}] {value}/{total}` })
      : null;
  bar?.start(count, 0);
  const opened: T[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from({ length: Math.min(CONNECT_BATCH, count - start) }, (_, offset) =>
      open(start + offset),
    );
    opened.push(...(await Promise.all(batch)));
    bar?.update(opened.length);
  }
  bar?.stop();
  return opened;
}

/** A graphql-ws subscriber to `expiryWarnings`, authenticated by the API token. */
async function subscribeProduct(
  context: BenchContext,
  deliveries: Deliveries,
  onData: (data: unknown) => void,
): Promise<Client> {
  let connected: () => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    connected = resolve;
    failed = reject;
  });
  const client = createClient({
    url: `${context.product.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${context.api.token}` },
    lazy: false,
    retryAttempts: 0,
    on: { connected: () => connected(), closed: (event) => failed(event) },
    onNonLazyError: (error) => failed(error),
  });
  client.subscribe<{ expiryWarnings: { id: string } }>(
    { query: SUBSCRIPTION },
    {
      next: (value) => {
        if (!value.data) return;
        onData(value.data);
        deliveries.received(value.data.expiryWarnings.id);
      },
      error: (error) => failed(error),
      complete: () => undefined,
    },
  );
  await ready;
  return client;
}

/** A raw `ws` client of the baseline broadcaster; it parses each message as the others do. */
function connectRaw(port: number, deliveries: Deliveries): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  socket.on('message', (data: Buffer) => {
    const message: unknown = JSON.parse(data.toString('utf8'));
    deliveries.received(roundIdOf(message));
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The round marker of a broadcast message: the notification's id, as in the product's. */
function roundIdOf(message: unknown): string {
  const text = JSON.stringify(message);
  return /"expiryWarnings":\{"id":"([^"]+)"/.exec(text)?.[1] ?? '';
}

/**
 * B5: one expiry warning to N graphql-ws subscribers (the time from the NOTIFY that raises it
 * to its delivery to the last subscriber, and the server's memory per idle subscriber) vs a
 * raw `ws` broadcast of the same message to N clients.
 *
 * A warning is raised on demand by creating a secret that expires in 3 days: the product
 * scans at once (E2) and raises its 7-day warning. The clock starts when this process, itself
 * LISTENing on the product's channel, hears the NOTIFY that the product hears.
 */
export async function fanOut(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, baselines, product, database } = context;
  const deliveries = new Deliveries();
  const notified = new Map<string, number>();
  const listener = new PgClient({ connectionString: database.url });
  await listener.connect();
  listener.on('notification', (message) => {
    if (message.payload) notified.set(message.payload, performance.now());
  });
  await listener.query(`LISTEN ${EXPIRY_WARNINGS_CHANNEL}`);

  let lastDelivered: unknown = null;
  const productRssBefore = residentBytes(product.pid);
  const subscribers = await connectAll(sizes.subscribers, 'product subscribers', () =>
    subscribeProduct(context, deliveries, (data) => (lastDelivered = data)),
  );
  const baselineRssBefore = residentBytes(baselines.pid);
  const rawClients = await connectAll(sizes.subscribers, 'baseline clients', () =>
    connectRaw(baselines.wsPort, deliveries),
  );
  // graphql-ws does not acknowledge a subscription: let the servers register them all.
  await settled(product.pid);
  await settled(baselines.pid);
  const memory = {
    product: [(residentBytes(product.pid) - productRssBefore) / sizes.subscribers / 1024],
    baseline: [(residentBytes(baselines.pid) - baselineRssBefore) / sizes.subscribers / 1024],
  };

  let raised = 0;
  /** Notifications already timed, so that each round waits for a new one. */
  const counted = new Set<string>();
  const productRound = async (): Promise<Sample> => {
    raised += 1;
    const name = `b5_expiring_${raised}`;
    const created = api.request(WebCreateSecretDocument, {
      input: {
        kind: 'WEBHOOK',
        name,
        value: 'bench-value-b5',
        expiresAt: new Date(Date.now() + 3 * DAY_MS).toISOString(),
      },
    });
    // The notification's id is known only once raised: wait for it on the LISTEN connection.
    await created;
    const id = await withTimeout(
      (async () => {
        for (;;) {
          const found = [...notified.keys()].find((key) => !counted.has(key));
          if (found) return found;
          await new Promise((done) => setTimeout(done, 1));
        }
      })(),
      30_000,
      'the expiry warning to be raised',
    );
    counted.add(id);
    const lastAt = await withTimeout(
      deliveries.expect(id, sizes.subscribers),
      60_000,
      `${sizes.subscribers} deliveries of ${name}`,
    );
    // The product may serve a small fan-out before this process hears the same NOTIFY: then
    // its first delivery is the earliest moment known to follow the NOTIFY.
    return { ms: lastAt - Math.min(notified.get(id) ?? Number.NaN, deliveries.firstAt(id)) };
  };

  let broadcasts = 0;
  const baselineRound = async (): Promise<Sample> => {
    broadcasts += 1;
    const id = `baseline-${broadcasts}`;
    // The very message graphql-ws sends, with the last warning the product delivered.
    const data = JSON.stringify(lastDelivered).replace(/"id":"[^"]+"/, `"id":"${id}"`);
    const message = `{"id":"${broadcasts}","type":"next","payload":{"data":${data}}}`;
    const arrived = deliveries.expect(id, sizes.subscribers);
    const started = performance.now();
    await baselines.broadcast(message);
    const lastAt = await withTimeout(arrived, 60_000, `${sizes.subscribers} raw deliveries`);
    return { ms: lastAt - started };
  };

  try {
    // The product goes first in warm-up, so that the baseline has a message to copy.
    const rounds = await interleave(sizes.rounds, productRound, baselineRound, context.profiler);
    const scenario = `B5 fan-out of one expiry warning to ${sizes.subscribers} subscribers`;
    return [
      {
        scenario,
        metric: 'time to last delivery (ms)',
        ...figures(rounds, 'ms'),
        ratio: 'baseline/product',
        target: { ratio: { op: '>=', value: 0.8 } },
      },
      {
        scenario,
        metric: 'server memory per idle subscriber (KB)',
        ...memory,
        ratio: 'product/baseline',
        target: { product: { op: '<=', value: 30, unit: 'KB' } },
      },
    ];
  } finally {
    await Promise.all(subscribers.map(async (client) => client.dispose()));
    for (const socket of rawClients) socket.terminate();
    await listener.end();
  }
}
