import { WebCreateSecretDocument } from '@secrets/schema/generated/graphql';
import type { BenchContext } from '../context';
import { interleave, postLoad } from '../measure';
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

/** B1: `secret(id)` over GraphQL vs node:http + pg serving the same row as JSON. */
export async function metadataRead(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, baselines } = context;
  const created = await api.request(WebCreateSecretDocument, {
    input: {
      kind: 'WEBHOOK',
      name: 'b1_jira_pat',
      value: 'bench-value-b1',
      description: 'B1: read by id',
    },
  });
  const { id } = created.createSecret;
  const load = (url: string, body: string, headers?: Record<string, string>) => (warmup: boolean) =>
    postLoad({
      url,
      connections: sizes.connections,
      durationMs: warmup ? sizes.warmupMs : sizes.roundMs,
      headers,
      body,
    });
  const productRequest = { query: SECRET_QUERY, variables: { id } };
  const baselineUrl = `http://127.0.0.1:${baselines.httpPort}/secret`;
  await assertSameData(
    () => postJson(api.endpoint, productRequest, api.headers),
    () => postJson(baselineUrl, { id }),
  );
  const rounds = await interleave(
    sizes.rounds,
    load(api.endpoint, JSON.stringify(productRequest), api.headers),
    load(baselineUrl, JSON.stringify({ id })),
  );
  const scenario = `B1 metadata read, ${sizes.connections} connections`;
  return [
    {
      scenario,
      metric: 'throughput (req/s)',
      ...figures(rounds, 'throughput'),
      ratio: 'product/baseline',
      target: { ratio: { op: '>=', value: 0.8 } },
    },
    {
      scenario,
      metric: 'p99 latency (ms)',
      ...figures(rounds, 'p99'),
      ratio: 'product/baseline',
      target: { ratio: { op: '<=', value: 1.5 } },
    },
  ];
}
