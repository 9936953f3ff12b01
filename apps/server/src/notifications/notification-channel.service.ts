import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { AuditService } from '../audit/audit.service';
import { SYSTEM, type Principal } from '../auth/principal';
import { AppError, badInput, notFound } from '../common/errors';
import { checkText, checkUrl } from '../common/http-rules';
import { checkPageSize } from '../common/pagination';
import { isUuid } from '../common/postgres-errors';
import { sqlOf, type Sql } from '../db/sql';
import { SecretKind } from '../secrets/secret-kind';
import type { SecretQueries } from '../secrets/secret-queries';
import type { ChannelSender } from './channel-sender';
import type { NotificationService } from './notification.service';
import {
  DeliveryStatus,
  NotificationChannel,
  NotificationChannelType,
  NotificationDelivery,
} from './notification-channel.entity';
import type {
  CreateNotificationChannelInput,
  UpdateNotificationChannelInput,
} from './notification-channel.inputs';

/** N3: the most addresses one EMAIL channel sends to. */
export const MAX_RECIPIENTS = 20;
const emailAddress = z.email();

export interface NotificationChannelServiceDeps {
  dataSource: DataSource;
  audit: AuditService;
  secrets: Pick<SecretQueries, 'get'>;
  notifications: Pick<NotificationService, 'get'>;
  sender: ChannelSender;
  /** N3: EMAIL channels need SMTP_URL. */
  smtpConfigured: boolean;
  /** N2: the wait before each retry. */
  retryDelaysMs: readonly number[];
  /** How long a claim on a delivery lasts: longer than any one attempt can take. */
  leaseMs: number;
  clock: () => Date;
}

/** A delivery this server holds the lease of, as claimed. */
export interface ClaimedDelivery {
  id: string;
  channelId: string;
  notificationId: string | null;
  /** Counting this one. */
  attempts: number;
  leaseToken: string;
}

/** How an attempt ended, to be written under its lease. */
export interface AttemptResult {
  delivery: ClaimedDelivery;
  status: DeliveryStatus;
  lastError: string | null;
  /** When PENDING: how long until the next attempt. */
  retryInMs: number;
}

const DELIVERY_COLUMNS = `id, channel_id AS "channelId", notification_id AS "notificationId",
  status, attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt",
  lease_until AS "leaseUntil", lease_token AS "leaseToken", created_at AS "createdAt",
  delivered_at AS "deliveredAt"`;

const toDelivery = (row: Record<string, unknown>): NotificationDelivery =>
  Object.assign(new NotificationDelivery(), row);

/**
 * N1-N6: channels (ADMIN changes, audited), their outbox rows and the attempts that work
 * through them. The background loop is DeliveryWorker; the rules of an attempt are here.
 */
export class NotificationChannelService {
  /** Rows back from UPDATE … RETURNING too (TypeORM's query gives [rows, count] for those). */
  private readonly sql: Sql;

  constructor(private readonly deps: NotificationChannelServiceDeps) {
    this.sql = sqlOf(deps.dataSource);
  }

