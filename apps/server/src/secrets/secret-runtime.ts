import type { DataSource } from 'typeorm';
import {
  columnIndexes,
  EntityRows,
  oneStatement,
  sqlOf,
  sqlTableOf,
  type CompositeStatement,
  type Sql,
  type SqlTable,
  type Statement,
} from '../db/sql';
import { auditActorName, insertAuditEntries } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { open } from '../crypto/envelope';
import type { Keyring } from '../crypto/keyring';
import { hostAllowed, versionAssociatedData } from './secret-rules';
import { Secret } from './secret.entity';
import { SecretVersion } from './secret-version.entity';
import { unusableCode, usableCondition } from './secret-status';
import {
  secretUseMessage,
  type SecretConsumer,
  type SecretUseCode,
  type SecretUseOutcome,
} from './secret-use';

/** What a use reads of each secret: enough to judge it again, name it and bind its value. */
const LOCKED_SECRET_COLUMNS = ['id', 'kind', 'name', 'expiresAt', 'revokedAt'] as const;
type LockedSecretColumn = (typeof LOCKED_SECRET_COLUMNS)[number];
type LockedSecret = Pick<Secret, LockedSecretColumn>;
/** And of its current version: enough to open it. */
const LOCKED_VERSION_COLUMNS = [
  'secretId',
  'version',
  'bindsVersion',
  'masterKeyId',
  'encryptedDataKey',
  'encryptedValue',
] as const;
type LockedVersionColumn = (typeof LOCKED_VERSION_COLUMNS)[number];
type LockedVersion = Pick<SecretVersion, LockedVersionColumn>;

/**
 * The plaintext of one version of `secret`, for the caller about to use it; it must go no
 * further than that use. Not exported, nor a method: nothing outside this file can call it.
 */
function reveal(keyring: Keyring, secret: LockedSecret, version: LockedVersion): string {
  return open(keyring, version, versionAssociatedData(secret, version));
}

export interface SecretRuntimeDeps {
  dataSource: DataSource;
  keyring: Keyring;
  clock: () => Date;
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

/** A last use older than the precision, as SQL over `column` at `$2`, the use's time. */
const staleLastUse = (column: string) =>
  `(${column} IS NULL OR ${column} <= $2::timestamptz - make_interval(secs => $5))`;

/**
 * Uses secrets: the one place a value is decrypted, and only inside `use`, after the use is
 * recorded. Nothing outside this class can open a value.
 */
export class SecretRuntime {
  private readonly sql: Sql;
  private readonly table: SqlTable;
  /** A use, judged and recorded in one statement (see `use`), but for its values. */
  private readonly useStatement: Omit<CompositeStatement, 'values'>;
  private readonly secretRows: EntityRows<Secret, LockedSecretColumn>;
  private readonly versionRows: EntityRows<SecretVersion, LockedVersionColumn>;

