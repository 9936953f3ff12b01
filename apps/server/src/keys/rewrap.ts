import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { versionAssociatedData } from '../secrets/secret-rules';
import type { SecretKind } from '../secrets/secret-kind';
import type { SecretVersionKey } from '../secrets/secret-versions';
import { DecryptionError, rewrap } from '../crypto/envelope';
import { UnknownMasterKeyError, type Keyring } from '../crypto/keyring';

/** The audit log's actor for a rewrap run. */
export const REWRAP_ACTOR = 'keys:rewrap';
const DEFAULT_BATCH_SIZE = 500;
/** How long to wait before looking again when every row left is held by a use or an edit. */
const LOCKED_ROWS_RETRY_MS = 100;

export interface RewrapProgress {
  /** Data keys handled so far: rewrapped, or found not to open. */
  done: number;
  /** `done` plus those still under a previous master key, as counted at the start. */
  total: number;
  /**
   * Versions left that others hold a moment (a use writing its lastUsedAt, an edit deleting
   * one past retention): the run waits for them to commit.
   */
  heldByEdits: number;
}

export interface RewrapOptions {
  /** Rows per transaction. */
  batchSize?: number;
  /** Stops the run after the batch in progress commits; the next run continues from there. */
  signal?: AbortSignal;
  onProgress?: (progress: RewrapProgress) => void;
}

export interface RewrapResult {
  /** The id of the master key that now wraps the rewrapped data keys. */
  currentKeyId: string;
  rewrapped: number;
  /** Versions whose wrapped data key would not open (altered in the database); left as they were. */
  failedVersions: SecretVersionKey[];
  /** Data keys still wrapped by another master key: the previous keys may go only at 0. */
  remaining: number;
}

export class MissingMasterKeyError extends Error {
  override name = 'MissingMasterKeyError';
  constructor(missing: readonly { masterKeyId: string; count: number }[]) {
    super(
      `${missing.map(({ masterKeyId, count }) => `${count} data keys are wrapped by master key ${masterKeyId}`).join('; ')}, which is not configured: add it to SECRETS_PREVIOUS_MASTER_KEYS and run again. Nothing was changed.`,
    );
  }
}

export interface RewrapDeps {
  dataSource: DataSource;
  keyring: Keyring;
  audit: AuditService;
}

/** A version under a previous master key, as a batch reads it. */
interface WrappedKeyRow {
  secret_id: string;
  version: number;
  kind: SecretKind;
  binds_version: boolean;
  master_key_id: string;
  encrypted_data_key: Buffer;
}

/** "secret id:version", how the SQL below names a version to leave out. */
const keyOf = ({ secretId, version }: SecretVersionKey) => `${secretId}:${version}`;

/**
 * Master key rotation: rewraps the data key of every kept version (V6) still wrapped by a
 * previous master key with the current one, in short batches, while servers keep serving.
 * Versions never change once stored, but a use may hold one a moment (to write its
 * lastUsedAt) and retention may be deleting it: each batch locks its rows, skipping those,
 * which are taken once they commit (or are gone). A run that stops leaves only whole batches
 * done, and the next run takes what is left. Only the wrapped key and its key id change:
 * values keep their ciphertext, and nothing a user sees changes.
 */
export class RewrapService {
  constructor(private readonly deps: RewrapDeps) {}

  async run(options: RewrapOptions = {}): Promise<RewrapResult> {
    const { batchSize = DEFAULT_BATCH_SIZE, signal, onProgress } = options;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError('The batch size is a whole number of rows, at least 1.');
    const currentKeyId = this.deps.keyring.current.id;
    const waiting = await this.countByKey();
    const missing = waiting.filter(({ masterKeyId }) => !this.deps.keyring.has(masterKeyId));
    if (missing.length > 0) throw new MissingMasterKeyError(missing);

    let total = waiting.reduce((sum, { count }) => sum + count, 0);
    let rewrapped = 0;
    const failedVersions: SecretVersionKey[] = [];
    const report = (heldByEdits = 0) => {
      const done = rewrapped + failedVersions.length;
      // Rows written under a previous key after the count (a replica not restarted yet).
      total = Math.max(total, done);
      onProgress?.({ done, total, heldByEdits });
    };
    report();

    while (!signal?.aborted) {
      const batch = await this.rewrapBatch(batchSize, failedVersions);
      if (batch.rewrapped > 0 || batch.failedVersions.length > 0) {
        rewrapped += batch.rewrapped;
        failedVersions.push(...batch.failedVersions);
        report();
        continue;
      }
      // Nothing to take: finished, unless others hold the rows that are left.
      const held = await this.countLeft(failedVersions);
      if (held === 0) {
        // The first count may include versions deleted since, or rows sealed under the current key.
        total = rewrapped + failedVersions.length;
        report();
        break;
      }
      report(held);
      await sleep(LOCKED_ROWS_RETRY_MS);
    }

    const remaining = await this.countLeft([]);
    await this.deps.audit.record(this.deps.dataSource.manager, REWRAP_ACTOR, {
      action: 'KEY_REWRAP',
      targetType: 'MASTER_KEY',
      targetId: currentKeyId,
      details: [
        `rewrapped ${rewrapped} data keys to master key ${currentKeyId}`,
        failedVersions.length > 0 ? `${failedVersions.length} would not open` : null,
        signal?.aborted ? 'stopped before the end' : null,
        `${remaining} left under previous keys`,
      ]
        .filter(Boolean)
        .join('; '),
    });
    return { currentKeyId, rewrapped, failedVersions, remaining };
  }

