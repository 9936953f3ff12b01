import { randomUUID } from 'node:crypto';
import {
  WebCreateSecretDocument,
  WebCreateWorkflowDocument,
  WebRunWorkflowDocument,
} from '@secrets/schema/generated/graphql';
import { Pool } from 'pg';
import { Agent, request } from 'undici';
import type { BenchContext } from '../context';
import { closedLoop, httpLoad, interleave } from '../measure';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';
import { assertSameData } from './same-data';

const RUN_MUTATION = `mutation BenchRunWorkflow($id: ID!) {
  runWorkflow(id: $id) { id status steps { status httpStatus } }
}`;

/** Three webhook secrets, each in a header of the one step, as `{secret:NAME}`. */
const SECRETS = [
  { name: 'b4_jira_pat', header: 'Authorization', template: 'Bearer {secret:b4_jira_pat}' },
  { name: 'b4_api_key', header: 'X-Api-Key', template: '{secret:b4_api_key}' },
  { name: 'b4_signing_key', header: 'X-Signature', template: 'sha256={secret:b4_signing_key}' },
];

const WORKFLOW = 'b4 workflow';
const STEP = 'call peer';

/**
 * What a recorded run left in the database, ids and times left out so that a run of the
 * product and one of the baseline compare equal: the audit rows of its secret uses, the run
 * and its step.
 */
async function recordedRun(pool: Pool, runId: string) {
  const [audit, run, steps] = await Promise.all([
    pool.query<{ actor: string }>(
      `SELECT actor, action, target_type, target_id, target_name,
              replace(details, $1, '<run id>') AS details
       FROM audit_events WHERE action = 'SECRET_USED' AND details LIKE '%(' || $1 || ')'
       ORDER BY id`,
      [runId],
    ),
    pool.query<{ runner_id: string | null }>(
      `SELECT workflow_id, status, runner_id, error_code, message,
              finished_at >= started_at AS finished_after_start
       FROM workflow_runs WHERE id = $1`,
      [runId],
    ),
    pool.query<{ step_id: string }>(
      `SELECT position, step_id, name, status, http_status, error_code, message, response_body,
              secrets_used, duration_ms >= 0 AS timed
       FROM step_runs WHERE run_id = $1 ORDER BY position`,
      [runId],
    ),
  ]);
  return { audit: audit.rows, run: run.rows, steps: steps.rows };
}

/**
 * B4: `runWorkflow` of one step with three `{secret:...}` headers to the loopback HTTPS peer
 * vs the durable minimum of a recorded run done by hand: one transaction writing the audit
 * rows of the three uses (SECRET_USED, as the product's), then the same request sent with
 * undici, values already in place, then one transaction writing the run and its step
 * (workflow_runs and step_runs rows, as the product's). Checked before load: a run of each
 * leaves the same rows.
 */
