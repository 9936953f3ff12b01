import { oneStatement, type Statement } from '../db/sql';
import type { DataSource, EntityManager } from 'typeorm';
import { checkPageSize } from '../common/pagination';
import { isUuid } from '../common/postgres-errors';
import type { SealedValue } from '../crypto/envelope';
import { SecretVersion } from './secret-version.entity';

export interface SecretVersionsDeps {
  dataSource: DataSource;
  /** SECRET_VERSIONS_KEPT: how many versions of each secret are kept, the current included. */
  versionsKept: number;
}

/** One version to store: which secret, its number, and what it holds. */
export interface NewSecretVersion {
  secretId: string;
  version: number;
  sealed: SealedValue;
  createdAt: Date;
  createdById: string | null;
  restoredFrom?: number | null;
}

/** Which version of which secret, e.g. the one a use opens. */
export interface SecretVersionKey {
  secretId: string;
  version: number;
}

interface VersionRow {
  secret_id: string;
  version: number;
  created_at: Date;
  created_by_id: string | null;
  restored_from: number | null;
  last_used_at: Date | null;
  current: boolean;
}

/** The secret_versions table: a secret's stored values (V1, V2). */
export class SecretVersions {
  constructor(private readonly deps: SecretVersionsDeps) {}

  /**
   * Secret.versions: the newest `first` versions of each secret, newest first, metadata only
   * (the ciphertext is not even read), in one query however many secrets (DataLoader).
   */
  async versionsOf(secretIds: readonly string[], first: number): Promise<SecretVersion[][]> {
    checkPageSize(first);
    const valid = secretIds.filter(isUuid);
    const rows: VersionRow[] =
      valid.length === 0
        ? []
        : await this.deps.dataSource.query(
            `SELECT v.secret_id, v.version, v.created_at, v.created_by_id, v.restored_from,
                    v.last_used_at, v.version = s.value_version AS current
             FROM secrets s
             CROSS JOIN LATERAL (
               SELECT * FROM secret_versions v WHERE v.secret_id = s.id
               ORDER BY v.version DESC LIMIT $2
             ) v
             WHERE s.id = ANY($1::uuid[])
             ORDER BY v.secret_id, v.version DESC`,
            [valid, first],
          );
    const bySecret = new Map<string, SecretVersion[]>();
    for (const row of rows) {
      const version = Object.assign(new SecretVersion(), {
        secretId: row.secret_id,
        version: row.version,
        createdAt: row.created_at,
        createdById: row.created_by_id,
        restoredFrom: row.restored_from,
        lastUsedAt: row.last_used_at,
        current: row.current,
      });
      bySecret.set(row.secret_id, [...(bySecret.get(row.secret_id) ?? []), version]);
    }
    return secretIds.map((id) => bySecret.get(id) ?? []);
  }

  /**
   * V1 and V2, inside the transaction that makes a new value current: stores it, then deletes
   * (ciphertext and all) the versions older than the newest SECRET_VERSIONS_KEPT. Versions
   * are numbered without gaps, so those are the ones SECRET_VERSIONS_KEPT or more below it.
   */
  async store(tx: EntityManager, version: NewSecretVersion): Promise<void> {
    const { text, values } = oneStatement(this.storeStatements(version));
    await tx.query(text, values);
  }

  /** What `store` runs, to run with other writes as one statement. */
  storeStatements(version: NewSecretVersion): Statement[] {
    const oldest = version.version - this.deps.versionsKept;
    return [
      {
        text: `INSERT INTO secret_versions (secret_id, version, encrypted_value, encrypted_data_key,
           master_key_id, binds_version, created_at, created_by_id, restored_from)
         VALUES ($1, $2, $3, $4, $5, true, $6, $7, $8)`,
        values: [
          version.secretId,
          version.version,
          version.sealed.encryptedValue,
          version.sealed.encryptedDataKey,
          version.sealed.masterKeyId,
          version.createdAt,
          version.createdById,
          version.restoredFrom ?? null,
        ],
      },
      // Only once there are more than the kept number (V2).
      ...(oldest > 0
        ? [
            {
              text: 'DELETE FROM secret_versions WHERE secret_id = $1 AND version <= $2',
              values: [version.secretId, oldest],
            },
          ]
        : []),
    ];
  }

  /** Each version asked for, with its ciphertext, read through `tx`; a version not kept is absent. */
  async sealed(tx: EntityManager, keys: readonly SecretVersionKey[]): Promise<SecretVersion[]> {
    if (keys.length === 0) return [];
    // A few keys (the secrets of one step): one OR of primary-key look-ups.
    return tx.find(SecretVersion, {
      where: keys.map(({ secretId, version }) => ({ secretId, version })),
    });
  }
}
