import type { DataSource } from 'typeorm';
import { EntityRows } from '../db/sql';
import type { SecretDependents } from '../secrets/secret-dependents';
import { Connection } from './connection.entity';

/**
 * S6: the connections using each secret. Only their own rows are read (B2); the
 * `Connection.secret` field loads the secret by DataLoader when asked for.
 */
export function connectionSecretDependents(dataSource: DataSource): SecretDependents {
  const rows = new EntityRows(dataSource, Connection, 'connection');
  return {
    type: 'CONNECTION',
    dependents: {
      select: `SELECT ${rows.select} FROM connections connection
        WHERE connection.secret_id IN (SELECT id FROM secret)`,
      orderBy: '"connection.name", "connection.id"',
      from(row) {
        const connection = rows.from(row);
        return (
          connection && { secretId: row['connection.secret_id'] as string, dependent: connection }
        );
      },
    },
  };
}
