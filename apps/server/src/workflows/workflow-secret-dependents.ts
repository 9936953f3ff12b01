import { In, type EntityManager } from 'typeorm';
import { SecretKind } from '../secrets/secret-kind';
import type { SecretDependents } from '../secrets/secret-dependents';
import { renameSecretReferences } from '@secrets/rules';
import { HttpRequestStep, Workflow } from './workflow.entity';

/** The workflows with a step that references each name, keyed by that name. */
async function workflowsReferencing(
  names: readonly string[],
  manager: EntityManager,
): Promise<Map<string, Workflow[]>> {
  const byName = new Map<string, Workflow[]>();
  if (names.length === 0) return byName;
  // `&&` uses the GIN index on secret_names; unnest then says which name matched.
  const references: { workflow_id: string; name: string }[] = await manager.query(
    `SELECT DISTINCT step.workflow_id, ref.name
     FROM workflow_steps step CROSS JOIN LATERAL unnest(step.secret_names) AS ref(name)
     WHERE step.secret_names && $1::text[] AND ref.name = ANY($1::text[])`,
    [names],
  );
  if (references.length === 0) return byName;
  const workflows = await manager.find(Workflow, {
    where: { id: In([...new Set(references.map((reference) => reference.workflow_id))]) },
    order: { name: 'ASC', id: 'ASC' },
  });
  for (const workflow of workflows) {
    for (const reference of references) {
      if (reference.workflow_id !== workflow.id) continue;
      byName.set(reference.name, [...(byName.get(reference.name) ?? []), workflow]);
    }
  }
  return byName;
}

/**
 * S6 and S4: the workflows whose steps reference a webhook secret by name, and the rename of
 * those references. Only the workflows' own rows are read (B2); `Workflow.steps` loads the
 * steps by DataLoader when asked for.
 */
export const workflowSecretDependents: SecretDependents = {
  type: 'WORKFLOW',
  async dependentsOf(secrets, manager) {
    const webhookNames = secrets
      .filter((secret) => secret.kind === SecretKind.WEBHOOK)
      .map((secret) => secret.name);
    const workflows = await workflowsReferencing(webhookNames, manager);
    return secrets.map((secret) =>
      secret.kind === SecretKind.WEBHOOK ? (workflows.get(secret.name) ?? []) : [],
    );
  },

  /** Every step that references `from` now references `to`, in the caller's transaction. */
  async secretRenamed(tx, secret, from, to) {
    if (secret.kind !== SecretKind.WEBHOOK) return;
    const steps = await tx
      .getRepository(HttpRequestStep)
      .createQueryBuilder('step')
      .where('step.secret_names @> ARRAY[:from]::text[]', { from })
      .setLock('pessimistic_write')
      .getMany();
    for (const step of steps) {
      await tx.update(
        HttpRequestStep,
        { id: step.id },
        {
          headers: step.headers.map((header) => ({
            name: header.name,
            value: renameSecretReferences(header.value, from, to),
          })),
          secretNames: step.secretNames.map((name) => (name === from ? to : name)),
        },
      );
    }
  },
};
