import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { AppError, badInput, notFound } from '../common/errors';
import { isUuid, uniqueViolation } from '../common/postgres-errors';
import { reseal, seal } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import { Channel, notify, notifyStatement } from '../db/event-bus';
import { SecretKind } from './secret-kind';
import type { SecretDependents } from './secret-dependents';
import { SecretEventType, type SecretEventMessage } from './secret-event';
import type { SecretQueries } from './secret-queries';
import { Secret } from './secret.entity';
import type { CreateSecretInput, UpdateSecretInput } from './secret.inputs';
import {
  checkAllowedHosts,
  checkDescription,
  checkExpiry,
  checkSecretName,
  checkSecretValue,
  secretAssociatedData,
  versionAssociatedData,
} from './secret-rules';
import type { SecretVersions } from './secret-versions';

export interface SecretLifecycleDeps {
  dataSource: DataSource;
  keyring: Keyring;
  audit: AuditService;
  clock: () => Date;
  queries: Pick<SecretQueries, 'getOrFail' | 'dependents' | 'inserted'>;
  versions: Pick<SecretVersions, 'store' | 'storeStatements' | 'sealed'>;
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

/** V3: the change asked for was made against another version than the current one. */
const versionConflict = (secret: Secret, expected: number) =>
  new AppError(
    'VERSION_CONFLICT',
    `The secret "${secret.name}" was changed since version ${expected} was read: its current value version is ${secret.valueVersion}. Read it again, then retry.`,
    { currentVersion: secret.valueVersion },
  );

/** A version number given as input: a whole number, at least 1. */
function checkVersionNumber(version: number | null | undefined, field: string): void {
  if (version != null && (!Number.isInteger(version) || version < 1))
    throw badInput('A version number is a whole number, 1 or more.', field);
}

/** V3: refuses the change unless the secret is at the version the caller expects, if any. */
function checkExpectedVersion(secret: Secret, expected: number | null | undefined): void {
  if (expected != null && expected !== secret.valueVersion) throw versionConflict(secret, expected);
}

/** What tells every replica that a secret changed (secretEvents, expiry re-check). */
const secretEvent = (
  type: SecretEventType,
  secret: Pick<Secret, 'id' | 'kind'>,
  at: Date,
): string => {
  const message: SecretEventMessage = {
    type,
    secretId: secret.id,
    kind: secret.kind,
    at: at.toISOString(),
  };
  return JSON.stringify(message);
};

/** Sends the secret's event on commit of `tx`. */
const announce = (
  tx: EntityManager,
  type: SecretEventType,
  secret: Pick<Secret, 'id' | 'kind'>,
  at: Date,
) => notify(tx, Channel.SECRET_EVENTS, secretEvent(type, secret, at));

/** Changes secrets: create, update, revoke, delete; each audited and announced on commit. */
export class SecretLifecycle {
  constructor(private readonly deps: SecretLifecycleDeps) {}

  async create(input: CreateSecretInput, actor: Principal): Promise<Secret> {
    const now = this.deps.clock();
    const { kind } = input;
    const name = checkSecretName(kind, input.name);
    checkSecretValue(kind, input.value);
    const description = checkDescription(input.description);
    const expiresAt = checkExpiry(input.expiresAt, now);
    const allowedHosts = checkAllowedHosts(input.allowedHosts);

    const id = randomUUID();
    const sealed = seal(this.deps.keyring, input.value, secretAssociatedData(id, kind, 1));
    // The secret, its first version, its audit row and its event: one statement.
    const [created] = await this.withUniqueName(kind, name, () =>
      this.deps.queries.inserted(
        {
          text: `INSERT INTO secrets (id, kind, name, description, expires_at, allowed_hosts,
             value_version, value_updated_at, created_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8) RETURNING *`,
          values: [id, kind, name, description, expiresAt, allowedHosts, now, actor.userId],
        },
        [
          ...this.deps.versions.storeStatements({
            secretId: id,
            version: 1,
            sealed,
            createdAt: now,
            createdById: actor.userId,
          }),
          this.deps.audit.statement(actor, {
            action: 'SECRET_CREATED',
            targetType: 'SECRET',
            targetId: id,
            targetName: name,
            details: `kind ${kind}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ''}`,
          }),
        ],
        notifyStatement(
          Channel.SECRET_EVENTS,
          secretEvent(SecretEventType.CREATED, { id, kind }, now),
        ),
      ),
    );
    if (!created) throw new Error('The insert returned no secret.');
    return created;
  }

