import type { EntityManager } from 'typeorm';
import { columnIndexes } from '../db/sql';
import type { Secret } from './secret.entity';

/** What a lookup of a secret's users needs: webhook secrets are referenced by name. */
export type SecretKey = Pick<Secret, 'id' | 'kind' | 'name'>;

/** A record of another feature that uses a secret, as secrets/ sees it. */
export interface SecretDependent {
  id: string;
  name: string;
}

/**
 * A feature's share of the one statement that finds every feature's dependents of some
 * secrets: secrets/ combines the shares, so that a page costs one round trip for all
 * features (B2), and never reads their tables itself.
 */
export interface SecretDependentsQuery {
  /**
   * A SELECT of the feature's records that use any secret of `secret`, a relation of the
   * statement with the columns id, kind and name: one row per record and secret it uses,
   * every column named apart from the other features' ("connection.name").
   */
  readonly select: string;
  /** Its ORDER BY, in the names of its columns: each secret's dependents come in this order. */
  readonly orderBy: string;
  /**
   * A reader of the record in each row of a table with `columns`, with the id of the secret
   * it uses; null in another feature's row.
   */
  reader(columns: readonly string[]): DependentReader;
}

/** A feature's records as its `EntityRows` selects and reads them. */
interface RecordRows {
  readonly select: string;
  reader(columns: readonly string[]): (row: readonly unknown[]) => SecretDependent | null;
}

type DependentReader = (
  row: readonly unknown[],
) => { secretId: string; dependent: SecretDependent } | null;

/**
 * The `reader` of a feature whose records `records` reads (its `EntityRows`), each row naming
 * the secret it uses in the column `secretIdColumn`.
 */
export const dependentsReader =
  (records: RecordRows, secretIdColumn: string) =>
  (columns: readonly string[]): DependentReader => {
    const read = records.reader(columns);
    const [secretId = -1] = columnIndexes(columns, [secretIdColumn]);
    return (row) => {
      const dependent = read(row);
      return dependent && { secretId: row[secretId] as string, dependent };
    };
  };

/**
 * The part of a feature whose table `table` names the secret each record uses in its column
 * secret_id (connections, notification channels), read under `alias` by `records`.
 */
export function secretIdDependents(
  records: RecordRows,
  table: string,
  alias: string,
): SecretDependentsQuery {
  return {
    select: `SELECT ${records.select} FROM ${table} ${alias}
      WHERE ${alias}.secret_id IN (SELECT id FROM secret)`,
    orderBy: `"${alias}.name", "${alias}.id"`,
    reader: dependentsReader(records, `${alias}.secret_id`),
  };
}

/**
 * A feature whose records use secrets (connections, workflows), plugged in at the
 * composition root: secrets/ asks it who uses a secret and tells it of a rename, and never
 * reads or writes its tables.
 */
export interface SecretDependents {
  /** What SECRET_IN_USE calls these dependents, e.g. CONNECTION. */
  readonly type: string;
  readonly dependents: SecretDependentsQuery;
  /** Inside the rename's transaction: what referenced the secret as `from` now names `to`. */
  secretRenamed?(tx: EntityManager, secret: SecretKey, from: string, to: string): Promise<void>;
}
