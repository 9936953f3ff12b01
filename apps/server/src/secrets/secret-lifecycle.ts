import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, badInput, notFound } from '../common/errors';
import { isUuid, uniqueViolation } from '../common/postgres-errors';
import { seal, type SealedValue } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import { Channel, notify } from '../db/event-bus';
import { SecretKind } from './secret-kind';
import type { SecretDependents } from './secret-dependents';
import { SecretEventType, type SecretEventMessage } from './secret-event';
import type { SecretQueries } from './secret-queries';
import { Secret, type SecretMetadata } from './secret.entity';
import type { CreateSecretInput, UpdateSecretInput } from './secret.inputs';
import {
  checkAllowedHosts,
  checkDescription,
  checkExpiry,
  checkSecretName,
  checkSecretValue,
  secretAssociatedData,
} from './secret-rules';

export interface SecretLifecycleDeps {
  dataSource: DataSource;
  keyring: Keyring;
  audit: AuditService;
  clock: () => Date;
  queries: Pick<SecretQueries, 'getOrFail' | 'dependents' | 'written'>;
  /** Told of a rename inside its transaction (composition root). */
  dependents: readonly SecretDependents[];
}

const nameTaken = (kind: SecretKind, name: string) =>
  new AppError(
    'SECRET_NAME_TAKEN',
    `${kind === SecretKind.WEBHOOK ? 'A webhook' : 'An integration'} secret named "${name}" already exists.`,
    { field: 'name' },
  );

const revoked = (secret: Pick<Secret, 'name'>) =>
  new AppError(
    'SECRET_REVOKED',
    `The secret "${secret.name}" is revoked and can no longer be changed or used.`,
  );

/** Tells every replica, on commit, that a secret changed (secretEvents, expiry re-check). */
const announce = (
  tx: EntityManager,
  type: SecretEventType,
  secret: Pick<Secret, 'id' | 'kind'>,
  at: Date,
) => {
  const message: SecretEventMessage = {
    type,
    secretId: secret.id,
    kind: secret.kind,
    at: at.toISOString(),
  };
  return notify(tx, Channel.SECRET_EVENTS, JSON.stringify(message));
};

/** Changes secrets: create, update, revoke, delete; each audited and announced on commit. */
export class SecretLifecycle {
  constructor(private readonly deps: SecretLifecycleDeps) {}

  async create(input: CreateSecretInput, actor: Principal): Promise<SecretMetadata> {
    const now = this.deps.clock();
    const { kind } = input;
    const name = checkSecretName(kind, input.name);
    checkSecretValue(kind, input.value);
    const description = checkDescription(input.description);
    const expiresAt = checkExpiry(input.expiresAt, now);
    const allowedHosts = checkAllowedHosts(input.allowedHosts);

    const id = randomUUID();
    const sealed = seal(this.deps.keyring, input.value, secretAssociatedData(id, kind));
    let created: SecretMetadata | undefined;
    await this.withUniqueName(kind, name, (manager) =>
      manager.transaction(async (tx) => {
        [created] = await this.deps.queries.written(
          tx,
          `INSERT INTO secrets (id, kind, name, description, encrypted_value, encrypted_data_key,
             master_key_id, expires_at, allowed_hosts, value_version, value_updated_at,
             created_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11) RETURNING *`,
          [
            id,
            kind,
            name,
            description,
            sealed.encryptedValue,
            sealed.encryptedDataKey,
            sealed.masterKeyId,
            expiresAt,
            allowedHosts,
            now,
            actor.userId,
          ],
        );
        await this.deps.audit.record(tx, actor, {
          action: 'SECRET_CREATED',
          targetType: 'SECRET',
          targetId: id,
          targetName: name,
          details: `kind ${kind}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ''}`,
        });
        await announce(tx, SecretEventType.CREATED, { id, kind }, now);
      }),
    );
    if (!created) throw new Error('The insert returned no secret.');
    return created;
  }

