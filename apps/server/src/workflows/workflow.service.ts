import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { checkPageSize } from '../common/pagination';
import { isUuid } from '../common/postgres-errors';
import { AppError, notFound } from '../common/errors';
import { columnIndexes, EntityRows, sqlTableOf, type SqlTable } from '../db/sql';
import { SecretKind } from '../secrets/secret-kind';
import type { SecretQueries } from '../secrets/secret-queries';
import { secretUseMessage } from '../secrets/secret-use';
import { HttpRequestStep, Workflow } from './workflow.entity';
import type { WorkflowInput } from './workflow.inputs';
import { WorkflowRun } from './workflow-run.entity';
import { checkWorkflow } from './workflow-rules';

export interface WorkflowServiceDeps {
  dataSource: DataSource;
  audit: AuditService;
  secrets: Pick<SecretQueries, 'findWebhookSecrets' | 'get'>;
}

export class WorkflowService {
  private readonly table: SqlTable;
  /** Workflows by id with their steps in order, as `getMany` reads them. */
  private readonly selectWithSteps: string;
  private readonly workflowRows: EntityRows<Workflow>;
  private readonly stepRows: EntityRows<HttpRequestStep>;

  constructor(private readonly deps: WorkflowServiceDeps) {
    this.table = sqlTableOf(deps.dataSource);
    this.workflowRows = new EntityRows(deps.dataSource, Workflow, 'workflow');
    this.stepRows = new EntityRows(deps.dataSource, HttpRequestStep, 'step');
    this.selectWithSteps = `SELECT ${this.workflowRows.select}, ${this.stepRows.select}
      FROM workflows workflow LEFT JOIN workflow_steps step ON step.workflow_id = workflow.id
      WHERE workflow.id = ANY($1::uuid[]) ORDER BY step.position`;
  }

  list(): Promise<Workflow[]> {
    return this.deps.dataSource.getRepository(Workflow).find({
      relations: { steps: true },
      order: { name: 'ASC', id: 'ASC', steps: { position: 'ASC' } },
    });
  }

  async get(id: string): Promise<Workflow | null> {
    const [workflow = null] = await this.getMany([id]);
    return workflow;
  }

  async getOrFail(id: string): Promise<Workflow> {
    const workflow = await this.get(id);
    if (!workflow) throw notFound('The workflow');
    return workflow;
  }

