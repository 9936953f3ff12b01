import { AppError } from '../common/errors';
import { SecretKind, SecretStatus } from './secret-kind';
import {
  checkAllowedHosts,
  checkDescription,
  checkExpiry,
  checkSecretName,
  checkSecretValue,
  hostAllowed,
} from './secret-rules';
import { secretStatus, warningHorizon } from './secret-status';

const codeOf = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'NOT_AN_APP_ERROR';
  }
};

describe('secret names (S1)', () => {
  it('trims integration names and allows any printable text up to 100 characters', () => {
    expect(checkSecretName(SecretKind.INTEGRATION, '  Jira Cloud (ops)  ')).toBe(
      'Jira Cloud (ops)',
    );
    expect(checkSecretName(SecretKind.INTEGRATION, 'ü'.repeat(100))).toHaveLength(100);
    for (const bad of ['', '  ', 'x'.repeat(101), 'a\u0007b', 'line\nbreak', 'del\u007f']) {
      expect(codeOf(() => checkSecretName(SecretKind.INTEGRATION, bad))).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps webhook names to what fits inside {secret:NAME}', () => {
    expect(checkSecretName(SecretKind.WEBHOOK, 'jira_pat-2')).toBe('jira_pat-2');
    expect(checkSecretName(SecretKind.WEBHOOK, 'x'.repeat(64))).toHaveLength(64);
    for (const bad of ['', 'x'.repeat(65), 'a b', 'a}b', 'a{b', 'a:b', 'a.b', 'é']) {
      expect(codeOf(() => checkSecretName(SecretKind.WEBHOOK, bad))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('secret values (S2)', () => {
  it('counts bytes, from 1 to 64 KiB', () => {
    expect(codeOf(() => checkSecretValue(SecretKind.INTEGRATION, 'x'))).toBeUndefined();
    expect(
      codeOf(() => checkSecretValue(SecretKind.INTEGRATION, 'x'.repeat(65_536))),
    ).toBeUndefined();
    expect(codeOf(() => checkSecretValue(SecretKind.INTEGRATION, ''))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkSecretValue(SecretKind.INTEGRATION, 'x'.repeat(65_537)))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => checkSecretValue(SecretKind.INTEGRATION, 'é'.repeat(32_769)))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('allows line breaks in integration values but not in webhook values', () => {
    expect(
      codeOf(() => checkSecretValue(SecretKind.INTEGRATION, '-----BEGIN KEY-----\nabc\r\n')),
    ).toBeUndefined();
    for (const bad of ['a\nb', 'a\rb', 'a\u0000b']) {
      expect(codeOf(() => checkSecretValue(SecretKind.WEBHOOK, bad))).toBe('BAD_USER_INPUT');
    }
  });

  it('never quotes the value in its error', () => {
    try {
      checkSecretValue(SecretKind.WEBHOOK, 'hunter2\nhunter2');
    } catch (error) {
      expect(String(error instanceof Error ? error.message : error)).not.toContain('hunter2');
    }
    expect.assertions(1);
  });
});

describe('other fields', () => {
  const now = new Date('2026-06-01T00:00:00Z');

  it('accepts only future expiry dates', () => {
    expect(checkExpiry(null, now)).toBeNull();
    expect(checkExpiry(new Date('2026-06-01T00:00:01Z'), now)).toEqual(
      new Date('2026-06-01T00:00:01Z'),
    );
    expect(codeOf(() => checkExpiry(now, now))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkExpiry(new Date('invalid'), now))).toBe('BAD_USER_INPUT');
  });

  it('stores an empty description as none', () => {
    expect(checkDescription('  ')).toBeNull();
    expect(checkDescription(' who owns it ')).toBe('who owns it');
    expect(codeOf(() => checkDescription('x'.repeat(1001)))).toBe('BAD_USER_INPUT');
  });

  it('takes exact hosts and *.domain patterns, lower-cased and without duplicates', () => {
    expect(checkAllowedHosts(['API.example.com', 'api.example.com', '*.atlassian.net'])).toEqual([
      'api.example.com',
      '*.atlassian.net',
    ]);
    for (const bad of [
      'https://example.com',
      'exa mple.com',
      '*',
      'a.*.com',
      'example.com/path',
      '-bad.com',
    ]) {
      expect(codeOf(() => checkAllowedHosts([bad]))).toBe('BAD_USER_INPUT');
    }
  });
});

describe('status (S3)', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const horizon = warningHorizon(now, [30, 7, 1]);
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

  it('is REVOKED, else EXPIRED, else EXPIRING inside the widest window, else ACTIVE', () => {
    expect(secretStatus({ revokedAt: now, expiresAt: days(-1) }, now, horizon)).toBe(
      SecretStatus.REVOKED,
    );
    expect(secretStatus({ revokedAt: null, expiresAt: now }, now, horizon)).toBe(
      SecretStatus.EXPIRED,
    );
    expect(secretStatus({ revokedAt: null, expiresAt: days(30) }, now, horizon)).toBe(
      SecretStatus.EXPIRING,
    );
    expect(secretStatus({ revokedAt: null, expiresAt: days(0.5) }, now, horizon)).toBe(
      SecretStatus.EXPIRING,
    );
    expect(secretStatus({ revokedAt: null, expiresAt: days(30.001) }, now, horizon)).toBe(
      SecretStatus.ACTIVE,
    );
    expect(secretStatus({ revokedAt: null, expiresAt: null }, now, horizon)).toBe(
      SecretStatus.ACTIVE,
    );
  });
});

describe('allowed hosts', () => {
  it('allows any host when empty, exact names, and subdomains for *.domain', () => {
    expect(hostAllowed('anything.test', [])).toBe(true);
    expect(hostAllowed('API.example.com', ['api.example.com'])).toBe(true);
    expect(hostAllowed('api.example.com.', ['api.example.com'])).toBe(true);
    expect(hostAllowed('evil.com', ['api.example.com'])).toBe(false);
    expect(hostAllowed('a.atlassian.net', ['*.atlassian.net'])).toBe(true);
    expect(hostAllowed('a.b.atlassian.net', ['*.atlassian.net'])).toBe(true);
    expect(hostAllowed('atlassian.net', ['*.atlassian.net'])).toBe(false);
    expect(hostAllowed('evilatlassian.net', ['*.atlassian.net'])).toBe(false);
    expect(hostAllowed('atlassian.net.evil.com', ['*.atlassian.net'])).toBe(false);
  });
});