  constructor(private readonly deps: SecretRuntimeDeps) {
    this.sql = sqlOf(deps.dataSource);
    this.table = sqlTableOf(deps.dataSource);
    this.secretRows = new EntityRows(deps.dataSource, Secret, 'secret', {
      only: LOCKED_SECRET_COLUMNS,
    });
    this.versionRows = new EntityRows(deps.dataSource, SecretVersion, 'version', {
      only: LOCKED_VERSION_COLUMNS,
    });
    // $1 the secrets' ids, $2 now, $3 the actor, $4 the consumer as the audit names it,
    // $5 LAST_USED_PRECISION_MS in seconds.
    //
    // `locked`: each secret with its current version, locked until the statement commits. A
    // revoke, a new value or a rollback (or an expiry change) committed before stops or
    // changes the use; one still in progress holds its row FOR UPDATE, so this read waits for
    // it and then sees it; the version it names stays current, and kept, until this use
    // commits. KEY SHARE, not SHARE, lets concurrent uses write lastUsedAt.
    //
    // `granted` holds every secret or none: the writes take their rows from it, so a use that
    // is refused writes nothing. Every run of a busy workflow uses the same rows: lastUsedAt
    // is kept to the second (the audit log has each use exactly), and updatedAt, which tells
    // when the secret itself changed, is left alone.
    const ctes = `locked AS (
        SELECT ${this.secretRows.select}, ${this.versionRows.select},
               ${usableCondition('secret', '$2::timestamptz')} AS usable
        FROM secrets secret
        JOIN secret_versions version
          ON version.secret_id = secret.id AND version.version = secret.value_version
        WHERE secret.id = ANY($1::uuid[])
        FOR KEY SHARE OF secret),
      granted AS (
        SELECT "secret.id" AS id, "secret.name" AS name, "version.version" AS version
        FROM locked
        WHERE (SELECT count(*) FILTER (WHERE usable) FROM locked) = cardinality($1::uuid[])),
      audit AS (${insertAuditEntries(
        '$3',
        `SELECT 'SECRET_USED' AS action, 'SECRET' AS target_type, id::text AS target_id,
                name AS target_name, 'version ' || version || $4 AS details,
                array_position($1::uuid[], id) AS position
         FROM granted`,
      )}),
      secret_use AS (
        UPDATE secrets s SET last_used_at = $2 FROM granted
        WHERE s.id = granted.id AND ${staleLastUse('s.last_used_at')}),
      version_use AS (
        UPDATE secret_versions v SET last_used_at = $2 FROM granted
        WHERE v.secret_id = granted.id AND v.version = granted.version
          AND ${staleLastUse('v.last_used_at')})`;
    this.useStatement = {
      ctes,
      select: 'SELECT locked.*, EXISTS (SELECT 1 FROM granted) AS granted FROM locked',
    };
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
   * those of the versions current in the rows read here, in the order given, as are the
   * audit entries.
   *
   * One statement, one commit: with `alongside`, writes of the caller's that must be durable
   * before it sends anything (a run's RUNNING row), written whether or not the use is granted.
   */
  async use(
    secrets: readonly Secret[],
    consumer: SecretConsumer,
    actor: Principal,
    alongside: readonly Statement[] = [],
  ): Promise<SecretUseOutcome> {
    if (secrets.length === 0) {
      if (alongside.length > 0) {
        const { text, values } = oneStatement(alongside);
        await this.sql(text, values);
      }
      return { values: [], used: [] };
    }
    const now = this.deps.clock();
    const { text, values } = oneStatement(alongside, {
      ...this.useStatement,
      values: [
        [...new Set(secrets.map((secret) => secret.id))],
        now,
        auditActorName(actor),
        ` by ${consumer.type} ${consumer.name} (${consumer.id})`,
        LAST_USED_PRECISION_MS / 1000,
      ],
    });
    const { columns, rows } = await this.table(text, values);
    const secretOf = this.secretRows.reader(columns);
    const versionOf = this.versionRows.reader(columns);
    const [granted = -1] = columnIndexes(columns, ['granted']);
    const locked = new Map(
      rows.flatMap((row) => {
        const secret = secretOf(row);
        const version = versionOf(row);
        return secret && version ? [[secret.id, { secret, version }] as const] : [];
      }),
    );
    if (rows[0]?.[granted] !== true) return { refused: refusal(secrets, locked, now) };
    const opening = secrets.flatMap((secret) => locked.get(secret.id) ?? []);
    return {
      values: opening.map(({ secret, version }) => reveal(this.deps.keyring, secret, version)),
      used: opening.map(({ secret, version }) => ({
        secretId: secret.id,
        secretName: secret.name,
        version: version.version,
      })),
    };
  }
}

/**
 * Why a use was not granted: the first secret, in the order given, that is gone or unusable
 * in the locked rows, judged by the rules the statement applied.
 */
function refusal(
  secrets: readonly Secret[],
  locked: ReadonlyMap<string, { secret: LockedSecret }>,
  now: Date,
): { code: SecretUseCode; message: string } {
  for (const secret of secrets) {
    const row = locked.get(secret.id);
    const code: SecretUseCode | null = row ? unusableCode(row.secret, now) : 'SECRET_NOT_FOUND';
    if (code) {
      const { kind, name, expiresAt } = row?.secret ?? secret;
      return { code, message: secretUseMessage(code, kind, name, expiresAt) };
    }
  }
  throw new Error('A use of secrets was refused in SQL while the same rules allow it in code.');
}
