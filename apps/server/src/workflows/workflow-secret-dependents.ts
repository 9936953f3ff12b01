import type { DataSource } from 'typeorm';
import { EntityRows } from '../db/sql';
import { SecretKind } from '../secrets/secret-kind';
import { dependentsReader, type SecretDependents } from '../secrets/secret-dependents';
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
  const webhook = `secret.kind = '${SecretKind.WEBHOOK}'`;
  return {
    type: 'WORKFLOW',
    dependents: {
      // `&&` uses the GIN index on secret_names; unnest then says which name matched.
      select: `SELECT reference.secret_id AS "workflow.secret", ${rows.select}
        FROM workflows workflow JOIN (
          SELECT DISTINCT step.workflow_id, secret.id AS secret_id
          FROM workflow_steps step CROSS JOIN LATERAL unnest(step.secret_names) AS used(name)
          JOIN secret ON secret.name = used.name AND ${webhook}
          WHERE step.secret_names && ARRAY(SELECT secret.name FROM secret WHERE ${webhook})
        ) reference ON reference.workflow_id = workflow.id`,
      orderBy: '"workflow.name", "workflow.id"',
      reader: dependentsReader(rows, 'workflow.secret'),
    },
    secretRenamed,
  };
}
