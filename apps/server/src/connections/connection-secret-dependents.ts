import { In } from 'typeorm';
import type { SecretDependents } from '../secrets/secret-dependents';
import { Connection } from './connection.entity';

/**
 * S6: the connections using each secret. Only their own rows are read (B2); the
 * `Connection.secret` field loads the secret by DataLoader when asked for.
 */
export const connectionSecretDependents: SecretDependents = {
  type: 'CONNECTION',
  async dependentsOf(secrets, manager) {
    const connections = await manager.find(Connection, {
      where: { secretId: In(secrets.map((secret) => secret.id)) },
      order: { name: 'ASC', id: 'ASC' },
    });
    return secrets.map((secret) =>
      connections.filter((connection) => connection.secretId === secret.id),
    );
  },
};