  /** S4: absent fields stay, null clears description or expiry, a new value bumps the version. */
  async update(id: string, input: UpdateSecretInput, actor: Principal): Promise<SecretMetadata> {
    const now = this.deps.clock();
    const secret = await this.deps.queries.getOrFail(id);
    if (secret.revokedAt) throw revoked(secret);

    const changes: Partial<Secret> = {};
    if (input.name !== undefined) {
      if (input.name === null) throw badInput('A secret name cannot be cleared.', 'name');
      changes.name = checkSecretName(secret.kind, input.name);
    }
    if (input.description !== undefined) changes.description = checkDescription(input.description);
    if (input.expiresAt !== undefined) changes.expiresAt = checkExpiry(input.expiresAt, now);
    if (input.allowedHosts !== undefined)
      changes.allowedHosts = checkAllowedHosts(input.allowedHosts);
    let sealed: SealedValue | undefined;
    if (input.value !== undefined) {
      if (input.value === null)
        throw badInput('A secret value cannot be cleared; revoke the secret instead.', 'value');
      checkSecretValue(secret.kind, input.value);
      sealed = seal(this.deps.keyring, input.value, secretAssociatedData(secret.id, secret.kind));
    }
    const changedFields = Object.keys(changes);
    if (changedFields.length === 0 && !sealed) return secret;

    await this.withUniqueName(secret.kind, changes.name ?? secret.name, (manager) =>
      manager.transaction(async (tx) => {
        const current = await tx.findOne(Secret, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw notFound('The secret');
        if (current.revokedAt) throw revoked(current);
        const valueChange = sealed
          ? { ...sealed, valueVersion: current.valueVersion + 1, valueUpdatedAt: now }
          : {};
        await tx.update(Secret, { id }, { ...changes, ...valueChange, updatedAt: now });
        if (changes.name !== undefined && changes.name !== current.name) {
          for (const feature of this.deps.dependents)
            await feature.secretRenamed?.(tx, current, current.name, changes.name);
        }
        const target = {
          targetType: 'SECRET',
          targetId: id,
          targetName: changes.name ?? current.name,
        };
        if (changedFields.length > 0) {
          const renamed =
            changes.name !== undefined && changes.name !== current.name
              ? ` (was "${current.name}")`
              : '';
          await this.deps.audit.record(tx, actor, {
            action: 'SECRET_UPDATED',
            ...target,
            details: `changed ${changedFields.join(', ')}${renamed}`,
          });
        }
        if (sealed) {
          await this.deps.audit.record(tx, actor, {
            action: 'SECRET_VALUE_REPLACED',
            ...target,
            details: `value version ${current.valueVersion + 1}`,
          });
        }
        await announce(tx, SecretEventType.UPDATED, current, now);
      }),
    );
    return this.deps.queries.getOrFail(id);
  }

  /** S5: immediate and permanent. Revoking a revoked secret changes nothing. */
  async revoke(id: string, actor: Principal): Promise<SecretMetadata> {
    if (!isUuid(id)) throw notFound('The secret');
    const now = this.deps.clock();
    await this.deps.dataSource.transaction(async (tx) => {
      const secret = await tx.findOne(Secret, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!secret) throw notFound('The secret');
      if (secret.revokedAt) return;
      await tx.update(Secret, { id }, { revokedAt: now, updatedAt: now });
      await this.deps.audit.record(tx, actor, {
        action: 'SECRET_REVOKED',
        targetType: 'SECRET',
        targetId: id,
        targetName: secret.name,
      });
      await announce(tx, SecretEventType.REVOKED, secret, now);
    });
    return this.deps.queries.getOrFail(id);
  }

  /** S6: the row, its ciphertext and wrapped key go; the audit log keeps the name. */
  async delete(id: string, force: boolean, actor: Principal): Promise<string> {
    if (!isUuid(id)) throw notFound('The secret');
    await this.deps.dataSource.transaction(async (tx) => {
      const secret = await tx.findOne(Secret, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!secret) throw notFound('The secret');
      const dependents = (await this.deps.queries.dependents(secret, tx)).map(
        ({ type, dependent }) => ({ type, id: dependent.id, name: dependent.name }),
      );
      if (dependents.length > 0 && !force) {
        throw new AppError(
          'SECRET_IN_USE',
          `The secret "${secret.name}" is used by ${dependents.map((item) => `"${item.name}"`).join(', ')}. Update them to use another secret first, or delete with force.`,
          {
            dependents,
          },
        );
      }
      await tx.delete(Secret, { id });
      await this.deps.audit.record(tx, actor, {
        action: 'SECRET_DELETED',
        targetType: 'SECRET',
        targetId: id,
        targetName: secret.name,
        details:
          dependents.length > 0
            ? `forced; was used by ${dependents.map((item) => item.name).join(', ')}`
            : null,
      });
      await announce(tx, SecretEventType.DELETED, secret, this.deps.clock());
    });
    return id;
  }

  /** Runs `work`, turning a clash on the (kind, lower(name)) index into SECRET_NAME_TAKEN. */
  private async withUniqueName(
    kind: SecretKind,
    name: string,
    work: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    try {
      await work(this.deps.dataSource.manager);
    } catch (error) {
      if (uniqueViolation(error) === 'secrets_kind_name') throw nameTaken(kind, name);
      throw error;
    }
  }
}