  /** One short transaction: lock up to `batchSize` versions under a previous key, rewrap, write. */
  private rewrapBatch(
    batchSize: number,
    skip: readonly SecretVersionKey[],
  ): Promise<{ rewrapped: number; failedVersions: SecretVersionKey[] }> {
    const { keyring } = this.deps;
    return this.deps.dataSource.transaction(async (tx) => {
      const rows: WrappedKeyRow[] = await tx.query(
        `SELECT v.secret_id, v.version, s.kind, v.binds_version, v.master_key_id,
                v.encrypted_data_key
         FROM secret_versions v JOIN secrets s ON s.id = v.secret_id
         WHERE v.master_key_id <> $1 AND NOT (v.secret_id || ':' || v.version = ANY($2::text[]))
         ORDER BY v.secret_id, v.version
         LIMIT $3
         FOR NO KEY UPDATE OF v SKIP LOCKED`,
        [keyring.current.id, skip.map(keyOf), batchSize],
      );

      // A few microseconds per row: the rows stay locked only briefly.
      const moved: SecretVersionKey[] = [];
      const wrappedKeys: Buffer[] = [];
      const failedVersions: SecretVersionKey[] = [];
      for (const row of rows) {
        const key = { secretId: row.secret_id, version: row.version };
        try {
          wrappedKeys.push(
            rewrap(
              keyring,
              { masterKeyId: row.master_key_id, encryptedDataKey: row.encrypted_data_key },
              versionAssociatedData(
                { id: row.secret_id, kind: row.kind },
                { version: row.version, bindsVersion: row.binds_version },
              ),
            ).encryptedDataKey,
          );
        } catch (error) {
          if (!(error instanceof DecryptionError || error instanceof UnknownMasterKeyError))
            throw error;
          failedVersions.push(key);
          continue;
        }
        moved.push(key);
      }
      if (moved.length > 0) {
        await tx.query(
          `UPDATE secret_versions AS v
             SET encrypted_data_key = moved.wrapped_key, master_key_id = $1
            FROM unnest($2::uuid[], $3::int[], $4::bytea[]) AS moved(secret_id, version, wrapped_key)
           WHERE v.secret_id = moved.secret_id AND v.version = moved.version`,
          [
            keyring.current.id,
            moved.map((key) => key.secretId),
            moved.map((key) => key.version),
            wrappedKeys,
          ],
        );
      }
      return { rewrapped: moved.length, failedVersions };
    });
  }

  /** Data keys under a previous master key, by that key's id. */
  private async countByKey(): Promise<{ masterKeyId: string; count: number }[]> {
    return this.deps.dataSource.query(
      `SELECT master_key_id AS "masterKeyId", count(*)::int AS count
       FROM secret_versions WHERE master_key_id <> $1 GROUP BY master_key_id`,
      [this.deps.keyring.current.id],
    );
  }

  /** Versions under a previous key, locked or not, leaving out `skip`. */
  private async countLeft(skip: readonly SecretVersionKey[]): Promise<number> {
    const [row]: { count: number }[] = await this.deps.dataSource.query(
      `SELECT count(*)::int AS count FROM secret_versions v
       WHERE v.master_key_id <> $1 AND NOT (v.secret_id || ':' || v.version = ANY($2::text[]))`,
      [this.deps.keyring.current.id, skip.map(keyOf)],
    );
    return row?.count ?? 0;
  }
}