  /** Each id's workflow with its steps or null, in the order given, in one statement. */
  async getMany(ids: readonly string[]): Promise<(Workflow | null)[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return ids.map(() => null);
    const byId = new Map<string, Workflow>();
    const { columns, rows } = await this.table(this.selectWithSteps, [valid]);
    const workflowOf = this.workflowRows.reader(columns);
    const stepOf = this.stepRows.reader(columns);
    const [workflowId = -1] = columnIndexes(columns, ['workflow.id']);
    for (const row of rows) {
      let workflow = byId.get(row[workflowId] as string) ?? null;
      if (!workflow) {
        workflow = workflowOf(row);
        if (!workflow) continue;
        workflow.steps = [];
        byId.set(workflow.id, workflow);
      }
      const step = stepOf(row);
      if (step) workflow.steps.push(step);
    }
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The steps of each workflow, in order, in one query (DataLoader). */
  async stepsOf(workflowIds: readonly string[]): Promise<HttpRequestStep[][]> {
    const steps =
      workflowIds.length === 0
        ? []
        : await this.deps.dataSource.getRepository(HttpRequestStep).find({
            where: { workflowId: In([...workflowIds]) },
            order: { position: 'ASC' },
          });
    const byWorkflow = new Map<string, HttpRequestStep[]>();
    for (const step of steps)
      byWorkflow.set(step.workflowId, [...(byWorkflow.get(step.workflowId) ?? []), step]);
    return workflowIds.map((id) => byWorkflow.get(id) ?? []);
  }

  /** The newest `first` runs of each workflow, newest first, in two queries (DataLoader). */
  async runsOf(workflowIds: readonly string[], first: number): Promise<WorkflowRun[][]> {
    checkPageSize(first);
    if (workflowIds.length === 0) return [];
    const newest: { id: string }[] = await this.deps.dataSource.query(
      `SELECT id FROM (
         SELECT id, row_number() OVER (PARTITION BY workflow_id ORDER BY started_at DESC, id DESC) AS rank
         FROM workflow_runs WHERE workflow_id = ANY($1::uuid[])
       ) ranked WHERE rank <= $2`,
      [workflowIds.filter(isUuid), first],
    );
    const runs =
      newest.length === 0
        ? []
        : await this.deps.dataSource.getRepository(WorkflowRun).find({
            where: { id: In(newest.map((run) => run.id)) },
            relations: { steps: true },
            order: { startedAt: 'DESC', id: 'DESC', steps: { position: 'ASC' } },
          });
    return workflowIds.map((id) => runs.filter((run) => run.workflowId === id));
  }

  async getRun(id: string): Promise<WorkflowRun | null> {
    if (!isUuid(id)) return null;
    return this.deps.dataSource.getRepository(WorkflowRun).findOne({
      where: { id },
      relations: { steps: true },
      order: { steps: { position: 'ASC' } },
    });
  }

  create(input: WorkflowInput, actor: Principal): Promise<Workflow> {
    return this.save(null, input, actor);
  }

  update(id: string, input: WorkflowInput, actor: Principal): Promise<Workflow> {
    if (!isUuid(id)) throw notFound('The workflow');
    return this.save(id, input, actor);
  }

  async delete(id: string, actor: Principal): Promise<string> {
    const workflow = await this.getOrFail(id);
    await this.deps.dataSource.transaction(async (tx) => {
      await tx.delete(Workflow, { id });
      await this.deps.audit.record(tx, actor, {
        action: 'WORKFLOW_DELETED',
        targetType: 'WORKFLOW',
        targetId: id,
        targetName: workflow.name,
      });
    });
    return id;
  }

  /** Replaces the name and every step; W2 and W4 are checked before anything is written. */
  private async save(id: string | null, input: WorkflowInput, actor: Principal): Promise<Workflow> {
    const checked = checkWorkflow(input);
    const referenced = [...new Set(checked.steps.flatMap((step) => step.references))];
    const secrets = await this.deps.secrets.findWebhookSecrets(referenced);
    const steps = checked.steps.map((step, position) => ({
      ...step,
      position,
      // Canonical names, once each: {secret:JIRA} and {secret:jira} name the same secret.
      secretNames: [
        ...new Set(
          step.references.map((name) => {
            const secret = secrets.get(name.toLowerCase());
            if (!secret) {
              throw new AppError(
                'SECRET_NOT_FOUND',
                secretUseMessage('SECRET_NOT_FOUND', SecretKind.WEBHOOK, name),
                {
                  field: `steps.${position}.headers`,
                  secretName: name,
                },
              );
            }
            return secret.name;
          }),
        ),
      ],
    }));

    const savedId = await this.deps.dataSource.transaction(async (tx: EntityManager) => {
      let workflowId: string;
      if (id) {
        const current = await tx.findOne(Workflow, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw notFound('The workflow');
        await tx.update(Workflow, { id }, { name: checked.name, updatedAt: new Date() });
        await tx.delete(HttpRequestStep, { workflowId: id });
        workflowId = id;
      } else {
        const created = tx.create(Workflow, { name: checked.name });
        await tx.insert(Workflow, created);
        workflowId = created.id;
      }
      if (steps.length > 0) {
        await tx.insert(
          HttpRequestStep,
          steps.map((step) => ({
            workflowId,
            position: step.position,
            name: step.name,
            method: step.method,
            url: step.url,
            headers: step.headers,
            body: step.body,
            secretNames: step.secretNames,
          })),
        );
      }
      await this.deps.audit.record(tx, actor, {
        action: id ? 'WORKFLOW_UPDATED' : 'WORKFLOW_CREATED',
        targetType: 'WORKFLOW',
        targetId: workflowId,
        targetName: checked.name,
        details: `${steps.length} step(s)${referenced.length ? `, secrets ${[...new Set(steps.flatMap((step) => step.secretNames))].join(', ')}` : ''}`,
      });
      return workflowId;
    });
    return this.getOrFail(savedId);
  }
}
