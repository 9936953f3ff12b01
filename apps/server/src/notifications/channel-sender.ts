import { createHmac } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import { secretLink } from '@secrets/rules';
import type { Principal } from '../auth/principal';
import type { OutboundClient } from '../outbound/client';
import { redactSecrets } from '../outbound/redact';
import type { SecretRuntime } from '../secrets/secret-runtime';
import type { Secret } from '../secrets/secret.entity';
import type { ExpiryNotification } from './expiry-notification.entity';
import { NotificationChannelType, type NotificationChannel } from './notification-channel.entity';

export interface ChannelSenderDeps {
  secretRuntime: Pick<SecretRuntime, 'unusable' | 'use'>;
  outbound: Pick<OutboundClient, 'send'>;
  /** Unset: EMAIL channels cannot send. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Where the admin app is, for the link in an email; unset: no link. */
  publicOrigin: string | undefined;
  /** Each SMTP phase (connect, greeting, idle socket) gives up after this long. */
  timeoutMs: number;
}

/** How one attempt went. `error` is masked; `final` failures are not retried. */
export type SendOutcome = { ok: true } | { ok: false; error: string; final: boolean };

/** The most characters of an attempt's error that are kept (`lastError`). */
export const MAX_LAST_ERROR_LENGTH = 500;

/** What cannot get better by waiting: the secret is gone for good. */
const FINAL_CODES = new Set(['SECRET_REVOKED', 'SECRET_NOT_FOUND']);

const failed = (code: string, message: string, secretValues: readonly string[] = []) =>
  ({
    ok: false,
    // Masked whole, then cut: a value across the cut is already `***`.
    error: redactSecrets(`${code}: ${message}`, secretValues).slice(0, MAX_LAST_ERROR_LENGTH),
    final: FINAL_CODES.has(code),
  }) as const;

const TEST_MESSAGE = (channel: NotificationChannel) =>
  `This is a test message from Secrets for the notification channel "${channel.name}". Expiry reminders will arrive here.`;

/** N4: the webhook body; `type: "test"` for a test send, which names no secret. */
export function webhookPayload(
  deliveryId: string,
  reminder: ExpiryNotification | null,
  channel: NotificationChannel,
  now: Date,
): Record<string, unknown> {
  if (!reminder)
    return { id: deliveryId, type: 'test', message: TEST_MESSAGE(channel), createdAt: now };
  return {
    id: reminder.id,
    type: reminder.thresholdDays === 0 ? 'secret.expired' : 'secret.expiring',
    secret: { id: reminder.secretId, name: reminder.secretName, kind: reminder.secretKind },
    expiresAt: reminder.expiresAt,
    thresholdDays: reminder.thresholdDays,
    daysLeft: reminder.daysLeft,
    message: reminder.message,
    createdAt: reminder.createdAt,
  };
}

/** `sha256=<hex>`: what a receiver recomputes over the raw body with the shared secret. */
export const signature = (key: string, body: string): string =>
  `sha256=${createHmac('sha256', key).update(body, 'utf8').digest('hex')}`;

/**
 * Sends one reminder (or a test message) through one channel: EMAIL by SMTP, SLACK and
 * WEBHOOK by the one outbound client with the secret's value obtained only through
 * SecretRuntime.use, which records the use first (N5).
 */
export class ChannelSender {
  private mailer: Transporter | undefined;
  /** The SMTP password, masked in SMTP errors like a secret value. */
  private readonly smtpSecrets: string[];

  constructor(private readonly deps: ChannelSenderDeps) {
    const password = deps.smtpUrl ? new URL(deps.smtpUrl).password : '';
    this.smtpSecrets = password ? [password, decodeURIComponent(password)] : [];
  }

  async send(
    channel: NotificationChannel,
    secret: Secret | null,
    deliveryId: string,
    reminder: ExpiryNotification | null,
    actor: Principal,
    now: Date,
  ): Promise<SendOutcome> {
    if (channel.type === NotificationChannelType.EMAIL) return this.email(channel, reminder);
    if (!secret)
      return failed(
        'SECRET_NOT_FOUND',
        `The secret of the channel "${channel.name}" was deleted. Choose another webhook secret.`,
      );
    const destination = channel.type === NotificationChannelType.WEBHOOK ? channel.url : null;
    const unusable = this.deps.secretRuntime.unusable(secret, destination ?? undefined);
    if (unusable) return failed(unusable.code, unusable.message);
    const used = await this.deps.secretRuntime.use(
      [secret],
      { type: 'NOTIFICATION_CHANNEL', id: channel.id, name: channel.name },
      actor,
    );
    if ('refused' in used) return failed(used.refused.code, used.refused.message);
    const [value = ''] = used.values;

    let request: { url: string; body: string; headers: [string, string][] };
    if (channel.type === NotificationChannelType.SLACK) {
      // The value is the URL: its host is known only now.
      const host = this.deps.secretRuntime.unusable(secret, value);
      if (host) return failed(host.code, host.message, [value]);
      request = {
        url: value,
        body: JSON.stringify({ text: reminder?.message ?? TEST_MESSAGE(channel) }),
        headers: [],
      };
    } else {
      const body = JSON.stringify(webhookPayload(deliveryId, reminder, channel, now));
      request = {
        url: channel.url ?? '',
        body,
        headers: [
          ['X-Signature-256', signature(value, body)],
          ['X-Delivery-Id', deliveryId],
        ],
      };
    }
    const sent = await this.deps.outbound.send({
      method: 'POST',
      url: request.url,
      headers: [['Content-Type', 'application/json'], ...request.headers],
      body: request.body,
      secretValues: [value],
    });
    if (sent.ok) return { ok: true };
    return failed(sent.errorCode ?? 'HTTP_ERROR', sent.message ?? 'The request failed.', [value]);
  }

  private async email(
    channel: NotificationChannel,
    reminder: ExpiryNotification | null,
  ): Promise<SendOutcome> {
    const { smtpUrl, smtpFrom, publicOrigin, timeoutMs } = this.deps;
    if (!smtpUrl) return failed('SMTP_NOT_CONFIGURED', 'Set SMTP_URL to send email.');
    this.mailer ??= createTransport({
      url: smtpUrl,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    const link =
      reminder && publicOrigin
        ? `\n\nOpen the secret: ${publicOrigin}${secretLink(reminder.secretId, reminder.secretKind)}`
        : '';
    const subject = !reminder
      ? `Test message for "${channel.name}"`
      : reminder.thresholdDays === 0
        ? `Secret "${reminder.secretName}" has expired`
        : `Secret "${reminder.secretName}" expires in ${reminder.daysLeft} day${reminder.daysLeft === 1 ? '' : 's'}`;
    try {
      await this.mailer.sendMail({
        from: smtpFrom,
        to: channel.emailTo,
        subject,
        text: `${reminder?.message ?? TEST_MESSAGE(channel)}${link}\n`,
      });
      return { ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return failed('SMTP_ERROR', message, this.smtpSecrets);
    }
  }

  close(): void {
    this.mailer?.close();
  }
}
