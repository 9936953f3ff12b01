import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { oneStatement, sqlOf, type Sql, type Statement } from '../db/sql';
import type { AuditService } from '../audit/audit.service';
import { SYSTEM, type Principal } from '../auth/principal';
import { insecureUrlReason, type OutboundClient } from '../outbound/client';
import { SecretKind } from '../secrets/secret-kind';
import type { Secret } from '../secrets/secret.entity';
import type { SecretQueries } from '../secrets/secret-queries';
import type { SecretRuntime } from '../secrets/secret-runtime';
import { secretUseMessage } from '../secrets/secret-use';
import { referencedSecretNames, substituteSecrets } from '@secrets/rules';
import type { HttpRequestStep, Workflow } from './workflow.entity';
import { INTERRUPTED, RunStatus, StepRun, WorkflowRun } from './workflow-run.entity';
import { LIVE_RUNNER_IDS } from './runner-lease';

export interface WorkflowRunnerDeps {
  dataSource: DataSource;
  audit: AuditService;
  secrets: Pick<SecretQueries, 'findWebhookSecrets'>;
  secretRuntime: Pick<SecretRuntime, 'unusable' | 'use'>;
  outbound: OutboundClient;
  clock: () => Date;
  /** This process's RunnerLease id, stamped on every run it starts. */
  runnerId: string;
}

type StepOutcome = Pick<
  StepRun,
  'status' | 'httpStatus' | 'errorCode' | 'message' | 'responseBody' | 'secretsUsed'
>;

/** A step that sent nothing, and so used no secret. */
const refused = (errorCode: string, message: string): StepOutcome => ({
  status: RunStatus.FAILED,
  httpStatus: null,
  errorCode,
  message,
  responseBody: null,
  secretsUsed: [],
});