  /**
   * S4: absent fields stay, null clears description or expiry, a new value is stored as the
   * next version (V1). V3: with `expectedValueVersion`, only if that is the current version.
   */
  async update(id: string, input: UpdateSecretInput, actor: Principal): Promise<Secret> {
    const now = this.deps.clock();
    checkVersionNumber(input.expectedValueVersion, 'expectedValueVersion');
    const secret = await this.deps.queries.getOrFail(id);
    if (secret.revokedAt) throw revoked(secret);
    checkExpectedVersion(secret, input.expectedValueVersion);

    const changes: Partial<Secret> = {};
    if (input.name !== undefined) {
      if (input.name === null) throw badInput('A secret name cannot be cleared.', 'name');
      changes.name = checkSecretName(secret.kind, input.name);
    }
    if (input.description !== undefined) changes.description = checkDescription(input.description);
    if (input.expiresAt !== undefined) changes.expiresAt = checkExpiry(input.expiresAt, now);
    if (input.allowedHosts !== undefined)
      changes.allowedHosts = checkAllowedHosts(input.allowedHosts);
    const { value } = input;
    if (value !== undefined) {
      if (value === null)
        throw badInput('A secret value cannot be cleared; revoke the secret instead.', 'value');
      checkSecretValue(secret.kind, value);
    }
    const changedFields = Object.keys(changes);
    if (changedFields.length === 0 && value === undefined) return secret;

    await this.withUniqueName(secret.kind, changes.name ?? secret.name, (manager) =>
      manager.transaction(async (tx) => {
        // Held until commit: concurrent changes of one secret take turns, and each sees the
        // version the one before it made (V3: of N updates expecting one version, one wins).
        const current = await tx.findOne(Secret, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!current) throw notFound('The secret');
        if (current.revokedAt) throw revoked(current);
        checkExpectedVersion(current, input.expectedValueVersion);
        let valueChange = {};
        if (value != null) {
          const version = current.valueVersion + 1;
          // Sealed here, under the lock, since the version number it binds is known only
          // now; one AES-GCM seal of at most 64 KiB takes microseconds.
          await this.deps.versions.store(tx, {
            secretId: id,
            version,
            sealed: seal(this.deps.keyring, value, secretAssociatedData(id, current.kind, version)),
            createdAt: now,
            createdById: actor.userId,
          });
          valueChange = { valueVersion: version, valueUpdatedAt: now };
        }
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
        if (value != null) {
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

  /**
   * V1, V3 and V5: stores the value of the kept version `version` as the next version, with
   * `restoredFrom` set; everything else (name, expiry and its reminders, allowed hosts)
   * stays. The earlier value is sealed again under a fresh data key bound to the new
   * version number, never handed out of the envelope code.
   */
  async rollback(
    id: string,
    version: number,
    expectedValueVersion: number | null | undefined,
    actor: Principal,
  ): Promise<Secret> {
    checkVersionNumber(version, 'version');
    checkVersionNumber(expectedValueVersion, 'expectedValueVersion');
    if (!isUuid(id)) throw notFound('The secret');
    const now = this.deps.clock();
    await this.deps.dataSource.transaction(async (tx) => {
      const current = await tx.findOne(Secret, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw notFound('The secret');
      if (current.revokedAt) throw revoked(current);
      checkExpectedVersion(current, expectedValueVersion);
      if (version === current.valueVersion)
        throw badInput(
          `Version ${version} is already the current value of "${current.name}".`,
          'version',
        );
      const [earlier] = await this.deps.versions.sealed(tx, [{ secretId: id, version }]);
      if (!earlier)
        throw new AppError(
          'NOT_FOUND',
          `Version ${version} of the secret "${current.name}" was not found: only the newest versions are kept.`,
          { field: 'version' },
        );
      const next = current.valueVersion + 1;
      await this.deps.versions.store(tx, {
        secretId: id,
        version: next,
        sealed: reseal(
          this.deps.keyring,
          earlier,
          versionAssociatedData(current, earlier),
          secretAssociatedData(id, current.kind, next),
        ),
        createdAt: now,
        createdById: actor.userId,
        restoredFrom: version,
      });
      await tx.update(Secret, { id }, { valueVersion: next, valueUpdatedAt: now, updatedAt: now });
      await this.deps.audit.record(tx, actor, {
        action: 'SECRET_ROLLED_BACK',
        targetType: 'SECRET',
        targetId: id,
        targetName: current.name,
        details: `from version ${current.valueVersion} to the value of version ${version}, stored as version ${next}`,
      });
      await announce(tx, SecretEventType.UPDATED, current, now);
    });
    return this.deps.queries.getOrFail(id);
  }

  /** S5: immediate and permanent. Revoking a revoked secret changes nothing. */
  async revoke(id: string, actor: Principal): Promise<Secret> {
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

  /**
   * S6 and V6: the row and every version, ciphertexts and wrapped keys, go (the versions by
   * their foreign key's ON DELETE CASCADE); the audit log keeps the name.
   */
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
  private async withUniqueName<T>(
    kind: SecretKind,
    name: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await work(this.deps.dataSource.manager);
    } catch (error) {
      if (uniqueViolation(error) === 'secrets_kind_name') throw nameTaken(kind, name);
      throw error;
    }
  }
}
