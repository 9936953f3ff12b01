import type { BenchContext } from '../context';
import { httpLoad, interleaveSides, type Side } from '../measure';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';
import { postSide, secretReadSides } from './b1-read';

const TYPENAME = JSON.stringify({ query: '{ __typename }' });

/** What the product answers a request, once, before it is loaded with it. */
async function probe(url: string, init: RequestInit): Promise<{ status: number; body: string }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.text() };
}

/**
 * D: where a request's cost comes from. Each layer of `secret(id)` as a throughput ratio of
 * the bare node:http + pg server reading the row (B1's baseline): express + helmet
 * (`/healthz`), then Apollo without a caller, then authentication, then the read itself.
 * All five sides run in the same interleaved rounds. No targets: the rows tell which layer a
 * regression of B1 comes from.
 */
export async function decomposition(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, product } = context;
  const read = await secretReadSides(context, sizes, 'd_secret_read');
  const healthzUrl = `${product.url}/healthz`;
  const healthz = await probe(healthzUrl, {});
  if (healthz.status !== 200) throw new Error(`/healthz answered ${healthz.status}`);
  const anonymous = await probe(api.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: TYPENAME,
  });
  // Whatever it answers (data, or a refusal), every response of the load must be the same.
  const sameAs =
    (url: string, answer: { status: number; body: string }, body?: string): Side =>
    (warmup) =>
      httpLoad({
        url,
        method: body === undefined ? 'GET' : 'POST',
        connections: sizes.connections,
        durationMs: warmup ? sizes.warmupMs : sizes.roundMs,
        body,
        answer,
      });
  const sides = await interleaveSides(sizes.rounds, {
    bare: read.baseline,
    healthz: sameAs(healthzUrl, healthz),
    anonymous: sameAs(api.endpoint, anonymous, TYPENAME),
    token: postSide(sizes, api.endpoint, TYPENAME, api.headers),
    secret: read.product,
  });
  const requests = [
    ['healthz', '`GET /healthz` (express + helmet)'],
    [
      'anonymous',
      `\`{ __typename }\` without credentials (answers ${anonymous.status} \`${anonymous.body.trim().replace(/\s+/g, ' ').slice(0, 120)}\`)`,
    ],
    ['token', '`{ __typename }` with the API token'],
    ['secret', '`secret(id)` with the API token (as B1)'],
  ] as const;
  return requests.map(([side, request]) => ({
    scenario: request,
    metric: `throughput (req/s), ${sizes.connections} connections`,
    ...figures({ product: sides[side], baseline: sides.bare }, 'throughput'),
    ratio: 'product/baseline',
  }));
}