const stepRunInsert = (step: StepRun): Statement => ({
  text: `INSERT INTO step_runs (id, run_id, position, step_id, name, status, http_status, error_code,
       message, response_body, duration_ms, secrets_used)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  values: [
    step.id,
    step.runId,
    step.position,
    step.stepId,
    step.name,
    step.status,
    step.httpStatus,
    step.errorCode,
    step.message,
    step.responseBody,
    step.durationMs,
    JSON.stringify(step.secretsUsed),
  ],
});

/** A run under way. */
interface RunProgress {
  run: WorkflowRun;
  /**
   * The INSERT of the run as RUNNING until it is written: with the first step's use of
   * secrets, before its request is sent (or by the outcome, when no step sent anything).
   */
  unrecordedStart: Statement | null;
}

const INTERRUPTED_MESSAGE =
  'Interrupted: the run stopped before it finished, because the server running it stopped or hit an internal error. ' +
  'The steps listed finished; the next one may or may not have been sent. Check before running the workflow again.';

/**
 * W7: runs steps in order; the first failure ends the run. The run is recorded as RUNNING
 * before its first request is sent, each step when it finishes, and the outcome at the end,
 * so that a server killed mid-run leaves a RUNNING run that failInterruptedRuns then closes.
 */
export class WorkflowRunner {
  /** Runs of this process that stopped on an error and are not yet recorded as failed. */
  private readonly abandoned = new Set<string>();

  /** The run's own writes outside a transaction: each one statement, prepared once. */
  private readonly sql: Sql;

  constructor(private readonly deps: WorkflowRunnerDeps) {
    this.sql = sqlOf(deps.dataSource);
  }

  async run(workflow: Workflow, actor: Principal): Promise<WorkflowRun> {
    const run = new WorkflowRun();
    run.id = randomUUID();
    run.workflowId = workflow.id;
    run.status = RunStatus.RUNNING;
    run.startedAt = this.deps.clock();
    run.finishedAt = null;
    run.runnerId = this.deps.runnerId;
    run.errorCode = null;
    run.message = null;
    run.steps = [];
    const progress: RunProgress = {
      run,
      unrecordedStart: {
        // Idempotent: the error path below writes it if a failed step may not have.
        text: `INSERT INTO workflow_runs (id, workflow_id, status, started_at, runner_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
        values: [run.id, run.workflowId, run.status, run.startedAt, run.runnerId],
      },
    };
    try {
      await this.runSteps(workflow, progress, actor);
    } catch (error) {
      // Recorded as interrupted now if the database allows, or else by the next sweep. A run
      // that has sent nothing is on record only once its RUNNING row is written here.
      this.abandoned.add(run.id);
      const { unrecordedStart } = progress;
      await Promise.resolve(
        unrecordedStart && this.sql(unrecordedStart.text, unrecordedStart.values),
      )
        .then(() => this.failInterruptedRuns())
        .catch(() => undefined);
      throw error;
    }
    return run;
  }

  /**
   * Fails, with INTERRUPTED, every RUNNING run that nobody will finish: its runner's lease is
   * gone (the server died), or it is one of this process's abandoned runs. Audited.
   */
  async failInterruptedRuns(): Promise<number> {
    const abandoned = [...this.abandoned];
    const failed = await this.deps.dataSource.transaction(async (tx) => {
      const rows: { id: string; workflow_id: string | null; name: string | null }[] =
        await tx.query(
          `WITH live AS (${LIVE_RUNNER_IDS}),
           interrupted AS (
             UPDATE workflow_runs r
             SET status = 'FAILED', finished_at = $1, error_code = $2, message = $3
             WHERE r.status = 'RUNNING'
               AND (r.id = ANY($4::uuid[])
                    OR NOT EXISTS (SELECT 1 FROM live WHERE live.runner_id = r.runner_id))
             RETURNING r.id, r.workflow_id)
           SELECT i.id, i.workflow_id, w.name
           FROM interrupted i LEFT JOIN workflows w ON w.id = i.workflow_id`,
          [this.deps.clock(), INTERRUPTED, INTERRUPTED_MESSAGE, abandoned],
        );
      await this.deps.audit.record(
        tx,
        SYSTEM,
        ...rows.map((row) => ({
          action: 'WORKFLOW_RUN',
          targetType: 'WORKFLOW',
          targetId: row.workflow_id,
          targetName: row.name,
          details: `run ${row.id}: ${RunStatus.FAILED} (${INTERRUPTED})`,
        })),
      );
      return rows.length;
    });
    for (const id of abandoned) this.abandoned.delete(id);
    return failed;
  }

  /**
   * Each finished step is written before the next is sent; the last one is written in the
   * statement that records the outcome, which follows it at once.
   */
  private async runSteps(workflow: Workflow, progress: RunProgress, actor: Principal) {
    const { run } = progress;
    for (const [index, step] of workflow.steps.entries()) {
      const started = performance.now();
      const outcome = await this.runStep(
        step,
        progress,
        { type: 'WORKFLOW_RUN', id: run.id, name: workflow.name },
        actor,
      );
      const stepRun = new StepRun();
      Object.assign(stepRun, outcome, {
        id: randomUUID(),
        runId: run.id,
        position: run.steps.length,
        stepId: step.id,
        name: step.name,
        durationMs: Math.round(performance.now() - started),
      });
      run.steps.push(stepRun);
      if (outcome.status === RunStatus.FAILED) break;
      if (index < workflow.steps.length - 1) {
        const { text, values } = stepRunInsert(stepRun);
        await this.sql(text, values);
      }
    }
    const last = run.steps.at(-1);
    run.status = run.steps.every((step) => step.status === RunStatus.SUCCEEDED)
      ? RunStatus.SUCCEEDED
      : RunStatus.FAILED;
    run.finishedAt = this.deps.clock();

    const failed = run.steps.find((step) => step.status === RunStatus.FAILED);
    // The run, its last step and the run's audit row commit together, in one round trip.
    const { text, values } = oneStatement([
      {
        // Inserted here when no step sent anything. Otherwise unconditional: had a sweep wrongly
        // judged the run interrupted (its lease briefly lost), the outcome that really
        // happened replaces that verdict.
        text: `INSERT INTO workflow_runs (id, workflow_id, status, started_at, runner_id, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE
         SET status = excluded.status, finished_at = excluded.finished_at, error_code = NULL, message = NULL`,
        values: [run.id, run.workflowId, run.status, run.startedAt, run.runnerId, run.finishedAt],
      },
      ...(last ? [stepRunInsert(last)] : []),
      this.deps.audit.statement(actor, {
        action: 'WORKFLOW_RUN',
        targetType: 'WORKFLOW',
        targetId: workflow.id,
        targetName: workflow.name,
        details: `run ${run.id}: ${run.status}${failed ? ` at step "${failed.name}" (${failed.errorCode})` : ''}`,
      }),
    ]);
    await this.sql(text, values);
  }

  /** W3: every referenced secret is checked before anything is sent. */
  private async runStep(
    step: HttpRequestStep,
    progress: RunProgress,
    consumer: { type: 'WORKFLOW_RUN'; id: string; name: string },
    actor: Principal,
  ): Promise<StepOutcome> {
    const names = referencedSecretNames(step.headers.map((header) => header.value));
    const found = await this.deps.secrets.findWebhookSecrets(names);
    const secrets: Secret[] = [];
    for (const name of names) {
      const secret = found.get(name.toLowerCase());
      if (!secret)
        return refused(
          'SECRET_NOT_FOUND',
          secretUseMessage('SECRET_NOT_FOUND', SecretKind.WEBHOOK, name),
        );
      const unusable = this.deps.secretRuntime.unusable(secret, step.url);
      if (unusable) return refused(unusable.code, unusable.message);
      // {secret:JIRA} and {secret:jira} are one secret, used once.
      if (!secrets.includes(secret)) secrets.push(secret);
    }
    const insecure = insecureUrlReason(step.url, secrets.length > 0);
    if (insecure) return refused('INSECURE_URL', insecure);

    // Judged again where the use is recorded: a revoke committed since the check above wins.
    // The run's RUNNING row, if not yet written, commits with the use, before anything is sent.
    const { unrecordedStart } = progress;
    const used = await this.deps.secretRuntime.use(
      secrets,
      consumer,
      actor,
      unrecordedStart ? [unrecordedStart] : [],
    );
    progress.unrecordedStart = null;
    if ('refused' in used) return refused(used.refused.code, used.refused.message);
    const { values } = used;
    const valueOf = new Map(
      secrets.map((secret, index) => [secret.name.toLowerCase(), values[index] ?? '']),
    );
    const result = await this.deps.outbound.send({
      method: step.method,
      url: step.url,
      headers: step.headers.map(
        (header) =>
          [
            header.name,
            substituteSecrets(header.value, (name) => valueOf.get(name.toLowerCase()) ?? ''),
          ] as const,
      ),
      body: step.body,
      secretValues: values,
    });
    return {
      status: result.ok ? RunStatus.SUCCEEDED : RunStatus.FAILED,
      httpStatus: result.httpStatus,
      errorCode: result.errorCode,
      message: result.message,
      responseBody: result.responseBody,
      secretsUsed: used.used,
    };
  }
}
