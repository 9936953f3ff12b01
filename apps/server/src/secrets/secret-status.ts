import { SecretStatus } from './secret-kind';

const DAY_MS = 86_400_000;

export interface SecretLifecycle {
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/** The instant up to which an expiry counts as EXPIRING: now plus the widest warning window. */
export function warningHorizon(now: Date, warningDays: readonly number[]): Date {
  return new Date(now.getTime() + Math.max(0, ...warningDays) * DAY_MS);
}

export const isRevoked = (secret: SecretLifecycle): boolean => secret.revokedAt !== null;

export const isExpired = (secret: SecretLifecycle, now: Date): boolean =>
  secret.expiresAt !== null && secret.expiresAt.getTime() <= now.getTime();

export function secretStatus(secret: SecretLifecycle, now: Date, horizon: Date): SecretStatus {
  if (isRevoked(secret)) return SecretStatus.REVOKED;
  if (isExpired(secret, now)) return SecretStatus.EXPIRED;
  if (secret.expiresAt && secret.expiresAt.getTime() <= horizon.getTime())
    return SecretStatus.EXPIRING;
  return SecretStatus.ACTIVE;
}

/**
 * The same rules as `secretStatus`, as SQL over the `secrets` columns of `alias`, with the
 * placeholders of `now` and the warning horizon, so that filters, counts and pages agree
 * with the code.
 */
export function secretStatusCondition(
  status: SecretStatus,
  alias: string,
  at: { now: string; horizon: string },
): string {
  const revoked = `${alias}.revoked_at`;
  const expires = `${alias}.expires_at`;
  switch (status) {
    case SecretStatus.REVOKED:
      return `${revoked} IS NOT NULL`;
    case SecretStatus.EXPIRED:
      return `(${revoked} IS NULL AND ${expires} <= ${at.now})`;
    case SecretStatus.EXPIRING:
      return `(${revoked} IS NULL AND ${expires} > ${at.now} AND ${expires} <= ${at.horizon})`;
    case SecretStatus.ACTIVE:
      return `(${revoked} IS NULL AND (${expires} IS NULL OR ${expires} > ${at.horizon}))`;
  }
}

/**
 * The opposite of `unusableCode` as SQL over the `secrets` columns of `alias` at the
 * placeholder `now`: true when the secret can be used then.
 */
export function usableCondition(alias: string, now: string): string {
  const at = { now, horizon: now };
  const revoked = secretStatusCondition(SecretStatus.REVOKED, alias, at);
  const expired = secretStatusCondition(SecretStatus.EXPIRED, alias, at);
  // IS NOT TRUE: an expiry of NULL makes the EXPIRED condition NULL, not false.
  return `(${revoked} OR ${expired}) IS NOT TRUE`;
}

/** Why a stored secret cannot be used now, or null when it can. */
export function unusableCode(
  secret: SecretLifecycle,
  now: Date,
): 'SECRET_REVOKED' | 'SECRET_EXPIRED' | null {
  if (isRevoked(secret)) return 'SECRET_REVOKED';
  if (isExpired(secret, now)) return 'SECRET_EXPIRED';
  return null;
}
