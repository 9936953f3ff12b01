import { randomUUID } from 'node:crypto';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { isLastUseStale } from '../common/last-use';
import { checkPageSize, decodeCursor, toPage } from '../common/pagination';
import { isUuid, uniqueViolation } from '../common/postgres-errors';
import { open, seal, type SealedValue } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import { AppError, badInput, notFound } from '../common/errors';
import { Connection } from '../connections/connection.entity';
import { HttpRequestStep, Workflow } from '../workflows/workflow.entity';
import { renameSecretReferences } from '../workflows/template';
import { SecretKind, type SecretStatus } from './secret-kind';
import {
  secretUseMessage,
  type SecretConsumer,
  type SecretUse,
  type SecretUseCode,
} from './secret-use';
import { SecretEventType, type SecretEventMessage } from './secret-event';
import { Channel, notify } from '../db/event-bus';
import { Secret } from './secret.entity';
import type { CreateSecretInput, SecretFilter, UpdateSecretInput } from './secret.inputs';
import {
  checkAllowedHosts,
  checkDescription,
  checkExpiry,
  checkSecretName,
  checkSecretValue,
  hostAllowed,
  secretAssociatedData,
} from './secret-rules';
import { secretStatus, secretStatusCondition, unusableCode, warningHorizon } from './secret-status';

export interface SecretServiceDeps {
  dataSource: DataSource;
  keyring: Keyring;
  audit: AuditService;
  clock: () => Date;
  warningDays: readonly number[];
}

const nameTaken = (kind: SecretKind, name: string) =>
  new AppError(
    'SECRET_NAME_TAKEN',
    `${kind === SecretKind.WEBHOOK ? 'A webhook' : 'An integration'} secret named "${name}" already exists.`,
    { field: 'name' },
  );

const revoked = (secret: Secret) =>
  new AppError(
    'SECRET_REVOKED',
    `The secret "${secret.name}" is revoked and can no longer be changed or used.`,
  );

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The host of a URL, or an empty string when it is not one (which no pattern allows). */
const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
};

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

/** How exactly `lastUsedAt` follows the uses of a secret. */
const LAST_USED_PRECISION_MS = 1000;

export class SecretService {
  constructor(private readonly deps: SecretServiceDeps) {}

  status(secret: Secret): SecretStatus {
    const now = this.deps.clock();
    return secretStatus(secret, now, warningHorizon(now, this.deps.warningDays));
  }

