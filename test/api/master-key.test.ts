import { DecryptionError } from '../../apps/server/src/crypto/envelope';
import { UnknownMasterKeyError } from '../../apps/server/src/crypto/keyring';
import { createTestDatabase, flipByte, type TestDatabase } from '../support/database';
import { CreateSecretMutation } from '../support/operations';
import { newMasterKey, startTestServer } from '../support/server';
import { storedValue } from '../support/secret-values';

let database: TestDatabase;
const key = newMasterKey();
let secretId: string;

async function revealWith(env: Record<string, string>): Promise<string> {
  const server = await startTestServer({ database, env });
  try {
    return await storedValue(server, secretId);
  } finally {
    await server.stop();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  const server = await startTestServer({ database, env: { SECRETS_MASTER_KEY: key } });
  const admin = await server.login();
  const created = await server.request(
    CreateSecretMutation,
    { input: { kind: 'INTEGRATION', name: 'survives restarts', value: 'restart-value' } },
    admin,
  );
  secretId = created.data?.createSecret.id ?? '';
  await server.stop();
});
afterAll(() => database.drop());

describe('the master key across restarts', () => {
  it('opens old values after a restart with the same key', async () => {
    expect(await revealWith({ SECRETS_MASTER_KEY: key })).toBe('restart-value');
  });

  it('fails with a clear error, not garbage, under another key', async () => {
    const attempt = revealWith({ SECRETS_MASTER_KEY: newMasterKey() });
    await expect(attempt).rejects.toThrow(UnknownMasterKeyError);
    await expect(attempt).rejects.toThrow(
      /master key \w+ that sealed this value is not configured/,
    );
  });

  it('still opens values sealed with a previous key during a rotation', async () => {
    expect(
      await revealWith({ SECRETS_MASTER_KEY: newMasterKey(), SECRETS_PREVIOUS_MASTER_KEYS: key }),
    ).toBe('restart-value');
  });

  it('refuses a row whose ciphertext was altered in the database', async () => {
    const server = await startTestServer({ database, env: { SECRETS_MASTER_KEY: key } });
    try {
      await server.dataSource.query(flipByte('encrypted_value', 29), [secretId]);
      await expect(storedValue(server, secretId)).rejects.toThrow(DecryptionError);
    } finally {
      await server.stop();
    }
  });
});
