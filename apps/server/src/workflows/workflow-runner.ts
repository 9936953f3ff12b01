import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { insecureUrlReason, type OutboundClient } from '../http/outbound';
import { SecretKind } from '../secrets/secret-kind';
import type { Secret } from '../secrets/secret.entity';
import type { SecretService } from '../secrets/secret.service';
import { secretUseMessage } from '../secrets/secret-use';
import { referencedSecretNames, substituteSecrets } from './template';
import type { HttpRequestStep, Workflow } from './workflow.entity';
import { RunStatus, StepRun, WorkflowRun } from './workflow-run.entity';

export interface WorkflowRunnerDeps {
  dataSource: DataSource;
  audit: AuditService;
  secrets: SecretService;
  outbound: OutboundClient;
  clock: () => Date;
}

type StepOutcome = Pick<
  StepRun,
  'status' | 'httpStatus' | 'errorCode' | 'message' | 'responseBody'
>;

const refused = (errorCode: string, message: string): StepOutcome => ({
  status: RunStatus.FAILED,
  httpStatus: null,
  errorCode,
  message,
  responseBody: null,
});

/** W7: runs steps in order; the first failure ends the run, which is stored whole. */
export class WorkflowRunner {
  constructor(private readonly deps: WorkflowRunnerDeps) {}

  async run(workflow: Workflow, actor: Principal): Promise<WorkflowRun> {
    const run = new WorkflowRun();
    run.id = randomUUID();
    run.workflowId = workflow.id;
    run.startedAt = this.deps.clock();
    run.steps = [];
    for (const step of workflow.steps) {
      const started = performance.now();
      const outcome = await this.runStep(
        step,
        { type: 'WORKFLOW_RUN', id: run.id, name: workflow.name },
        actor,
      );
      const stepRun = new StepRun();
      Object.assign(stepRun, outcome, {
        runId: run.id,
        position: run.steps.length,
        stepId: step.id,
        name: step.name,
        durationMs: Math.round(performance.now() - started),
      });
      run.steps.push(stepRun);
      if (outcome.status === RunStatus.FAILED) break;
    }
    run.status = run.steps.every((step) => step.status === RunStatus.SUCCEEDED)
      ? RunStatus.SUCCEEDED
      : RunStatus.FAILED;
    run.finishedAt = this.deps.clock();

    await this.deps.dataSource.transaction(async (tx) => {
      await tx.insert(WorkflowRun, {
        id: run.id,
        workflowId: run.workflowId,
        status: run.status,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt,
      });
      if (run.steps.length > 0) await tx.insert(StepRun, run.steps);
      const failed = run.steps.find((step) => step.status === RunStatus.FAILED);
      await this.deps.audit.record(tx, actor, {
        action: 'WORKFLOW_RUN',
        targetType: 'WORKFLOW',
        targetId: workflow.id,
        targetName: workflow.name,
        details: `run ${run.id}: ${run.status}${failed ? ` at step "${failed.name}" (${failed.errorCode})` : ''}`,
      });
    });
    return run;
  }

  /** W3: every referenced secret is checked before anything is sent. */
  private async runStep(
    step: HttpRequestStep,
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
      const unusable = this.deps.secrets.unusable(secret, step.url);
      if (unusable) return refused(unusable.code, unusable.message);
      // {secret:JIRA} and {secret:jira} are one secret, used once.
      if (!secrets.includes(secret)) secrets.push(secret);
    }
    const insecure = insecureUrlReason(step.url, secrets.length > 0);
    if (insecure) return refused('INSECURE_URL', insecure);

    const values = await this.deps.secrets.use(secrets, consumer, actor);
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
    };
  }
}
