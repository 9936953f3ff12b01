import { isLastUseStale } from '../common/last-use';

/**
 * How long a login lasts: until its absolute end (`expiresAt`, SESSION_TTL_HOURS after login)
 * or until it has gone unused for the idle lifetime (SESSION_IDLE_MINUTES), whichever is first.
 */
export interface SessionTimes {
  expiresAt: Date;
  lastSeenAt: Date;
}

/**
 * Last use is written at most once a minute, so the idle lifetime is exact to within a minute
 * (hence SESSION_IDLE_MINUTES is at least 5).
 */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export const isSessionEnded = (session: SessionTimes, now: Date, idleMs: number): boolean =>
  now.getTime() >= session.expiresAt.getTime() ||
  now.getTime() - session.lastSeenAt.getTime() >= idleMs;

/** Whether a session's or API token's recorded last use is worth writing again. */
export const isLastSeenStale = (lastSeenAt: Date | null, now: Date): boolean =>
  isLastUseStale(lastSeenAt, now, LAST_SEEN_RESOLUTION_MS);