  list(): Promise<NotificationChannel[]> {
    return this.deps.dataSource
      .getRepository(NotificationChannel)
      .find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<NotificationChannel | null> {
    if (!isUuid(id)) return null;
    return this.deps.dataSource.getRepository(NotificationChannel).findOneBy({ id });
  }

  async getOrFail(id: string): Promise<NotificationChannel> {
    const channel = await this.get(id);
    if (!channel) throw notFound('The notification channel');
    return channel;
  }

  /** Each channel's newest `first` deliveries, in the order given, in one query (DataLoader). */
  async deliveriesOf(
    channelIds: readonly string[],
    first: number,
  ): Promise<NotificationDelivery[][]> {
    checkPageSize(first);
    const rows: Record<string, unknown>[] = await this.deps.dataSource.query(
      `SELECT d.* FROM unnest($1::uuid[]) AS c (id)
       CROSS JOIN LATERAL (
         SELECT ${DELIVERY_COLUMNS} FROM notification_deliveries
         WHERE channel_id = c.id ORDER BY created_at DESC, id DESC LIMIT $2
       ) d`,
      [channelIds, first],
    );
    const deliveries = rows.map(toDelivery);
    return channelIds.map((id) => deliveries.filter((delivery) => delivery.channelId === id));
  }

  async create(
    input: CreateNotificationChannelInput,
    actor: Principal,
  ): Promise<NotificationChannel> {
    const fields = await this.checkFields(input.type, {
      name: input.name,
      emailTo: input.emailTo ?? [],
      url: input.url ?? null,
      secretId: input.secretId ?? null,
    });
    const id = await this.deps.dataSource.transaction(async (tx) => {
      const channel = tx.create(NotificationChannel, {
        ...fields,
        type: input.type,
        kind: input.kind ?? null,
        enabled: true,
      });
      await tx.insert(NotificationChannel, channel);
      await this.deps.audit.record(tx, actor, {
        action: 'NOTIFICATION_CHANNEL_CREATED',
        targetType: 'NOTIFICATION_CHANNEL',
        targetId: channel.id,
        targetName: channel.name,
        details: describe(input.type, fields),
      });
      return channel.id;
    });
    return this.getOrFail(id);
  }

  async update(
    id: string,
    input: UpdateNotificationChannelInput,
    actor: Principal,
  ): Promise<NotificationChannel> {
    const current = await this.getOrFail(id);
    const fields = await this.checkFields(current.type, {
      name: input.name ?? current.name,
      emailTo: input.emailTo ?? current.emailTo,
      url: input.url !== undefined ? input.url : current.url,
      secretId: input.secretId !== undefined ? input.secretId : current.secretId,
    });
    const changed = Object.keys(input).filter(
      (key) => input[key as keyof UpdateNotificationChannelInput] !== undefined,
    );
    await this.deps.dataSource.transaction(async (tx) => {
      await tx.update(
        NotificationChannel,
        { id },
        {
          ...fields,
          kind: input.kind !== undefined ? input.kind : current.kind,
          enabled: input.enabled ?? current.enabled,
          updatedAt: new Date(),
        },
      );
      await this.deps.audit.record(tx, actor, {
        action: 'NOTIFICATION_CHANNEL_UPDATED',
        targetType: 'NOTIFICATION_CHANNEL',
        targetId: id,
        targetName: fields.name,
        details: `changed ${changed.join(', ') || 'nothing'}`,
      });
    });
    return this.getOrFail(id);
  }

  /** Refused while deliveries are PENDING unless forced: they would never be sent. */
  async delete(id: string, force: boolean, actor: Principal): Promise<string> {
    if (!isUuid(id)) throw notFound('The notification channel');
    await this.deps.dataSource.transaction(async (tx) => {
      const channel = await tx.findOne(NotificationChannel, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!channel) throw notFound('The notification channel');
      const [pending] = await tx.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM notification_deliveries
         WHERE channel_id = $1 AND status = 'PENDING'`,
        [id],
      );
      if ((pending?.count ?? 0) > 0 && !force) {
        throw badInput(
          `The channel "${channel.name}" has ${pending?.count} deliveries still pending. Wait for them, or delete with force to drop them.`,
          'force',
        );
      }
      await tx.delete(NotificationChannel, { id });
      await this.deps.audit.record(tx, actor, {
        action: 'NOTIFICATION_CHANNEL_DELETED',
        targetType: 'NOTIFICATION_CHANNEL',
        targetId: id,
        targetName: channel.name,
        details: pending?.count ? `forced; dropped ${pending.count} pending deliveries` : undefined,
      });
    });
    return id;
  }

  /**
   * N6: a delivery without a notification, attempted now under this request's lease and
   * returned after that one attempt. A test is not retried: its result is what the admin
   * is waiting for.
   */
  async test(id: string, actor: Principal): Promise<NotificationDelivery> {
    const channel = await this.getOrFail(id);
    const [row] = await this.sql<ClaimedDelivery>(
      `INSERT INTO notification_deliveries (channel_id, attempts, lease_until, lease_token)
       VALUES ($1, 1, now() + make_interval(secs => $2::double precision / 1000), gen_random_uuid())
       RETURNING id, channel_id AS "channelId", notification_id AS "notificationId", attempts,
                 lease_token AS "leaseToken"`,
      [channel.id, this.deps.leaseMs],
    );
    if (!row) throw new Error('The test delivery was not stored.');
    const delivery = row;
    const result = await this.attempt(delivery, actor, { retry: false });
    await this.finish(result);
    await this.deps.audit.record(this.deps.dataSource.manager, actor, {
      action: 'NOTIFICATION_CHANNEL_TESTED',
      targetType: 'NOTIFICATION_CHANNEL',
      targetId: channel.id,
      targetName: channel.name,
      details: result.status === DeliveryStatus.DELIVERED ? 'delivered' : 'failed',
    });
    return this.deliveryOrFail(delivery.id);
  }

  private async deliveryOrFail(id: string): Promise<NotificationDelivery> {
    const [row] = await this.deps.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${DELIVERY_COLUMNS} FROM notification_deliveries WHERE id = $1`,
      [id],
    );
    if (!row) throw notFound('The delivery');
    return toDelivery(row);
  }

  /**
   * N2: takes the lease of up to `limit` due deliveries, at most one per channel, of
   * channels with none in flight anywhere: a slow destination holds up only its own channel.
   * SKIP LOCKED lets replicas claim side by side without waiting for each other; a lease
   * that ran out (its server died) makes the delivery due again, and the attempt it was
   * for counts.
   */
  async claimDue(limit: number): Promise<ClaimedDelivery[]> {
    return this.sql<ClaimedDelivery>(
      `WITH due AS (
         SELECT d.id, d.channel_id, d.next_attempt_at, d.created_at
         FROM notification_deliveries d
         JOIN notification_channels c ON c.id = d.channel_id AND c.enabled
         WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
           AND (d.lease_until IS NULL OR d.lease_until < now())
           AND NOT EXISTS (
             SELECT 1 FROM notification_deliveries busy
             WHERE busy.channel_id = d.channel_id AND busy.status = 'PENDING'
               AND busy.lease_until >= now())
         ORDER BY d.next_attempt_at, d.created_at
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED
       ), chosen AS (
         SELECT DISTINCT ON (channel_id) id FROM due
         ORDER BY channel_id, next_attempt_at, created_at
       )
       UPDATE notification_deliveries d
       SET attempts = d.attempts + 1, lease_token = gen_random_uuid(),
           lease_until = now() + make_interval(secs => $2::double precision / 1000)
       FROM chosen WHERE d.id = chosen.id
       RETURNING d.id, d.channel_id AS "channelId", d.notification_id AS "notificationId",
                 d.attempts, d.lease_token AS "leaseToken"`,
      [limit, this.deps.leaseMs],
    );
  }

  /** Sends once; what to record comes back, for `finish`. */
  async attempt(
    delivery: ClaimedDelivery,
    actor: Principal = SYSTEM,
    { retry } = { retry: true },
  ): Promise<AttemptResult> {
    const channel = await this.get(delivery.channelId);
    const notification = delivery.notificationId
      ? await this.deps.notifications.get(delivery.notificationId)
      : null;
    const outcome = channel
      ? await this.deps.sender.send(
          channel,
          channel.secretId ? await this.deps.secrets.get(channel.secretId) : null,
          delivery.id,
          notification,
          actor,
          this.deps.clock(),
        )
      : ({ ok: false, error: 'The channel was deleted.', final: true } as const);
    if (outcome.ok)
      return { delivery, status: DeliveryStatus.DELIVERED, lastError: null, retryInMs: 0 };
    const delays = this.deps.retryDelaysMs;
    const last = !retry || outcome.final || delivery.attempts > delays.length;
    return {
      delivery,
      status: last ? DeliveryStatus.FAILED : DeliveryStatus.PENDING,
      lastError: outcome.error,
      retryInMs: last ? 0 : (delays[delivery.attempts - 1] ?? 0),
    };
  }

  /**
   * Records an attempt under its lease and lets the lease go; false when the lease was
   * lost (it ran out and another server took the delivery), which then writes instead.
   */
  async finish(result: AttemptResult): Promise<boolean> {
    const updated = await this.sql(
      `UPDATE notification_deliveries
       SET status = $3, last_error = COALESCE($4, last_error),
           delivered_at = CASE WHEN $3 = 'DELIVERED' THEN now() END,
           next_attempt_at = now() + make_interval(secs => $5::double precision / 1000),
           lease_until = NULL, lease_token = NULL
       WHERE id = $1 AND lease_token = $2
       RETURNING id`,
      [
        result.delivery.id,
        result.delivery.leaseToken,
        result.status,
        result.lastError,
        result.retryInMs,
      ],
    );
    return updated.length > 0;
  }

  /** Which fields each type takes (and which it may not), checked; the secret must be usable. */
  private async checkFields(
    type: NotificationChannelType,
    input: { name: string; emailTo: string[]; url: string | null; secretId: string | null },
  ) {
    const name = checkText(input.name, 'name', 'A channel name');
    if (type === NotificationChannelType.EMAIL) {
      if (!this.deps.smtpConfigured)
        throw badInput(
          'Email channels need an SMTP server: set SMTP_URL (and SMTP_FROM) on the server first.',
          'type',
        );
      if (input.url) throw badInput('An EMAIL channel has no url.', 'url');
      if (input.secretId) throw badInput('An EMAIL channel uses no secret.', 'secretId');
      return { name, emailTo: checkRecipients(input.emailTo), url: null, secretId: null };
    }
    if (input.emailTo.length > 0)
      throw badInput(`A ${type} channel has no email recipients.`, 'emailTo');
    let url: string | null = null;
    if (type === NotificationChannelType.WEBHOOK) {
      if (!input.url) throw badInput('A WEBHOOK channel needs an https:// url.', 'url');
      url = checkUrl(input.url, 'url', true);
    } else if (input.url) {
      throw badInput(
        'A SLACK channel posts to the URL stored in its secret; it has no url of its own.',
        'url',
      );
    }
    if (!input.secretId)
      throw badInput(
        type === NotificationChannelType.SLACK
          ? 'Choose the webhook secret that holds the Slack incoming-webhook URL.'
          : 'Choose the webhook secret that signs each request.',
        'secretId',
      );
    const secret = await this.deps.secrets.get(input.secretId);
    if (!secret)
      throw new AppError('SECRET_NOT_FOUND', 'Choose an existing webhook secret.', {
        field: 'secretId',
      });
    if (secret.kind !== SecretKind.WEBHOOK)
      throw badInput('A notification channel uses a webhook secret.', 'secretId');
    if (secret.revokedAt)
      throw new AppError(
        'SECRET_REVOKED',
        `The secret "${secret.name}" is revoked; choose another one.`,
        { field: 'secretId' },
      );
    return { name, emailTo: [], url, secretId: secret.id };
  }
}

/** N3: 1 to 20 valid addresses, trimmed, each once. */
function checkRecipients(emailTo: readonly string[]): string[] {
  const addresses = [...new Set(emailTo.map((address) => address.trim()))];
  if (addresses.length < 1 || addresses.length > MAX_RECIPIENTS)
    throw badInput(`An EMAIL channel has 1 to ${MAX_RECIPIENTS} recipients.`, 'emailTo');
  const invalid = addresses.find((address) => !emailAddress.safeParse(address).success);
  if (invalid !== undefined)
    throw badInput(`"${invalid.slice(0, 100)}" is not an email address.`, 'emailTo');
  return addresses;
}

/** What the audit log says of a new channel: where it sends, never a value. */
function describe(
  type: NotificationChannelType,
  fields: { emailTo: string[]; url: string | null; secretId: string | null },
): string {
  if (type === NotificationChannelType.EMAIL) return `EMAIL to ${fields.emailTo.join(', ')}`;
  if (type === NotificationChannelType.WEBHOOK)
    return `WEBHOOK to ${fields.url}, signed by secret ${fields.secretId}`;
  return `SLACK through secret ${fields.secretId}`;
}