export async function stepWithSecrets(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const { api, baselines, pki, database } = context;
  const url = `https://127.0.0.1:${baselines.peerPort}/b4/hook`;
  const values = new Map<string, string>();
  const secretIds = new Map<string, string>();
  for (const secret of SECRETS) {
    const value = `${secret.name}-${Math.random().toString(36).slice(2)}`;
    values.set(secret.name, value);
    const created = await api.request(WebCreateSecretDocument, {
      input: { kind: 'WEBHOOK', name: secret.name, value },
    });
    secretIds.set(secret.name, created.createSecret.id);
  }
  const workflow = await api.request(WebCreateWorkflowDocument, {
    input: {
      name: WORKFLOW,
      steps: [
        {
          name: STEP,
          method: 'GET',
          url,
          headers: SECRETS.map((secret) => ({ name: secret.header, value: secret.template })),
        },
      ],
    },
  });
  const workflowId = workflow.createWorkflow.id;
  const body = JSON.stringify({ query: RUN_MUTATION, variables: { id: workflowId } });
  const product = (warmup: boolean) =>
    httpLoad({
      url: api.endpoint,
      connections: sizes.connections,
      durationMs: warmup ? sizes.warmupMs : sizes.roundMs,
      headers: api.headers,
      body,
      expect: '"SUCCEEDED"',
    });

  const headers = Object.fromEntries(
    SECRETS.map((secret) => [
      secret.header,
      secret.template.replace(`{secret:${secret.name}}`, values.get(secret.name) ?? ''),
    ]),
  );
  // The product's own pool size (apps/server/src/db/data-source.ts).
  const pool = new Pool({ connectionString: database.url, max: 20 });
  // The peer's CA is trusted here explicitly: this process started before it existed.
  const dispatcher = new Agent({ connect: { ca: pki.caPem } });
  try {
    // One run of the product tells what the baseline must write: the actor's name, the
    // runner id and the step id are the product's own.
    const checked = await api.request(WebRunWorkflowDocument, { id: workflowId });
    const productRun = await recordedRun(pool, checked.runWorkflow.id);
    const actor = productRun.audit[0]?.actor;
    if (!actor) {
      throw new Error(
        `The product's run left no SECRET_USED audit row naming it: ${JSON.stringify(productRun)}`,
      );
    }
    const runnerId = productRun.run[0]?.runner_id ?? null;
    const stepId = productRun.steps[0]?.step_id;
    // V4: which version of which secret the step sent, as the product records it.
    const secretsUsed = JSON.stringify(
      SECRETS.map((secret) => ({
        secretId: secretIds.get(secret.name),
        secretName: secret.name,
        version: 1,
      })),
    );

    const recordRun = async (): Promise<string> => {
      const runId = randomUUID();
      const startedAt = new Date();
      // S8: the uses are recorded before anything is sent; one statement, one transaction.
      await pool.query(
        `INSERT INTO audit_events (actor, action, target_type, target_id, target_name, details)
         VALUES ${SECRETS.map((_, index) => `($1, 'SECRET_USED', 'SECRET', $${2 * index + 3}, $${2 * index + 4}, $2)`).join(', ')}`,
        [
          actor,
          `version 1 by WORKFLOW_RUN ${WORKFLOW} (${runId})`,
          ...SECRETS.flatMap((secret) => [secretIds.get(secret.name), secret.name]),
        ],
      );
      const sent = performance.now();
      const response = await request(url, { method: 'GET', headers, dispatcher });
      const answer = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`peer answered ${response.statusCode}`);
      const durationMs = Math.round(performance.now() - sent);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO workflow_runs (id, workflow_id, status, started_at, finished_at, runner_id)
           VALUES ($1, $2, 'SUCCEEDED', $3, now(), $4)`,
          [runId, workflowId, startedAt, runnerId],
        );
        await client.query(
          `INSERT INTO step_runs (run_id, position, step_id, name, status, http_status,
                                  response_body, duration_ms, secrets_used)
           VALUES ($1, 0, $2, $3, 'SUCCEEDED', $4, $5, $6, $7)`,
          [runId, stepId, STEP, response.statusCode, answer, durationMs, secretsUsed],
        );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      return runId;
    };
    await assertSameData(
      async () => productRun,
      async () => recordedRun(pool, await recordRun()),
    );
    const baseline = (warmup: boolean) =>
      closedLoop(sizes.connections, warmup ? sizes.warmupMs : sizes.roundMs, async () => {
        await recordRun();
      });

    const rounds = await interleave(sizes.rounds, product, baseline, context.profiler);
    return [
      {
        scenario: `B4 step with 3 secret headers to HTTPS, ${sizes.connections} connections`,
        metric: 'throughput (runs/s)',
        ...figures(rounds, 'throughput'),
        ratio: 'product/baseline',
        target: { ratio: { op: '>=', value: 0.6 } },
      },
    ];
  } finally {
    await dispatcher.close();
    await pool.end();
  }
}
