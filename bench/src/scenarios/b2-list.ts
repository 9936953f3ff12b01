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

/**
 * Counts the statements run on the bench database with pg_stat_statements, which counts
 * each statement (BEGIN and COMMIT too) as it ends. The extension must be loaded at server
 * start (`shared_preload_libraries`): the bench's embedded PostgreSQL is started so; on a
 * DATABASE_URL server without it, returns why it cannot count.
 */
async function statementCounter(
  url: string,
): Promise<{ count: () => Promise<number> } | { unavailable: string }> {
  const read = () =>
    withClient(url, async (client) => {
      const result = await client.query<{ count: string }>(
        `SELECT coalesce(sum(calls), 0) AS count FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      return Number(result.rows[0]?.count);
    });
  try {
    await withClient(url, (client) =>
      client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements'),
    );
    await read();
    return { count: read };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Statements per request: an N+1 shows as about one per row. Requests run one at a time with
 * nothing else on the database; the counting SELECT that ran in between is subtracted.
 */
async function statementsPerRequest(
  count: () => Promise<number>,
  requests: number,
  send: () => Promise<unknown>,
): Promise<number> {
  const before = await count();
  for (let index = 0; index < requests; index++) await send();
  const after = await count();
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
  const counter = await statementCounter(context.database.url);
  const statements =
    'count' in counter
      ? {
          product: [await statementsPerRequest(counter.count, probes, listProduct)],
          baseline: [await statementsPerRequest(counter.count, probes, listBaseline)],
        }
      : null;
  if ('unavailable' in counter) {
    context.note(
      `B2: DB statements not counted: pg_stat_statements is not usable on this server (${counter.unavailable}). Run without DATABASE_URL (embedded PostgreSQL), or load it through shared_preload_libraries.`,
    );
  }

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
  const throughput: Comparison = {
    scenario,
    metric: 'throughput (req/s)',
    ...figures(rounds, 'throughput'),
    ratio: 'product/baseline',
    target: { ratio: { op: '>=', value: 0.6 } },
  };
  if (!statements) return [throughput];
  return [
    throughput,
    {
      scenario,
      metric: 'DB statements per request (no N+1)',
      ...statements,
      ratio: 'product/baseline',
      target: { product: { op: '<=', value: 10, unit: 'statements' } },
    },
  ];
}
