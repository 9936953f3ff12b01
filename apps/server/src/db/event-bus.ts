import type { EntityManager } from 'typeorm';
import type { Statement } from './sql';

/**
 * PostgreSQL NOTIFY channels between replicas. Payloads are ids and event types, never data:
 * NOTIFY is limited to 8 KB and travels outside the tables' access rules.
 */
export const Channel = {
  /** Payload: a notification id. */
  EXPIRY_WARNINGS: 'expiry_warnings',
  /** Payload: JSON { type, secretId, at }. */
  SECRET_EVENTS: 'secret_events',
  /**
   * Payload: the id of a revoked API token, an ended session, or a user whose role changed or
   * who was deleted (sent by a trigger on users): its cached credentials are dropped and its
   * WebSockets closed.
   */
  CREDENTIAL_REVOKED: 'credential_revoked',
} as const;

export type Channel = (typeof Channel)[keyof typeof Channel];

/**
 * The NOTIFY as a statement, to run inside another: sent when that one commits, so that no
 * replica hears of a rolled-back change.
 */
export const notifyStatement = (channel: Channel, payload: string): Statement => ({
  text: 'SELECT pg_notify($1, $2)',
  values: [channel, payload],
});

/** Sends on commit of the manager's transaction. */
export async function notify(
  manager: EntityManager,
  channel: Channel,
  payload: string,
): Promise<void> {
  const { text, values } = notifyStatement(channel, payload);
  await manager.query(text, values);
}
