import { loadConfig } from '../../apps/server/src/config';
import { open } from '../../apps/server/src/crypto/envelope';
import { loadKeyring } from '../../apps/server/src/crypto/master-key';
import { createLogger } from '../../apps/server/src/logger';
import { secretAssociatedData } from '../../apps/server/src/secrets/secret-rules';
import { Secret } from '../../apps/server/src/secrets/secret.entity';
import type { TestServer } from './server';

/**
 * The value stored for `secret`, opened with the master keys of the server started with
 * `env`, as the server opens it. Only a test reads a value outside a recorded use: the
 * server itself opens one only in SecretRuntime.use.
 */
export function storedValue(server: { env: Record<string, string> }, secret: Secret): string {
  const keyring = loadKeyring(loadConfig(server.env), createLogger('silent'));
  return open(keyring, secret, secretAssociatedData(secret.id, secret.kind));
}

/** The stored row of a secret, ciphertext included (the service reads only its metadata). */
export const storedSecret = (server: Pick<TestServer, 'dataSource'>, id: string): Promise<Secret> =>
  server.dataSource.getRepository(Secret).findOneByOrFail({ id });
