import { SecretKind } from '../secrets/secret-kind';
import { daysLeft, expiryMessage, narrowestWindow } from './expiry-window';

const now = new Date('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(now.getTime() + hours * HOUR);
const windows = [30, 7, 1];

describe('E1 warning windows', () => {
  it('picks the narrowest window the expiry is in', () => {
    expect(narrowestWindow(inHours(72), now, windows)).toBe(7); // 3 days left: the 7-day warning
    expect(narrowestWindow(inHours(20 * 24), now, windows)).toBe(30);
    expect(narrowestWindow(inHours(7 * 24), now, windows)).toBe(7); // on the boundary: inside
    expect(narrowestWindow(inHours(7 * 24 + 1), now, windows)).toBe(30);
    expect(narrowestWindow(inHours(12), now, windows)).toBe(1);
    expect(narrowestWindow(inHours(0.001), now, windows)).toBe(1);
  });

  it('is 0 once expired and null outside every window', () => {
    expect(narrowestWindow(now, now, windows)).toBe(0);
    expect(narrowestWindow(inHours(-100), now, windows)).toBe(0);
    expect(narrowestWindow(inHours(30 * 24 + 1), now, windows)).toBeNull();
    expect(narrowestWindow(inHours(5), now, [])).toBeNull();
  });

  it('follows the configured windows in any order', () => {
    expect(narrowestWindow(inHours(50), now, [2, 14])).toBe(14);
    expect(narrowestWindow(inHours(47), now, [14, 2])).toBe(2);
    expect(narrowestWindow(inHours(50), now, [14, 3, 2])).toBe(3);
  });
});

describe('days left', () => {
  it('rounds up, and is 0 once expired', () => {
    expect(daysLeft(inHours(72), now)).toBe(3);
    expect(daysLeft(inHours(71), now)).toBe(3);
    expect(daysLeft(inHours(1), now)).toBe(1);
    expect(daysLeft(now, now)).toBe(0);
    expect(daysLeft(inHours(-5), now)).toBe(0);
  });
});

describe('E4 message', () => {
  it('names the secret, the date and the days left, and the two ways out', () => {
    const message = expiryMessage('jira_pat', SecretKind.WEBHOOK, inHours(72), 3);
    expect(message).toContain('"jira_pat"');
    expect(message).toContain('2026-06-04');
    expect(message).toContain('3 days left');
    expect(message).toContain('create a new secret and update the workflow steps');
    expect(message).toContain('extend its expiration date');
    expect(expiryMessage('GitHub', SecretKind.INTEGRATION, now, 0)).toMatch(
      /expired on 2026-06-01.*connections/,
    );
    expect(expiryMessage('x', SecretKind.INTEGRATION, inHours(5), 1)).toContain('(1 day left)');
  });
});
