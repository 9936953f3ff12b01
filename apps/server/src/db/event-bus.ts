import type { EntityManager } from 'typeorm';

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

/** Sends on commit of the manager's transaction, so that no replica hears of a rolled-back change. */
export async function notify(
  manager: EntityManager,
  channel: Channel,
  payload: string,
): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', [channel, payload]);
}
