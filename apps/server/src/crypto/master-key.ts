import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { Keyring } from './keyring';

const KEY_FILE = 'master.key';

/**
 * The keyring from SECRETS_MASTER_KEY. Outside production an unset key is read from, or
 * generated into, a 0600 file under DATA_DIR, with a warning: values sealed with it are
 * lost if that file is.
 */
export function loadKeyring(config: Config, logger: Logger): Keyring {
  const previous = config.SECRETS_PREVIOUS_MASTER_KEYS.map((key) => Buffer.from(key, 'base64'));
  if (config.SECRETS_MASTER_KEY) {
    return new Keyring(Buffer.from(config.SECRETS_MASTER_KEY, 'base64'), previous);
  }
  const path = join(config.DATA_DIR, KEY_FILE);
  let encoded: string;
  try {
    encoded = readFileSync(path, 'utf8').trim();
  } catch {
    mkdirSync(config.DATA_DIR, { recursive: true });
    encoded = randomBytes(32).toString('base64');
    writeFileSync(path, `${encoded}\n`, { mode: 0o600, flag: 'wx' });
  }
  logger.warn(
    { keyFile: path },
    'SECRETS_MASTER_KEY is not set: using a development key file. Set SECRETS_MASTER_KEY in production.',
  );
  return new Keyring(Buffer.from(encoded, 'base64'), previous);
}
