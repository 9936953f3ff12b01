import {
  WebCreateConnectionDocument,
  WebCreateSecretDocument,
  WebCreateWorkflowDocument,
} from '@secrets/schema/generated/graphql';
import { withClient } from '../database';
import type { BenchContext } from '../context';
import { interleave, postLoad } from '../measure';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';
import { assertSameData, postJson } from './same-data';

const PAGE = 50;

/** The first page with each secret's creator and dependents, as the SPA's list would need. */
const SECRETS_QUERY = `query BenchSecrets($first: Int) {
  secrets(first: $first) {
    totalCount
    nodes {
      id kind name status expiresAt
      createdBy { id email }
      dependents {
        __typename
        ... on Connection { id name }
        ... on Workflow { id name }
      }
    }
    pageInfo { endCursor hasNextPage }
  }
}`;

/** 30 integration secrets used by two connections each, 30 webhook secrets by a workflow each. */
async function seed(context: BenchContext): Promise<void> {
  const { api, baselines } = context;
  const peer = `https://127.0.0.1:${baselines.peerPort}`;
  for (let index = 0; index < 30; index++) {
    const number = String(index).padStart(2, '0');
    const integration = await api.request(WebCreateSecretDocument, {
      input: { kind: 'INTEGRATION', name: `b2 integration ${number}`, value: `value-${number}` },
    });
    for (const copy of ['a', 'b']) {
      await api.request(WebCreateConnectionDocument, {
        input: {
          name: `b2 connection ${number}${copy}`,
          provider: 'jira',
          baseUrl: `${peer}/jira`,
          authScheme: 'BEARER',
          secretId: integration.createSecret.id,
        },
      });
    }
    const name = `b2_webhook_${number}`;
    await api.request(WebCreateSecretDocument, {
      input: { kind: 'WEBHOOK', name, value: `value-${number}` },
    });
    await api.request(WebCreateWorkflowDocument, {
      input: {
        name: `b2 workflow ${number}`,
        steps: [
          {
            name: 'notify',
            method: 'POST',
            url: `${peer}/hook`,
            headers: [{ name: 'Authorization', value: `Bearer {secret:${name}}` }],
          },
        ],
      },
    });
  }
}

/** Transactions this database has finished, once every backend has published its count. */
async function transactions(context: BenchContext, settleMs: number): Promise<number> {
  await new Promise((done) => setTimeout(done, settleMs));
  return withClient(context.database.url, async (client) => {
    const result = await client.query<{ count: string }>(
      `SELECT xact_commit + xact_rollback AS count FROM pg_stat_database
       WHERE datname = current_database()`,
    );
    return Number(result.rows[0]?.count);
  });
}

/**
 * Statements per request, counted as PostgreSQL transactions (each statement outside a
 * transaction is one): an N+1 shows as about one per row. Requests run one at a time with
 * nothing else on the database; the reading connection's own transaction is subtracted.
 */
async function transactionsPerRequest(
  context: BenchContext,
  settleMs: number,
  requests: number,
  send: () => Promise<unknown>,
): Promise<number> {
  const before = await transactions(context, settleMs);
  for (let index = 0; index < requests; index++) await send();
  const after = await transactions(context, settleMs);
  return (after - before - 1) / requests;
}

/** B2: `secrets(first: 50)` with dependents and createdBy vs node:http + pg, same rows. */
export async function list(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, baselines } = context;
  await seed(context);
  const productRequest = { query: SECRETS_QUERY, variables: { first: PAGE } };
  const baselineUrl = `http://127.0.0.1:${baselines.httpPort}/secrets`;
  const listProduct = () => postJson(api.endpoint, productRequest, api.headers);
  const listBaseline = () => postJson(baselineUrl, { first: PAGE });
  // Cursors are opaque and encoded differently; everything else must match.
  await assertSameData(listProduct, listBaseline, ['endCursor']);

  const probes = Math.max(2, Math.min(20, sizes.rounds * 4));
  const statements = {
    product: [await transactionsPerRequest(context, sizes.statsSettleMs, probes, listProduct)],
    baseline: [await transactionsPerRequest(context, sizes.statsSettleMs, probes, listBaseline)],
  };

  const load = (url: string, body: string, headers?: Record<string, string>) => (warmup: boolean) =>
    postLoad({
      url,
      connections: sizes.connections,
      durationMs: warmup ? sizes.warmupMs : sizes.roundMs,
      headers,
      body,
    });
  const rounds = await interleave(
    sizes.rounds,
    load(api.endpoint, JSON.stringify(productRequest), api.headers),
    load(baselineUrl, JSON.stringify({ first: PAGE })),
  );
  const scenario = `B2 list of ${PAGE} with dependents and createdBy, ${sizes.connections} connections`;
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
      metric: 'DB statements per request (no N+1)',
      ...statements,
      ratio: 'product/baseline',
      target: { product: { op: '<=', value: 10, unit: 'statements' } },
    },
  ];
}
