/**
 * Whether a recorded last use is old enough to be worth writing again. Rows used on every
 * request (sessions, API tokens, the secrets of a busy workflow) would otherwise take a
 * write, and a row lock, each time; a last use exact to `resolutionMs` is enough.
 */
export const isLastUseStale = (lastUsedAt: Date | null, now: Date, resolutionMs: number) =>
  !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= resolutionMs;
