import { WebCreateSecretDocument } from '@secrets/schema/generated/graphql';
import type { BenchContext } from '../context';
import { httpLoad, interleave, type Side } from '../measure';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';
import { assertSameData, postJson } from './same-data';

/** The metadata of one secret, as the baseline's SELECT reads it: no relations. */
const SECRET_QUERY = `query BenchSecret($id: ID!) {
  secret(id: $id) {
    id kind name description status expiresAt revokedAt createdAt updatedAt
    valueUpdatedAt valueVersion lastUsedAt reference allowedHosts
  }
}`;

/** A round of `sizes.connections` autocannon connections POSTing `body`, or its warm-up. */
export const postSide =
  (sizes: Sizes, url: string, body: string, headers?: Record<string, string>): Side =>
  (warmup) =>
    httpLoad({
      url,
      connections: sizes.connections,
      durationMs: warmup ? sizes.warmupMs : sizes.roundMs,
      headers,
      body,
    });

/**
 * A new secret read by id on both sides (B1, and the decomposition's last row): `secret(id)`
 * over GraphQL with the API token, and the bare node:http + pg server's POST /secret, checked
 * to serve the same data.
 */
export async function secretReadSides(
  context: BenchContext,
  sizes: Sizes,
  name: string,
): Promise<{ product: Side; baseline: Side }> {
  const { api, baselines } = context;
  const created = await api.request(WebCreateSecretDocument, {
    input: { kind: 'WEBHOOK', name, value: `bench-value-${name}`, description: 'read by id' },
  });
  const { id } = created.createSecret;
  const productRequest = { query: SECRET_QUERY, variables: { id } };
  const baselineUrl = `http://127.0.0.1:${baselines.httpPort}/secret`;
  await assertSameData(
    () => postJson(api.endpoint, productRequest, api.headers),
    () => postJson(baselineUrl, { id }),
  );
  return {
    product: postSide(sizes, api.endpoint, JSON.stringify(productRequest), api.headers),
    baseline: postSide(sizes, baselineUrl, JSON.stringify({ id })),
  };
}

/** B1: `secret(id)` over GraphQL vs node:http + pg serving the same row as JSON. */
export async function metadataRead(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const sides = await secretReadSides(context, sizes, 'b1_jira_pat');
  const rounds = await interleave(sizes.rounds, sides.product, sides.baseline, context.profiler);
  const scenario = `B1 metadata read, ${sizes.connections} connections`;
  return [
    {
      scenario,
      metric: 'throughput (req/s)',
      ...figures(rounds, 'throughput'),
      ratio: 'product/baseline',
      target: { ratio: { op: '>=', value: 0.6 } },
    },
    {
      scenario,
      metric: 'p99 latency (ms)',
      ...figures(rounds, 'p99'),
      ratio: 'product/baseline',
      target: { ratio: { op: '<=', value: 2 } },
    },
  ];
}
