import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface ClosedOrResult {
  closeCode?: number;
  data?: unknown;
  errors?: unknown;
}

/** Runs one operation over graphql-ws and reports either its result or the close code. */
export async function runOverWebSocket(
  url: string,
  query: string,
  options: { cookie?: string; authorization?: string } = {},
): Promise<ClosedOrResult> {
  const wsUrl = `${url.replace(/^http/, 'ws')}/graphql`;
  let client: Client | undefined;
  try {
    return await new Promise<ClosedOrResult>((resolve) => {
      client = createClient({
        url: wsUrl,
        lazy: true,
        retryAttempts: 0,
        connectionParams: options.authorization
          ? { authorization: options.authorization }
          : undefined,
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, {
              headers: options.cookie ? { cookie: options.cookie } : {},
            });
          }
        },
        on: { closed: (event) => resolve({ closeCode: (event as { code?: number }).code }) },
      });
      const result: ClosedOrResult = {};
      client.subscribe(
        { query },
        {
          next: (value) => Object.assign(result, { data: value.data, errors: value.errors }),
          error: () => undefined,
          complete: () => resolve(result),
        },
      );
    });
  } finally {
    await client?.dispose();
  }
}

export interface LiveSubscription<T> {
  /** Every `data` received so far, in order. */
  events: T[];
  /** The close code, once the socket closed. */
  closeCode(): number | undefined;
  /** Resolves when the server acknowledged the connection (or it closed). */
  ready: Promise<void>;
  dispose(): Promise<void>;
}

/** A server in this process, whose fan-out counts the subscribers it attached. */
export interface LocalServer {
  url: string;
  fanOut: { stats(): { attached: number } };
}

/** One subscribe at a time per server, so that each counts its own attachment. */
const subscribing = new WeakMap<LocalServer['fanOut'], Promise<unknown>>();

/**
 * Opens a graphql-ws subscription that records what arrives. Given a server in this
 * process, resolves once the server attached the subscription (it hears every event from
 * then on) or closed the socket; given only a URL (a server in another process), once the
 * connection is acknowledged, which is enough to watch the socket but not for events.
 */
export async function subscribe<T>(
  server: LocalServer | string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { cookie?: string; authorization?: string } = {},
): Promise<LiveSubscription<T>> {
  if (typeof server === 'string') return open<T>(server, query, variables, options);
  const { fanOut } = server;
  const turn = (subscribing.get(fanOut) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      const attached = fanOut.stats().attached;
      const subscription = await open<T>(server.url, query, variables, options);
      await waitFor(
        () => fanOut.stats().attached > attached || subscription.closeCode() !== undefined,
        'the server to attach the subscription',
      );
      return subscription;
    });
  subscribing.set(fanOut, turn);
  return turn;
}

async function open<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  options: { cookie?: string; authorization?: string },
): Promise<LiveSubscription<T>> {
  const events: T[] = [];
  let code: number | undefined;
  let acknowledged: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (acknowledged = resolve));
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    lazy: false,
    retryAttempts: 0,
    connectionParams: options.authorization ? { authorization: options.authorization } : undefined,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: options.cookie ? { cookie: options.cookie } : {} });
      }
    },
    on: {
      connected: () => acknowledged(),
      closed: (event) => {
        code = (event as { code?: number }).code;
        acknowledged();
      },
    },
    onNonLazyError: () => undefined,
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.data) events.push(value.data);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await ready;
  return { events, closeCode: () => code, ready, dispose: async () => client.dispose() };
}

/** Polls until `condition` holds, or fails after `timeoutMs` with `what`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
