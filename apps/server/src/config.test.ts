import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './config';

const messageOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadConfig(env);
    return 'accepted';
  } catch (error) {
    return error instanceof ConfigError ? error.message : 'not a ConfigError';
  }
};

describe('configuration', () => {
  it('has defaults for everything outside production', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 4000,
      HOST: '127.0.0.1',
      DATA_DIR: '.data',
      EXPIRY_WARNING_DAYS: [30, 7, 1],
      SECRET_VERSIONS_KEPT: 10,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names the bad variable in one line and never echoes a sensitive value', () => {
    expect(messageOf({ PORT: 'eighty' })).toMatch(/^Invalid configuration: PORT: /);
    expect(messageOf({ EXPIRY_WARNING_DAYS: '30,seven' })).toMatch(
      /^Invalid configuration: EXPIRY_WARNING_DAYS: /,
    );
    const message = messageOf({ SECRETS_MASTER_KEY: 'c2hvcnQta2V5' });
    expect(message).toMatch(/^Invalid configuration: SECRETS_MASTER_KEY: /);
    expect(message).not.toContain('c2hvcnQta2V5');
    expect(messageOf({ DATABASE_URL: 'mysql://user:pw@host/db' })).toMatch(/DATABASE_URL/);
    expect(messageOf({ DATABASE_URL: 'mysql://user:pw@host/db' })).not.toContain('pw');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('refuses to start in production without a master key', () => {
    expect(messageOf({ NODE_ENV: 'production' })).toMatch(/SECRETS_MASTER_KEY/);
    expect(
      messageOf({ NODE_ENV: 'production', SECRETS_MASTER_KEY: randomBytes(32).toString('base64') }),
    ).toBe('accepted');
  });

  it('keeps at least the current version of each secret', () => {
    expect(loadConfig({ SECRET_VERSIONS_KEPT: '1' }).SECRET_VERSIONS_KEPT).toBe(1);
    for (const bad of ['0', '-3', '2.5', 'ten', '1001'])
      expect(messageOf({ SECRET_VERSIONS_KEPT: bad })).toMatch(
        /^Invalid configuration: SECRET_VERSIONS_KEPT: /,
      );
  });

  it('reads the channel settings: retry delays in order, an smtp(s) URL only', () => {
    expect(loadConfig({}).CHANNEL_RETRY_DELAYS_MS).toEqual([5000, 30000, 120000, 600000, 1800000]);
    expect(loadConfig({ CHANNEL_RETRY_DELAYS_MS: '100, 50' }).CHANNEL_RETRY_DELAYS_MS).toEqual([
      100, 50,
    ]);
    expect(messageOf({ CHANNEL_RETRY_DELAYS_MS: '100,0' })).toMatch(
      /^Invalid configuration: CHANNEL_RETRY_DELAYS_MS: /,
    );
    const password = 'smtp-password-123';
    expect(loadConfig({ SMTP_URL: `smtps://user:${password}@mail.example.com` }).SMTP_URL).toBe(
      `smtps://user:${password}@mail.example.com`,
    );
    const refused = messageOf({ SMTP_URL: `http://user:${password}@mail.example.com` });
    expect(refused).toMatch(/^Invalid configuration: SMTP_URL: /);
    expect(refused).not.toContain(password);
  });

  it('sorts warning windows from widest to narrowest', () => {
    expect(loadConfig({ EXPIRY_WARNING_DAYS: '1, 14,7,7' }).EXPIRY_WARNING_DAYS).toEqual([
      14, 7, 1,
    ]);
  });
});
