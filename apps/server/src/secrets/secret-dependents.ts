import type { EntityManager } from 'typeorm';
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
  /** The record in `row` and the id of the secret it uses; null in another feature's row. */
  from(row: Record<string, unknown>): { secretId: string; dependent: SecretDependent } | null;
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