  /** S6: the connections using the secret and the workflows whose steps reference it. */
  async dependents(
    secret: Pick<Secret, 'id' | 'kind' | 'name'>,
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<(Connection | Workflow)[]> {
    const [dependents = []] = await this.dependentsOf([secret], manager);
    return dependents;
  }

  /**
   * The dependents of each secret, in the order given, in three queries however many
   * secrets there are (the `dependents` field's DataLoader). Connections come first, then
   * workflows, each by name. Only their own rows are read (B2: hydrating every connection's
   * secret and every workflow's steps cost more than the rest of the request); the
   * `Connection.secret` and `Workflow.steps` fields load those by DataLoader when asked for.
   */
  async dependentsOf(
    secrets: readonly Pick<Secret, 'id' | 'kind' | 'name'>[],
    manager: EntityManager = this.deps.dataSource.manager,
  ): Promise<(Connection | Workflow)[][]> {
    if (secrets.length === 0) return [];
    const connections = await manager.find(Connection, {
      where: { secretId: In(secrets.map((secret) => secret.id)) },
      order: { name: 'ASC', id: 'ASC' },
    });
    const webhookNames = secrets
      .filter((secret) => secret.kind === SecretKind.WEBHOOK)
      .map((secret) => secret.name);
    const workflows = await this.workflowsReferencing(webhookNames, manager);
    return secrets.map((secret) => [
      ...connections.filter((connection) => connection.secretId === secret.id),
      ...(secret.kind === SecretKind.WEBHOOK ? (workflows.get(secret.name) ?? []) : []),
    ]);
  }

  /** The workflows with a step that references each name, keyed by that name. */
  private async workflowsReferencing(
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

  /** Each id's secret or null, in the order given, in one query (DataLoader). */
  async getMany(ids: readonly string[]): Promise<(Secret | null)[]> {
    const valid = ids.filter(isUuid);
    const secrets =
      valid.length === 0
        ? []
        : await this.deps.dataSource
            .getRepository(Secret)
            .find({ where: { id: In(valid) }, relations: { createdBy: true } });
    const byId = new Map(secrets.map((secret) => [secret.id, secret]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Webhook secrets by name, case-insensitively, keyed by the lower-cased name. */
  async findWebhookSecrets(names: readonly string[]): Promise<Map<string, Secret>> {
    if (names.length === 0) return new Map();
    const secrets = await this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .where('secret.kind = :kind', { kind: SecretKind.WEBHOOK })
      .andWhere('lower(secret.name) IN (:...names)', {
        names: names.map((name) => name.toLowerCase()),
      })
      .getMany();
    return new Map(secrets.map((secret) => [secret.name.toLowerCase(), secret]));
  }

  /**
   * Null when the secret can be used now, for a request to `destination` if given; else the
   * code and a message naming the secret (W3, C1, allowed hosts).
   */
  unusable(
    secret: Secret,
    destination?: string,
  ): {
    code: 'SECRET_REVOKED' | 'SECRET_EXPIRED' | 'SECRET_HOST_NOT_ALLOWED';
    message: string;
  } | null {
    const code = unusableCode(secret, this.deps.clock());
    if (code)
      return { code, message: secretUseMessage(code, secret.kind, secret.name, secret.expiresAt) };
    const host = destination ? hostOf(destination) : null;
    if (host !== null && !hostAllowed(host, secret.allowedHosts)) {
      return {
        code: 'SECRET_HOST_NOT_ALLOWED',
        message: `The secret "${secret.name}" may only be sent to ${secret.allowedHosts.join(', ')}, not to ${host}. Change the URL or the secret's allowed hosts.`,
      };
    }
    return null;
  }

  /**
   * S8: judges each secret again as committed now, records each use (lastUsedAt, SECRET_USED
   * naming the consumer) and only then opens the values, so that a use that cannot be
   * recorded sends nothing. The values are those of the rows read here, in the order given.
   */
  async use(
    secrets: readonly Secret[],
    consumer: SecretConsumer,
    actor: Principal,
  ): Promise<SecretUse> {
    if (secrets.length === 0) return { values: [] };
    const now = this.deps.clock();
    const used = await this.deps.dataSource.transaction(async (tx) => {
      // Locked until the use is recorded: a revoke (or expiry change) committed before this
      // read stops the use, and one still in progress holds its row FOR UPDATE, so this read
      // waits for it and sees it. KEY SHARE, not SHARE, lets concurrent uses write lastUsedAt.
      const rows = await tx.find(Secret, {
        where: { id: In(secrets.map((secret) => secret.id)) },
        lock: { mode: 'for_key_share' },
      });
      const current: Secret[] = [];
      for (const secret of secrets) {
        const row = rows.find((candidate) => candidate.id === secret.id);
        const code: SecretUseCode | null = row ? unusableCode(row, now) : 'SECRET_NOT_FOUND';
        if (code) {
          const { kind, name, expiresAt } = row ?? secret;
          return { refused: { code, message: secretUseMessage(code, kind, name, expiresAt) } };
        }
        if (row) current.push(row);
      }
      for (const secret of current) {
        await this.deps.audit.record(tx, actor, {
          action: 'SECRET_USED',
          targetType: 'SECRET',
          targetId: secret.id,
          targetName: secret.name,
          details: `by ${consumer.type} ${consumer.name} (${consumer.id})`,
        });
      }
      // Every run of a busy workflow uses the same rows: writing lastUsedAt on each use made
      // concurrent runs queue on their row locks. It is kept to the second (the audit log has
      // each use exactly), written last so the lock lasts only until commit, and without
      // touching updatedAt, which tells when the secret itself changed.
      const stale = current.filter((secret) =>
        isLastUseStale(secret.lastUsedAt, now, LAST_USED_PRECISION_MS),
      );
      if (stale.length > 0)
        await tx.query(
          `UPDATE secrets SET last_used_at = $1
           WHERE id = ANY($2::uuid[])
             AND (last_used_at IS NULL OR last_used_at <= $1::timestamptz - make_interval(secs => $3))`,
          [now, stale.map((secret) => secret.id), LAST_USED_PRECISION_MS / 1000],
        );
      return { current };
    });
    if (used.refused) return { refused: used.refused };
    return { values: used.current.map((secret) => this.reveal(secret)) };
  }

  /** The plaintext, for the caller about to use it; it must go no further than that use. */
  reveal(secret: Secret): string {
    return open(this.deps.keyring, secret, secretAssociatedData(secret.id, secret.kind));
  }

  async get(id: string): Promise<Secret | null> {
    if (!isUuid(id)) return null;
    // Not findOne: with a relation it sends two queries (ids with LIMIT, then the rows).
    return this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .leftJoinAndSelect('secret.createdBy', 'createdBy')
      .where('secret.id = :id', { id })
      .getOne();
  }

  async getOrFail(id: string): Promise<Secret> {
    const secret = await this.get(id);
    if (!secret) throw notFound('The secret');
    return secret;
  }

  /** S7: pages in (lower(name), id) order; the cursor is that pair of the last row. */
  async list(filter: SecretFilter | null | undefined, first: number, after?: string | null) {
    checkPageSize(first);
    const now = this.deps.clock();
    const query = this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .leftJoinAndSelect('secret.createdBy', 'createdBy')
      .setParameters({ now, horizon: warningHorizon(now, this.deps.warningDays) });
    if (filter?.kind) query.andWhere('secret.kind = :kind', { kind: filter.kind });
    if (filter?.status?.length) {
      const statuses = [...new Set(filter.status)];
      query.andWhere(
        new Brackets((where) => {
          for (const status of statuses) where.orWhere(secretStatusCondition(status, 'secret'));
        }),
      );
    }
    const search = filter?.search?.trim();
    if (search) {
      query.andWhere(
        "(secret.name ILIKE :search ESCAPE '\\' OR secret.description ILIKE :search ESCAPE '\\')",
        {
          search: likePattern(search),
        },
      );
    }
    const totalCount = await query.getCount();
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      query.andWhere('(lower(secret.name), secret.id) > (:afterName, :afterId)', {
        afterName: name,
        afterId: id,
      });
    }
    const rows = await query
      .orderBy('lower(secret.name)', 'ASC')
      .addOrderBy('secret.id', 'ASC')
      .limit(first + 1)
      .getMany();
    return { ...toPage(rows, first, (row) => [row.name.toLowerCase(), row.id]), totalCount };
  }

  async create(input: CreateSecretInput, actor: Principal): Promise<Secret> {
    const now = this.deps.clock();
    const { kind } = input;
    const name = checkSecretName(kind, input.name);
    checkSecretValue(kind, input.value);
    const description = checkDescription(input.description);
    const expiresAt = checkExpiry(input.expiresAt, now);
    const allowedHosts = checkAllowedHosts(input.allowedHosts);

    const id = randomUUID();
    const sealed = seal(this.deps.keyring, input.value, secretAssociatedData(id, kind));
    await this.withUniqueName(kind, name, (manager) =>
      manager.transaction(async (tx) => {
        await tx.insert(Secret, {
          id,
          kind,
          name,
          description,
          ...sealed,
          expiresAt,
          allowedHosts,
          valueVersion: 1,
          valueUpdatedAt: now,
          createdById: actor.userId,
        });
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
    return this.getOrFail(id);
  }

  /** S4: absent fields stay, null clears description or expiry, a new value bumps the version. */
  async update(id: string, input: UpdateSecretInput, actor: Principal): Promise<Secret> {
    const now = this.deps.clock();
    const secret = await this.getOrFail(id);
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
        if (
          current.kind === SecretKind.WEBHOOK &&
          changes.name !== undefined &&
          changes.name !== current.name
        ) {
          await this.renameReferences(tx, current.name, changes.name);
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
    return this.getOrFail(id);
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
    return this.getOrFail(id);
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
      const dependents = await this.dependents(secret, tx);
      if (dependents.length > 0 && !force) {
        throw new AppError(
          'SECRET_IN_USE',
          `The secret "${secret.name}" is used by ${dependents.map((item) => `"${item.name}"`).join(', ')}. Update them to use another secret first, or delete with force.`,
          {
            dependents: dependents.map((item) => ({
              type: item instanceof Connection ? 'CONNECTION' : 'WORKFLOW',
              id: item.id,
              name: item.name,
            })),
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

  /** S4: every step that references `from` now references `to`, in the caller's transaction. */
  private async renameReferences(tx: EntityManager, from: string, to: string): Promise<void> {
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
