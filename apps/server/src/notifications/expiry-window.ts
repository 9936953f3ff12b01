import { SecretKind } from '../secrets/secret-kind';

const DAY_MS = 86_400_000;

/**
 * E1: the narrowest warning window `expiresAt` is in at `now` (0 once expired), or null
 * outside every window. `windows` are days, in any order.
 */
export function narrowestWindow(
  expiresAt: Date,
  now: Date,
  windows: readonly number[],
): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 0;
  const inside = windows.filter((days) => days > 0 && left <= days * DAY_MS);
  return inside.length > 0 ? Math.min(...inside) : null;
}

/** Whole days left, rounded up so that twelve hours read as one day; 0 once expired. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
}

/** E4: the secret, the date, the days left, and the two ways out. */
export function expiryMessage(
  name: string,
  kind: SecretKind,
  expiresAt: Date,
  left: number,
): string {
  const label = kind === SecretKind.WEBHOOK ? 'webhook' : 'integration';
  const date = expiresAt.toISOString().slice(0, 10);
  const when =
    left === 0
      ? `expired on ${date}; it can no longer be used`
      : `expires on ${date} (${left} day${left === 1 ? '' : 's'} left)`;
  const users = kind === SecretKind.WEBHOOK ? 'workflow steps' : 'connections';
  return `The ${label} secret "${name}" ${when}. Recommended: create a new secret and update the ${users} that use it. Or, to keep using this secret, extend its expiration date.`;
}
