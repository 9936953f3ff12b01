import DataLoader from 'dataloader';
import type { SecretDependent, SecretKey } from '../secrets/secret-dependents';
import type { SecretMetadata } from '../secrets/secret.entity';
import type { Services } from '../services';
import type { WorkflowRun } from '../workflows/workflow-run.entity';
import type { HttpRequestStep, Workflow } from '../workflows/workflow.entity';

type RunsKey = { workflowId: string; first: number };

/**
 * Batches the per-row field resolvers of one execution, so that a page of 50 rows costs
 * the same few queries as a page of 5. Made fresh for each execution (an HTTP request, or
 * one subscription event): the cache must never outlive the data it was read from. Each
 * loader is made on first use, since most operations need none (B5: an idle subscription
 * keeps its context, and thousands of them are expected).
 */
export class Loaders {
  private dependents?: DataLoader<SecretKey, SecretDependent[], string>;
  private secrets?: DataLoader<string, SecretMetadata | null>;
  private workflows?: DataLoader<string, Workflow | null>;
  private steps?: DataLoader<string, HttpRequestStep[]>;
  private runs?: DataLoader<RunsKey, WorkflowRun[], string>;

  constructor(private readonly services: Services) {}

  /** Keyed by the secret, since webhook dependents are found by its name. */
  get secretDependents(): DataLoader<SecretKey, SecretDependent[], string> {
    return (this.dependents ??= new DataLoader(
      (secrets) => this.services.secrets.dependentsOf(secrets),
      { cacheKeyFn: (secret) => secret.id },
    ));
  }

  get secretById(): DataLoader<string, SecretMetadata | null> {
    return (this.secrets ??= new DataLoader((ids) => this.services.secrets.getMany(ids)));
  }

  get workflowById(): DataLoader<string, Workflow | null> {
    return (this.workflows ??= new DataLoader((ids) => this.services.workflows.getMany(ids)));
  }

  /** Keyed by workflow id. */
  get workflowSteps(): DataLoader<string, HttpRequestStep[]> {
    return (this.steps ??= new DataLoader((ids) => this.services.workflows.stepsOf(ids)));
  }

  get workflowRuns(): DataLoader<RunsKey, WorkflowRun[], string> {
    return (this.runs ??= new DataLoader((keys) => this.runsOf(keys), {
      cacheKeyFn: (key) => `${key.first}:${key.workflowId}`,
    }));
  }

  /** One query per distinct page size; a document rarely has more than one. */
  private async runsOf(keys: readonly RunsKey[]): Promise<WorkflowRun[][]> {
    const sizes = [...new Set(keys.map((key) => key.first))];
    const bySize = new Map(
      await Promise.all(
        sizes.map(async (first) => {
          const ids = keys.filter((key) => key.first === first).map((key) => key.workflowId);
          const runs = await this.services.workflows.runsOf(ids, first);
          return [first, new Map(ids.map((id, index) => [id, runs[index] ?? []]))] as const;
        }),
      ),
    );
    return keys.map((key) => bySize.get(key.first)?.get(key.workflowId) ?? []);
  }
}
