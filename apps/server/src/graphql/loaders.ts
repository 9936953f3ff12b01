import DataLoader from 'dataloader';
import type { SecretDependent, SecretKey } from '../secrets/secret-dependents';
import type { User } from '../auth/user.entity';
import type { Secret } from '../secrets/secret.entity';
import type { SecretVersion } from '../secrets/secret-version.entity';
import type { Services } from '../services';
import type { WorkflowRun } from '../workflows/workflow-run.entity';
import type { HttpRequestStep, Workflow } from '../workflows/workflow.entity';
import type { NotificationDelivery } from '../notifications/notification-channel.entity';

/** A page of a list field per parent: the parent's id and the page size asked for. */
type PageKey = { id: string; first: number };

/**
 * Batches the per-row field resolvers of one execution, so that a page of 50 rows costs
 * the same few queries as a page of 5. Made fresh for each execution (an HTTP request, or
 * one subscription event): the cache must never outlive the data it was read from. Each
 * loader is made on first use, since most operations need none (B5: an idle subscription
 * keeps its context, and thousands of them are expected).
 */
export class Loaders {
  private dependents?: DataLoader<SecretKey, SecretDependent[], string>;
  private secrets?: DataLoader<string, Secret | null>;
  private workflows?: DataLoader<string, Workflow | null>;
  private steps?: DataLoader<string, HttpRequestStep[]>;
  private runs?: DataLoader<PageKey, WorkflowRun[], string>;
  private versions?: DataLoader<PageKey, SecretVersion[], string>;
  private users?: DataLoader<string, User | null>;
  private deliveries?: DataLoader<PageKey, NotificationDelivery[], string>;

  constructor(private readonly services: Services) {}

  /** Keyed by the secret, since webhook dependents are found by its name. */
  get secretDependents(): DataLoader<SecretKey, SecretDependent[], string> {
    return (this.dependents ??= new DataLoader(
      (secrets) => this.services.secrets.dependentsOf(secrets),
      { cacheKeyFn: (secret) => secret.id },
    ));
  }

  get secretById(): DataLoader<string, Secret | null> {
    return (this.secrets ??= new DataLoader((ids) => this.services.secrets.getMany(ids)));
  }

  get workflowById(): DataLoader<string, Workflow | null> {
    return (this.workflows ??= new DataLoader((ids) => this.services.workflows.getMany(ids)));
  }

  /** Keyed by workflow id. */
  get workflowSteps(): DataLoader<string, HttpRequestStep[]> {
    return (this.steps ??= new DataLoader((ids) => this.services.workflows.stepsOf(ids)));
  }

  /** Keyed by workflow id and page size. */
  get workflowRuns(): DataLoader<PageKey, WorkflowRun[], string> {
    return (this.runs ??= pagesLoader((ids, first) => this.services.workflows.runsOf(ids, first)));
  }

  /** Keyed by secret id and page size. */
  get secretVersions(): DataLoader<PageKey, SecretVersion[], string> {
    return (this.versions ??= pagesLoader((ids, first) =>
      this.services.secretVersions.versionsOf(ids, first),
    ));
  }

  /** Keyed by channel id and page size. */
  get channelDeliveries(): DataLoader<PageKey, NotificationDelivery[], string> {
    return (this.deliveries ??= pagesLoader((ids, first) =>
      this.services.notificationChannels.deliveriesOf(ids, first),
    ));
  }

  get userById(): DataLoader<string, User | null> {
    return (this.users ??= new DataLoader((ids) => this.services.users.getMany(ids)));
  }
}

/**
 * A loader of one page of a list per parent, from `load(parentIds, first)`: one query per
 * distinct page size; a document rarely has more than one.
 */
function pagesLoader<T>(
  load: (ids: readonly string[], first: number) => Promise<T[][]>,
): DataLoader<PageKey, T[], string> {
  return new DataLoader(
    async (keys) => {
      const sizes = [...new Set(keys.map((key) => key.first))];
      const bySize = new Map(
        await Promise.all(
          sizes.map(async (first) => {
            const ids = keys.filter((key) => key.first === first).map((key) => key.id);
            const pages = await load(ids, first);
            return [first, new Map(ids.map((id, index) => [id, pages[index] ?? []]))] as const;
          }),
        ),
      );
      return keys.map((key) => bySize.get(key.first)?.get(key.id) ?? []);
    },
    { cacheKeyFn: (key) => `${key.first}:${key.id}` },
  );
}
