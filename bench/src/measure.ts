import autocannon, { type Request } from 'autocannon';

/** One figure of one run, e.g. { throughput: 5123, p99: 14 }. */
export type Sample = Record<string, number>;

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
};

export interface Rounds {
  product: Sample[];
  baseline: Sample[];
}

/**
 * Warms both sides up, then runs `rounds` A/B rounds, alternating which side goes first
 * (ABBA), so that a drift in the machine's load falls on both sides alike.
 */
export async function interleave(
  rounds: number,
  product: (warmup: boolean) => Promise<Sample>,
  baseline: (warmup: boolean) => Promise<Sample>,
): Promise<Rounds> {
  await product(true);
  await baseline(true);
  const result: Rounds = { product: [], baseline: [] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      result.product.push(await product(false));
      result.baseline.push(await baseline(false));
    } else {
      result.baseline.push(await baseline(false));
      result.product.push(await product(false));
    }
  }
  return result;
}

export interface HttpLoad {
  url: string;
  connections: number;
  durationMs: number;
  headers?: Record<string, string>;
  /** A fixed body, or a function that makes each request's body (e.g. unique names). */
  body: string | (() => string);
  /** Text every successful response contains, e.g. `"SUCCEEDED"`. */
  expect?: string;
}

/**
 * Closed-loop HTTP POST load with autocannon. Fails when any response is not 2xx or carries
 * GraphQL `errors` (or lacks `expect`), so that a broken setup cannot pass for a fast one.
 */
export async function postLoad(load: HttpLoad): Promise<Sample> {
  let failed = 0;
  let firstFailure = '';
  const makeBody = load.body;
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    connections: load.connections,
    duration: load.durationMs / 1000,
    headers: { 'content-type': 'application/json', ...load.headers },
    body: typeof makeBody === 'string' ? makeBody : undefined,
    requests: [
      {
        // autocannon calls setupRequest whenever the key is present, even when undefined.
        ...(typeof makeBody === 'string'
          ? {}
          : { setupRequest: (request: Request) => ({ ...request, body: makeBody() }) }),
        onResponse: (status, body) => {
          if (
            status >= 300 ||
            body.includes('"errors"') ||
            (load.expect !== undefined && !body.includes(load.expect))
          ) {
            failed++;
            firstFailure ||= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  if (failed > 0 || result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `${load.url}: ${failed} failed responses, ${result.errors} errors; first: ${firstFailure}`,
    );
  }
  return {
    throughput: result.requests.total / result.duration,
    p99: result.latency.p99,
  };
}

/**
 * Closed-loop load for baselines that are not an HTTP endpoint of ours (a pg transaction, an
 * undici request): `concurrency` workers call `operation` back to back until time is up.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  operation: () => Promise<void>,
): Promise<Sample> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      await operation();
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSeconds = (performance.now() - started) / 1000;
  return { throughput: latencies.length / elapsedSeconds, p99: percentile(latencies, 99) };
}
