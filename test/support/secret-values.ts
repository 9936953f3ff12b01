import { loadConfig } from '../../apps/server/src/config';
import { open } from '../../apps/server/src/crypto/envelope';
import { loadKeyring } from '../../apps/server/src/crypto/master-key';
import { createLogger } from '../../apps/server/src/logger';
import { versionAssociatedData } from '../../apps/server/src/secrets/secret-rules';
import { Secret } from '../../apps/server/src/secrets/secret.entity';
import { SecretVersion } from '../../apps/server/src/secrets/secret-version.entity';
import type { TestServer } from './server';

/**
 * The value stored as `version` of a secret (its current one when not given), opened with the
 * master keys of the server started with `env`, as the server opens it. Only a test reads a
 * value outside a recorded use: the server itself opens one only in SecretRuntime.use.
 */
export async function storedValue(
  server: Pick<TestServer, 'env' | 'dataSource'>,
  secretId: string,
  version?: number,
): Promise<string> {
  const secret = await server.dataSource.getRepository(Secret).findOneByOrFail({ id: secretId });
  const stored = await server.dataSource
    .getRepository(SecretVersion)
    .findOneByOrFail({ secretId, version: version ?? secret.valueVersion });
  const keyring = loadKeyring(loadConfig(server.env), createLogger('silent'));
  return open(keyring, stored, versionAssociatedData(secret, stored));
}
