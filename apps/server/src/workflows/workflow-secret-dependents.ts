import type { DataSource } from 'typeorm';
import { EntityRows } from '../db/sql';
import { SecretKind } from '../secrets/secret-kind';
import type { SecretDependents } from '../secrets/secret-dependents';
import { renameSecretReferences } from '@secrets/rules';
import { HttpRequestStep, Workflow } from './workflow.entity';

/** Every step that references `from` now references `to`, in the caller's transaction. */
const secretRenamed: SecretDependents['secretRenamed'] = async (tx, secret, from, to) => {
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
};

/**
 * S6 and S4: the workflows whose steps reference a webhook secret by name, and the rename of
 * those references. Only the workflows' own rows are read (B2); `Workflow.steps` loads the
 * steps by DataLoader when asked for.
 */
export function workflowSecretDependents(dataSource: DataSource): SecretDependents {
  const rows = new EntityRows(dataSource, Workflow, 'workflow');
  // `&&` uses the GIN index on secret_names; unnest then says which name matched.
  const select = `SELECT reference.name AS "reference.name", ${rows.select}
    FROM workflows workflow JOIN (
      SELECT DISTINCT step.workflow_id, used.name
      FROM workflow_steps step CROSS JOIN LATERAL unnest(step.secret_names) AS used(name)
      WHERE step.secret_names && $1::text[] AND used.name = ANY($1::text[])
    ) reference ON reference.workflow_id = workflow.id
    ORDER BY workflow.name, workflow.id`;
  return {
    type: 'WORKFLOW',
    async dependentsOf(secrets, sql) {
      const names = secrets
        .filter((secret) => secret.kind === SecretKind.WEBHOOK)
        .map((secret) => secret.name);
      const byName = new Map<string, Workflow[]>();
      if (names.length > 0) {
        for (const row of await sql(select, [names])) {
          const name = row['reference.name'] as string;
          const workflow = rows.from(row);
          if (workflow) byName.set(name, [...(byName.get(name) ?? []), workflow]);
        }
      }
      return secrets.map((secret) =>
        secret.kind === SecretKind.WEBHOOK ? (byName.get(secret.name) ?? []) : [],
      );
    },
    secretRenamed,
  };
}
