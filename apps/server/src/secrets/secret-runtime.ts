import type { DataSource } from 'typeorm';
import { EntityRows, inTransaction, oneStatement } from '../db/sql';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { isLastUseStale } from '../common/last-use';
import { open } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import { hostAllowed, versionAssociatedData } from './secret-rules';
import { Secret } from './secret.entity';
import { SecretVersion } from './secret-version.entity';
import type { SecretVersions } from './secret-versions';
import { unusableCode } from './secret-status';
import {
  secretUseMessage,
  type SecretConsumer,
  type SecretUseCode,
  type SecretUseOutcome,
} from './secret-use';

/**
 * The plaintext of one version of `secret`, for the caller about to use it; it must go no
 * further than that use. Not exported, nor a method: nothing outside this file can call it.
 */
function reveal(keyring: Keyring, secret: Secret, version: SecretVersion): string {
  return open(keyring, version, versionAssociatedData(secret, version));
}

export interface SecretRuntimeDeps {
  dataSource: DataSource;
  keyring: Keyring;
  audit: AuditService;
  clock: () => Date;
  versions: Pick<SecretVersions, 'lastUseStatement'>;
}

/** The host of a URL, or an empty string when it is not one (which no pattern allows). */
const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return '';
  }
};

/** How exactly `lastUsedAt` follows the uses of a secret. */
const LAST_USED_PRECISION_MS = 1000;

/**
 * Uses secrets: the one place a value is decrypted, and only inside `use`, after the use is
 * recorded. Nothing outside this class can open a value.
 */
export class SecretRuntime {
  /** The secrets of a use with their current versions, locked: see `use`. */
  private readonly lockCurrent: string;
  private readonly secretRows: EntityRows<Secret>;
  private readonly versionRows: EntityRows<SecretVersion>;

  constructor(private readonly deps: SecretRuntimeDeps) {
    this.secretRows = new EntityRows(deps.dataSource, Secret, 'secret');
    this.versionRows = new EntityRows(deps.dataSource, SecretVersion, 'version');
    this.lockCurrent = `SELECT ${this.secretRows.select}, ${this.versionRows.select}
      FROM secrets secret
      JOIN secret_versions version
        ON version.secret_id = secret.id AND version.version = secret.value_version
      WHERE secret.id = ANY($1::uuid[])
      FOR KEY SHARE OF secret`;
  }

  /**
   * Null when the secret can be used now, for a request to `destination` if given; else the
   * code and a message naming the secret (W3, C1, allowed hosts).
   */
  unusable(
    secret: Secret,
    destination?: string,
  ): {
    code: 'SECRET_REVOKED' | 'SECRET_EXPIRED' | 'SECRET_HOST_NOT_ALLOWED';
    message: string;
  } | null {
    const code = unusableCode(secret, this.deps.clock());
    if (code)
      return { code, message: secretUseMessage(code, secret.kind, secret.name, secret.expiresAt) };
    const host = destination ? hostOf(destination) : null;
    if (host !== null && !hostAllowed(host, secret.allowedHosts)) {
      return {
        code: 'SECRET_HOST_NOT_ALLOWED',
        message: `The secret "${secret.name}" may only be sent to ${secret.allowedHosts.join(', ')}, not to ${host}. Change the URL or the secret's allowed hosts.`,
      };
    }
    return null;
  }

  /**
   * S8 and V4: judges each secret again as committed now, records each use (lastUsedAt of the
   * secret and of the version, SECRET_USED naming the consumer and the version) and only then
   * opens the values, so that a use that cannot be recorded sends nothing. The values are
   * those of the versions current in the rows read here, in the order given.
   */
  async use(
    secrets: readonly Secret[],
    consumer: SecretConsumer,
    actor: Principal,
  ): Promise<SecretUseOutcome> {
    if (secrets.length === 0) return { values: [], used: [] };
    const now = this.deps.clock();
    const used = await inTransaction(this.deps.dataSource, async (sql) => {
      // Locked until the use is recorded: a revoke, a new value or a rollback (or an expiry
      // change) committed before this read stops or changes the use, and one still in
      // progress holds its row FOR UPDATE, so this read waits for it and sees it; the
      // version it names stays current, and kept, until this use commits. KEY SHARE, not
      // SHARE, lets concurrent uses write lastUsedAt.
      const rows = await sql(this.lockCurrent, [secrets.map((secret) => secret.id)]);
      const locked = rows.flatMap((row) => {
        const secret = this.secretRows.from(row);
        const version = this.versionRows.from(row);
        return secret && version ? [{ secret, version }] : [];
      });
      const opening: { secret: Secret; version: SecretVersion }[] = [];
      for (const secret of secrets) {
        const row = locked.find((candidate) => candidate.secret.id === secret.id);
        const code: SecretUseCode | null = row ? unusableCode(row.secret, now) : 'SECRET_NOT_FOUND';
        if (code) {
          const { kind, name, expiresAt } = row?.secret ?? secret;
          return { refused: { code, message: secretUseMessage(code, kind, name, expiresAt) } };
        }
        if (row) opening.push(row);
      }
      // Every run of a busy workflow uses the same rows: writing lastUsedAt on each use made
      // concurrent runs queue on their row locks. It is kept to the second (the audit log has
      // each use exactly), written last so the lock lasts only until commit, and without
      // touching updatedAt, which tells when the secret itself changed.
      const staleSecrets = opening.filter(({ secret }) =>
        isLastUseStale(secret.lastUsedAt, now, LAST_USED_PRECISION_MS),
      );
      const staleVersions = opening.filter(({ version }) =>
        isLastUseStale(version.lastUsedAt, now, LAST_USED_PRECISION_MS),
      );
      // The audit rows and the last uses: one statement, in this transaction.
      const { text, values } = oneStatement([
        this.deps.audit.statement(
          actor,
          ...opening.map(({ secret }) => ({
            action: 'SECRET_USED',
            targetType: 'SECRET',
            targetId: secret.id,
            targetName: secret.name,
            details: `version ${secret.valueVersion} by ${consumer.type} ${consumer.name} (${consumer.id})`,
          })),
        ),
        ...(staleSecrets.length > 0
          ? [
              {
                text: `UPDATE secrets SET last_used_at = $1
                 WHERE id = ANY($2::uuid[])
                   AND (last_used_at IS NULL OR last_used_at <= $1::timestamptz - make_interval(secs => $3))`,
                values: [
                  now,
                  staleSecrets.map(({ secret }) => secret.id),
                  LAST_USED_PRECISION_MS / 1000,
                ],
              },
            ]
          : []),
        ...(staleVersions.length > 0
          ? [
              this.deps.versions.lastUseStatement(
                staleVersions.map(({ version }) => version),
                now,
              ),
            ]
          : []),
      ]);
      await sql(text, values);
      return { opening };
    });
    if (used.refused) return { refused: used.refused };
    return {
      values: used.opening.map(({ secret, version }) => reveal(this.deps.keyring, secret, version)),
      used: used.opening.map(({ secret, version }) => ({
        secretId: secret.id,
        secretName: secret.name,
        version: version.version,
      })),
    };
  }
}
