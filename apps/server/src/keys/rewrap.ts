import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { secretAssociatedData } from '../secrets/secret-rules';
import { Secret } from '../secrets/secret.entity';
import { DecryptionError, rewrap } from '../crypto/envelope';
import { UnknownMasterKeyError, type Keyring } from '../crypto/keyring';

/** The audit log's actor for a rewrap run. */
export const REWRAP_ACTOR = 'keys:rewrap';
const DEFAULT_BATCH_SIZE = 500;
/** How long to wait before looking again when every row left is locked by an edit. */
const LOCKED_ROWS_RETRY_MS = 100;

export interface RewrapProgress {
  /** Data keys handled so far: rewrapped, or found not to open. */
  done: number;
  /** `done` plus those still under a previous master key, as counted at the start. */
  total: number;
  /** Rows left that edits in progress hold: the run waits for them to commit. */
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
  /** Secrets whose wrapped data key would not open (altered in the database); left as they were. */
  failedSecretIds: string[];
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

/**
 * Master key rotation: rewraps every data key still wrapped by a previous master key with
 * the current one, in short batches, while servers keep serving. Each batch locks its rows
 * (skipping rows an edit holds, which are taken once it commits), so a concurrent edit is
 * never overwritten; a run that stops leaves only whole batches done, and the next run
 * takes what is left. Only the wrapped key and its key id change: values keep their
 * ciphertext, and `updatedAt` stays, as nothing a user sees has changed.
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
    const failedSecretIds: string[] = [];
    const report = (heldByEdits = 0) => {
      const done = rewrapped + failedSecretIds.length;
      // Rows written under a previous key after the count (a replica not restarted yet).
      total = Math.max(total, done);
      onProgress?.({ done, total, heldByEdits });
    };
    report();

    while (!signal?.aborted) {
      const batch = await this.rewrapBatch(batchSize, failedSecretIds);
      if (batch.rewrapped > 0 || batch.failedSecretIds.length > 0) {
        rewrapped += batch.rewrapped;
        failedSecretIds.push(...batch.failedSecretIds);
        report();
        continue;
      }
      // Nothing to take: finished, unless edits in progress hold the rows that are left.
      const held = await this.countLeft(failedSecretIds);
      if (held === 0) {
        // The first count may include rows that edits have since sealed under the current key.
        total = rewrapped + failedSecretIds.length;
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
        failedSecretIds.length > 0 ? `${failedSecretIds.length} would not open` : null,
        signal?.aborted ? 'stopped before the end' : null,
        `${remaining} left under previous keys`,
      ]
        .filter(Boolean)
        .join('; '),
    });
    return { currentKeyId, rewrapped, failedSecretIds, remaining };
  }

  /** One short transaction: lock up to `batchSize` rows under a previous key, rewrap, write. */
  private rewrapBatch(
    batchSize: number,
    skipIds: readonly string[],
  ): Promise<{ rewrapped: number; failedSecretIds: string[] }> {
    const { keyring } = this.deps;
    return this.deps.dataSource.transaction(async (tx) => {
      const query = tx
        .getRepository(Secret)
        .createQueryBuilder('secret')
        .select(['secret.id', 'secret.kind', 'secret.masterKeyId', 'secret.encryptedDataKey'])
        .where('secret.master_key_id <> :current', { current: keyring.current.id })
        .orderBy('secret.id')
        .limit(batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked');
      if (skipIds.length > 0) query.andWhere('secret.id NOT IN (:...skipIds)', { skipIds });
      const rows = await query.getMany();

      // A few microseconds per row: the rows stay locked only briefly.
      const ids: string[] = [];
      const wrappedKeys: Buffer[] = [];
      const failedSecretIds: string[] = [];
      for (const row of rows) {
        let wrappedKey: Buffer;
        try {
          wrappedKey = rewrap(
            keyring,
            row,
            secretAssociatedData(row.id, row.kind),
          ).encryptedDataKey;
        } catch (error) {
          if (!(error instanceof DecryptionError || error instanceof UnknownMasterKeyError))
            throw error;
          failedSecretIds.push(row.id);
          continue;
        }
        ids.push(row.id);
        wrappedKeys.push(wrappedKey);
      }
      if (ids.length > 0) {
        // Raw SQL: TypeORM's update would also bump updated_at.
        await tx.query(
          `UPDATE secrets AS secret
             SET encrypted_data_key = moved.wrapped_key, master_key_id = $1
            FROM unnest($2::uuid[], $3::bytea[]) AS moved(id, wrapped_key)
           WHERE secret.id = moved.id`,
          [keyring.current.id, ids, wrappedKeys],
        );
      }
      return { rewrapped: ids.length, failedSecretIds };
    });
  }

  /** Data keys under a previous master key, by that key's id. */
  private countByKey(): Promise<{ masterKeyId: string; count: number }[]> {
    return this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .select('secret.master_key_id', 'masterKeyId')
      .addSelect('count(*)::int', 'count')
      .where('secret.master_key_id <> :current', { current: this.deps.keyring.current.id })
      .groupBy('secret.master_key_id')
      .getRawMany<{ masterKeyId: string; count: number }>();
  }

  /** Rows under a previous key, locked or not, leaving out `skipIds`. */
  private countLeft(skipIds: readonly string[]): Promise<number> {
    const query = this.deps.dataSource
      .getRepository(Secret)
      .createQueryBuilder('secret')
      .where('secret.master_key_id <> :current', { current: this.deps.keyring.current.id });
    if (skipIds.length > 0) query.andWhere('secret.id NOT IN (:...skipIds)', { skipIds });
    return query.getCount();
  }
}
