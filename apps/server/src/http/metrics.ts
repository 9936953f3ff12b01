import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { WEB_OPERATIONS } from './operation-names';

/** The label of an operation that is not one of the web app's: one label, however many names. */
export const OTHER_OPERATION = 'other';

/** Where the gauges read their values when Prometheus scrapes. */
export interface MetricSources {
  openSubscriptions(): number;
  pool(): { total: number; idle: number; waiting: number };
}

/**
 * O4: what a replica reports at /metrics. Its own registry, so that servers in one process
 * (tests) report apart. Labels are bounded: operation names are the web app's or `other`,
 * error and outbound codes are the server's own; never a value, a variable or an id.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'secrets_http_requests_total',
    help: 'GraphQL requests over HTTP, by operation name and outcome (ok, or error when the answer carries errors or is not 2xx).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'secrets_http_request_duration_seconds',
    help: 'Time from a GraphQL request arriving to its answer being written, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'secrets_graphql_errors_total',
    help: 'GraphQL errors answered (HTTP and WebSocket), by code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly raised = new Counter({
    name: 'secrets_notifications_raised_total',
    help: 'Expiry notifications raised by this replica.',
    registers: [this.registry],
  });
  private readonly outbound = new Counter({
    name: 'secrets_outbound_requests_total',
    help: 'Outgoing HTTP requests of workflow steps and connection tests, by outcome (ok or the error code).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'secrets_subscriptions_open',
      help: 'GraphQL subscriptions open on this replica.',
      registers: [this.registry],
      collect() {
        this.set(sources.openSubscriptions());
      },
    });
    new Gauge({
      name: 'secrets_db_pool_connections',
      help: 'Database pool connections: total open, idle, and requests waiting for one.',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const { total, idle, waiting } = sources.pool();
        this.set({ state: 'total' }, total);
        this.set({ state: 'idle' }, idle);
        this.set({ state: 'waiting' }, waiting);
      },
    });
  }

  /** One GraphQL request over HTTP, answered. */
  request(operation: string, ok: boolean, seconds: number): void {
    this.requests.inc({ operation, outcome: ok ? 'ok' : 'error' });
    this.durations.observe({ operation }, seconds);
  }

  graphqlError(code: string): void {
    this.errors.inc({ code });
  }

  notificationsRaised(count: number): void {
    if (count > 0) this.raised.inc(count);
  }

  outboundRequest(errorCode: string | null): void {
    this.outbound.inc({ outcome: errorCode ?? 'ok' });
  }
}

/** The label of an operation name: the web app's operations by name, anything else as one. */
export const operationLabel = (name: string | null | undefined): string =>
  name && WEB_OPERATIONS.has(name) ? name : OTHER_OPERATION;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether a scrape may read /metrics: `Authorization: Bearer <token>`, compared in constant
 * time (through digests, so that the length leaks nothing either).
 */
export function scrapeAllowed(request: IncomingMessage, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}
