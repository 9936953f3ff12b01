import {
  WebCreateConnectionDocument,
  WebCreateSecretDocument,
  WebCreateWorkflowDocument,
} from '@secrets/schema/generated/graphql';
import { withClient } from '../database';
import type { BenchContext } from '../context';
import { interleave, median } from '../measure';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';
import { postSide } from './b1-read';
import { assertSameData, postJson } from './same-data';

const PAGE = 50;
/** The small page whose statement count the full page's must not exceed. */
const SMALL_PAGE = 5;

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

/**
 * 30 integration secrets used by two connections each, 30 webhook secrets by a workflow each,
 * named so that the kinds alternate in the list's order: a page of 5 holds both kinds, each
 * with its dependents, and loads everything a page of 50 does.
 */
async function seed(context: BenchContext): Promise<void> {
  const { api, baselines } = context;
  const peer = `https://127.0.0.1:${baselines.peerPort}`;
  for (let index = 0; index < 30; index++) {
    const number = String(index).padStart(2, '0');
    const integration = await api.request(WebCreateSecretDocument, {
      input: { kind: 'INTEGRATION', name: `b2_${number}_integration`, value: `value-${number}` },
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
    const name = `b2_${number}_webhook`;
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
 * Statements per request: an N+1 shows as about one per row. Each request runs alone with
 * nothing else of the bench on the database, counted before and after (less the counting
 * SELECT itself); the median leaves out what the product's own timers (its runner lease)
 * sent in between.
 */
async function statementsPerRequest(
  count: () => Promise<number>,
  requests: number,
  send: () => Promise<unknown>,
): Promise<number> {
  const counts: number[] = [];
  for (let index = 0; index < requests; index++) {
    const before = await count();
    await send();
    counts.push((await count()) - before - 1);
  }
  return median(counts);
}

/** B2: `secrets(first: 50)` with dependents and createdBy vs node:http + pg, same rows. */
export async function list(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, baselines } = context;
  await seed(context);
  const productRequest = (first: number) => ({ query: SECRETS_QUERY, variables: { first } });
  const baselineUrl = `http://127.0.0.1:${baselines.httpPort}/secrets`;
  const listProduct = (first = PAGE) => postJson(api.endpoint, productRequest(first), api.headers);
  const listBaseline = () => postJson(baselineUrl, { first: PAGE });
  // Cursors are opaque and encoded differently; everything else must match.
  await assertSameData(listProduct, listBaseline, ['endCursor']);

  const probes = Math.max(2, Math.min(20, sizes.rounds * 4));
  const counter = await statementCounter(context.database.url);
  const statements =
    'count' in counter
      ? {
          product: await statementsPerRequest(counter.count, probes, () => listProduct()),
          small: await statementsPerRequest(counter.count, probes, () => listProduct(SMALL_PAGE)),
          baseline: await statementsPerRequest(counter.count, probes, listBaseline),
        }
      : null;
  if ('unavailable' in counter) {
    context.note(
      `B2: DB statements not counted: pg_stat_statements is not usable on this server (${counter.unavailable}). Run without DATABASE_URL (embedded PostgreSQL), or load it through shared_preload_libraries.`,
    );
  }

  const rounds = await interleave(
    sizes.rounds,
    postSide(sizes, api.endpoint, JSON.stringify(productRequest(PAGE)), api.headers),
    postSide(sizes, baselineUrl, JSON.stringify({ first: PAGE })),
    context.profiler,
  );
  const scenario = `B2 list of ${PAGE} with dependents and createdBy, ${sizes.connections} connections`;
  const throughput: Comparison = {
    scenario,
    metric: 'throughput (req/s)',
    ...figures(rounds, 'throughput'),
    ratio: 'product/baseline',
    target: { ratio: { op: '>=', value: 0.5 } },
  };
  if (!statements) return [throughput];
  return [
    throughput,
    {
      scenario,
      metric: 'DB statements per request (no N+1)',
      product: [statements.product],
      baseline: [statements.baseline],
      ratio: 'product/baseline',
      target: { product: { op: '<=', value: 10, unit: 'statements' } },
    },
    {
      scenario,
      // The product against itself: its baseline column is the product's count at 5 rows.
      metric: `DB statements per request, ${PAGE} rows vs ${SMALL_PAGE} rows of the product`,
      product: [statements.product],
      baseline: [statements.small],
      ratio: 'product/baseline',
      target: { ratio: { op: '<=', value: 1 } },
    },
  ];
}
