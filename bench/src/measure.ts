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

/** One side of a comparison: runs one round of load (or a warm-up) and returns its figures. */
export type Side = (warmup: boolean) => Promise<Sample>;

/**
 * Warms every side up, then runs `rounds` rounds of all the sides, in the given order in even
 * rounds and reversed in odd ones (ABBA for two sides), so that a drift in the machine's load
 * falls on every side alike. Returns each side's samples, round by round.
 */
export async function interleaveSides<K extends string>(
  rounds: number,
  sides: Record<K, Side>,
): Promise<Record<K, Sample[]>> {
  const names = Object.keys(sides) as K[];
  const result = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<
    K,
    Sample[]
  >;
  for (const name of names) await sides[name](true);
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      result[name].push(await sides[name](false));
    }
  }
  return result;
}

/** Something that can profile the product while it runs one more round (see profile.ts). */
export interface ProductProfiler {
  during(work: () => Promise<unknown>): Promise<void>;
}

/**
 * The product against its baseline in interleaved rounds (`interleaveSides`). With a
 * profiler, one more product round runs after the measured ones under the profiler, so
 * that profiling costs the measured rounds nothing.
 */
export async function interleave(
  rounds: number,
  product: Side,
  baseline: Side,
  profiler?: ProductProfiler | null,
): Promise<Rounds> {
  const result = await interleaveSides(rounds, { product, baseline });
  if (profiler) await profiler.during(() => product(false));
  return result;
}

export interface HttpLoad {
  url: string;
  connections: number;
  durationMs: number;
  /** POST unless told. */
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fixed body, or a function that makes each request's body (e.g. unique names). */
  body?: string | (() => string);
  /** Text every successful response contains, e.g. `"SUCCEEDED"`. */
  expect?: string;
  /**
   * The exact answer every response must be, e.g. a refusal; instead of the default check
   * (2xx, no GraphQL `errors`, `expect`).
   */
  answer?: { status: number; body: string };
}

/**
 * Closed-loop HTTP load with autocannon. Fails when any response is not 2xx or carries
 * GraphQL `errors` (or lacks `expect`, or is not `answer`), so that a broken setup cannot
 * pass for a fast one.
 */
export async function httpLoad(load: HttpLoad): Promise<Sample> {
  let failed = 0;
  let firstFailure = '';
  const makeBody = load.body;
  const { answer } = load;
  const wrong = (status: number, body: string) =>
    answer
      ? status !== answer.status || body !== answer.body
      : status >= 300 ||
        body.includes('"errors"') ||
        (load.expect !== undefined && !body.includes(load.expect));
  const result = await autocannon({
    url: load.url,
    method: load.method ?? 'POST',
    connections: load.connections,
    duration: load.durationMs / 1000,
    headers: {
      ...(makeBody === undefined ? {} : { 'content-type': 'application/json' }),
      ...load.headers,
    },
    body: typeof makeBody === 'string' ? makeBody : undefined,
    requests: [
      {
        // autocannon calls setupRequest whenever the key is present, even when undefined.
        ...(typeof makeBody === 'function'
          ? { setupRequest: (request: Request) => ({ ...request, body: makeBody() }) }
          : {}),
        onResponse: (status, body) => {
          if (wrong(status, body)) {
            failed++;
            firstFailure ||= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  // A refusal expected as the answer is not an error of the load.
  const non2xx = answer && answer.status >= 300 ? 0 : result.non2xx;
  if (failed > 0 || result.errors > 0 || non2xx > 0) {
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
