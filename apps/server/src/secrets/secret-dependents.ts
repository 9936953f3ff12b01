import type { EntityManager } from 'typeorm';
import type { Sql } from '../db/sql';
import type { Secret } from './secret.entity';

/** What a lookup of a secret's users needs: webhook secrets are referenced by name. */
export type SecretKey = Pick<Secret, 'id' | 'kind' | 'name'>;

/** A record of another feature that uses a secret, as secrets/ sees it. */
export interface SecretDependent {
  id: string;
  name: string;
}

/**
 * A feature whose records use secrets (connections, workflows), plugged in at the
 * composition root: secrets/ asks it who uses a secret and tells it of a rename, and never
 * reads or writes its tables.
 */
export interface SecretDependents {
  /** What SECRET_IN_USE calls these dependents, e.g. CONNECTION. */
  readonly type: string;
  /** Each secret's dependents, in the order given, each list by name, in one statement. */
  dependentsOf(secrets: readonly SecretKey[], sql: Sql): Promise<SecretDependent[][]>;
  /** Inside the rename's transaction: what referenced the secret as `from` now names `to`. */
  secretRenamed?(tx: EntityManager, secret: SecretKey, from: string, to: string): Promise<void>;
}
