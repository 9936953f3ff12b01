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
  const select = `SELECT ${rows.select} FROM connections connection
    WHERE connection.secret_id = ANY($1::uuid[]) ORDER BY connection.name, connection.id`;
  return {
    type: 'CONNECTION',
    async dependentsOf(secrets, sql) {
      const found = await sql(select, [secrets.map((secret) => secret.id)]);
      const connections = found.flatMap((row) => rows.from(row) ?? []);
      return secrets.map((secret) =>
        connections.filter((connection) => connection.secretId === secret.id),
      );
    },
  };
}
