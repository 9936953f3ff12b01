import {
  createSourceEventStream,
  execute,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { GraphQLContext } from './context';
import { Loaders } from './loaders';

export interface FanOutStats {
  /** Subscribers attached so far: each hears every event published from then on. */
  attached: number;
  /** Subscribers attached that have not left or seen their stream end (O4). */
  open: number;
  /** Selection sets executed for subscription events. */
  executions: number;
  /** Results handed to subscribers; without sharing this would equal `executions`. */
  deliveries: number;
}

const isGraphQLContext = (value: unknown): value is GraphQLContext =>
  typeof value === 'object' && value !== null && 'services' in value && 'principal' in value;

/**
 * B5: graphql-js gives every subscriber its own source stream (a pub/sub listener, the
 * resolver's filter) and executes the selection set once per subscriber per event.
 * Subscribers that would get the same results share one source stream and one execution
 * per event: same document, operation name and variables (so the same filter, e.g.
 * `kind:`), and the same role, the only thing that authorisation and filters read from the
 * caller (no subscription filter or field below one reads who the caller is). 2,000
 * subscribers of one document cost one listener and one execution per event.
 */
export class SubscriptionFanOut {
  private readonly streams = new Map<string, Promise<SharedStream | ExecutionResult>>();
  private readonly counts: FanOutStats = { attached: 0, open: 0, executions: 0, deliveries: 0 };
  /** Subscribers of one query share its DocumentNode (document-cache.ts): print it once. */
  private readonly printed = new WeakMap<DocumentNode, string>();

  stats(): FanOutStats {
    return { ...this.counts };
  }

  /** For graphql-ws's `subscribe` option. */
  readonly subscribe = async (
    args: ExecutionArgs,
  ): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const context = args.contextValue;
    if (!isGraphQLContext(context)) throw new TypeError('subscription without a GraphQLContext');
    const key = JSON.stringify([
      context.principal?.role ?? null,
      args.operationName ?? null,
      args.variableValues ?? null,
      this.print(args.document),
    ]);
    for (;;) {
      let opening = this.streams.get(key);
      if (!opening) {
        const created = this.open(args, context, () => forget());
        const forget = () => {
          if (this.streams.get(key) === created) this.streams.delete(key);
        };
        // Refused (e.g. not authorised) or failed: nothing to share; the next caller tries
        // afresh. A stream is forgotten when it closes.
        created.then((opened) => opened instanceof SharedStream || forget(), forget);
        this.streams.set(key, created);
        opening = created;
      }
      const stream = await opening;
      if (!(stream instanceof SharedStream)) return stream;
      const subscriber = stream.attach();
      // Null when the stream closed while this caller waited for it: open another.
      if (subscriber) {
        this.counts.attached += 1;
        this.counts.open += 1;
        return subscriber;
      }
    }
  };

  private async open(
    args: ExecutionArgs,
    context: GraphQLContext,
    closed: () => void,
  ): Promise<SharedStream | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const run = (payload: unknown) => {
      this.counts.executions += 1;
      // A fresh context per event: loaders must not serve data cached at an earlier event.
      const contextValue: GraphQLContext = { ...context, loaders: new Loaders(context.services) };
      return execute({ ...args, rootValue: payload, contextValue });
    };
    return new SharedStream(source[Symbol.asyncIterator](), run, {
      delivered: (count) => (this.counts.deliveries += count),
      left: () => (this.counts.open -= 1),
      closed,
    });
  }

  private print(document: DocumentNode): string {
    let text = this.printed.get(document);
    if (text === undefined) {
      text = print(document);
      this.printed.set(document, text);
    }
    return text;
  }
}

/**
 * One source stream read by one loop, each event executed once and handed to every
 * subscriber attached at that moment. It ends its source when its last subscriber leaves.
 */
class SharedStream {
  private readonly subscribers = new Set<Subscriber>();
  private closed = false;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly run: (payload: unknown) => ExecutionResult | Promise<ExecutionResult>,
    private readonly hooks: { delivered(count: number): void; left(): void; closed(): void },
  ) {
    void this.pump();
  }

  attach(): Subscriber | null {
    if (this.closed) return null;
    const subscriber = new Subscriber(() => this.detach(subscriber));
    this.subscribers.add(subscriber);
    return subscriber;
  }

  private detach(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    this.hooks.left();
    if (this.subscribers.size === 0) void this.close();
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hooks.closed();
    await this.source.return?.();
  }

  /** Events in order: the next is read only once the last went to every subscriber. */
  private async pump(): Promise<void> {
    try {
      for (;;) {
        const event = await this.source.next();
        if (event.done || this.closed) break;
        const result = await this.run(event.value);
        for (const subscriber of this.subscribers) subscriber.push(result);
        this.hooks.delivered(this.subscribers.size);
      }
      for (const subscriber of this.subscribers) subscriber.end();
    } catch (error) {
      for (const subscriber of this.subscribers) subscriber.end(error);
    }
    await this.close();
  }
}

type Waiting = {
  resolve(result: IteratorResult<ExecutionResult, undefined>): void;
  reject(error: unknown): void;
};

/** One subscriber's view of a shared stream: what graphql-ws iterates and ends. */
class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ExecutionResult[] = [];
  private waiting: Waiting | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private left = false;

  /** `leave` is called once: when graphql-ws returns the iterator or has read its end. */
  constructor(private readonly leave: () => void) {}

  push(result: ExecutionResult): void {
    if (this.ended) return;
    if (this.waiting) {
      this.waiting.resolve({ done: false, value: result });
      this.waiting = undefined;
    } else {
      this.queue.push(result);
    }
  }

  /** The stream ended, or failed with `error`: what is queued is still delivered first. */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    if (this.waiting) this.settle(this.waiting);
  }

  next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ done: false, value: queued });
    if (this.ended) return new Promise((resolve, reject) => this.settle({ resolve, reject }));
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.queue.length = 0;
    this.failure = undefined;
    this.end();
    this.leaveOnce();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private leaveOnce(): void {
    if (this.left) return;
    this.left = true;
    this.leave();
  }

  private settle(waiting: Waiting): void {
    this.waiting = undefined;
    this.leaveOnce();
    if (this.failure) waiting.reject(this.failure.error);
    else waiting.resolve({ done: true, value: undefined });
  }
}
