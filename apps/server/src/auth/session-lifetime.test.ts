import { isLastSeenStale, isSessionEnded } from './session-lifetime';

const now = new Date('2026-06-01T12:00:00Z');
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE);
const IDLE = 30 * MINUTE;

describe('session lifetime', () => {
  it('lives while used within the idle lifetime and before its absolute end', () => {
    expect(isSessionEnded({ expiresAt: ago(-60), lastSeenAt: ago(29) }, now, IDLE)).toBe(false);
    expect(isSessionEnded({ expiresAt: ago(-0.01), lastSeenAt: now }, now, IDLE)).toBe(false);
  });

  it('ends once idle for the idle lifetime, however far its absolute end is', () => {
    expect(isSessionEnded({ expiresAt: ago(-600), lastSeenAt: ago(30) }, now, IDLE)).toBe(true);
    expect(isSessionEnded({ expiresAt: ago(-600), lastSeenAt: ago(31) }, now, IDLE)).toBe(true);
  });

  it('ends at its absolute end, however recently used', () => {
    expect(isSessionEnded({ expiresAt: now, lastSeenAt: now }, now, IDLE)).toBe(true);
    expect(isSessionEnded({ expiresAt: ago(1), lastSeenAt: now }, now, IDLE)).toBe(true);
  });

  it('rewrites the last use at most once a minute', () => {
    expect(isLastSeenStale(null, now)).toBe(true);
    expect(isLastSeenStale(ago(0.5), now)).toBe(false);
    expect(isLastSeenStale(ago(1), now)).toBe(true);
  });
});
