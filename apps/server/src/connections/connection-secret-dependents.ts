import type { DataSource } from 'typeorm';
import { EntityRows } from '../db/sql';
import { secretIdDependents, type SecretDependents } from '../secrets/secret-dependents';
import { Connection } from './connection.entity';

/**
 * S6: the connections using each secret. Only their own rows are read (B2); the
 * `Connection.secret` field loads the secret by DataLoader when asked for.
 */
export function connectionSecretDependents(dataSource: DataSource): SecretDependents {
  const rows = new EntityRows(dataSource, Connection, 'connection');
  return {
    type: 'CONNECTION',
    dependents: secretIdDependents(rows, 'connections', 'connection'),
  };
}
