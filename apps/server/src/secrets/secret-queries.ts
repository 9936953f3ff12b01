import { type DataSource, type EntityManager } from 'typeorm';
import { User } from '../auth/user.entity';
import { notFound } from '../common/errors';
import { checkPageSize, decodeCursor, invalidCursor, toPage } from '../common/pagination';
import { isUuid } from '../common/postgres-errors';
import {
  columnIndexes,
  EntityRows,
  oneStatement,
  renumbered,
  sqlOf,
  sqlTableIn,
  sqlTableOf,
  type Sql,
  type SqlTable,
  type Statement,
  type Table,
} from '../db/sql';
import { SecretKind, type SecretStatus } from './secret-kind';
import type { SecretDependent, SecretDependents, SecretKey } from './secret-dependents';
import { Secret } from './secret.entity';
import type { SecretFilter } from './secret.inputs';
import { secretStatus, secretStatusCondition, warningHorizon } from './secret-status';

export interface SecretQueriesDeps {
  dataSource: DataSource;
  clock: () => Date;
  warningDays: readonly number[];
  /** The features whose records use secrets, connections first (composition root). */
  dependents: readonly SecretDependents[];
}

/** A secret's users, each with what SECRET_IN_USE calls its kind. */
export interface TypedSecretDependent {
  type: string;
  dependent: SecretDependent;
}

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

const FROM_SECRETS =
  'FROM secrets secret LEFT JOIN users creator ON creator.id = secret.created_by_id';

/**
 * Relations one after another in one result: a row holds one relation's row, with its own
 * columns and their types, the others' columns null. (UNION ALL would need one row type for
 * all.) Sorted by `orderBy`, each relation's order in turn, a relation's rows come first
 * and in its order, since the other relations' rows hold nulls there, and nulls sort last.
 */
const oneAfterAnother = (relations: readonly string[], orderBy: readonly string[]): string =>
  `SELECT * FROM ${relations.map((relation, index) => (index === 0 ? relation : `FULL JOIN ${relation} ON false`)).join(' ')}
   ORDER BY ${orderBy.join(', ')}`;

/**
 * The WITH items that find every feature's dependents of the secrets of `secrets` (a
 * SELECT of their id, kind and name), which each feature's SELECT reads as `secret`; with
 * the relations that hold the dependents and their order, for `oneAfterAnother`.
 */
function dependentsQuery(features: readonly SecretDependents[], secrets: string) {
  return {
    with: [
      `secret AS (${secrets})`,
      ...features.map(({ dependents }, index) => `dependent${index} AS (${dependents.select})`),
    ].join(', '),
    relations: features.map((_, index) => `dependent${index}`),
    orderBy: features.map(({ dependents }) => dependents.orderBy),
  };
}

const untyped = (dependents: readonly TypedSecretDependent[]): SecretDependent[] =>
  dependents.map(({ dependent }) => dependent);

/** Reads secrets: metadata, status, lists and dependents; never a value. */
export class SecretQueries {
  private readonly sql: Sql;
  private readonly table: SqlTable;
  private readonly secretRows: EntityRows<Secret>;
  private readonly userRows: EntityRows<User>;
  /** A secret with its creator, as `secretsIn` reads them. */
  private readonly selectSecrets: string;
  /** The fixed texts, made once: a text is also the key of its prepared statement. */
  private readonly byId: string;
  /** Without its creator: fewer columns to send, parse and map (B1 asks for none). */
  private readonly byIdAlone: string;
  private readonly byIds: string;
  private readonly webhooksByName: string;
  private readonly dependentsOfKeys: string;

  constructor(private readonly deps: SecretQueriesDeps) {
    this.sql = sqlOf(deps.dataSource);
    this.table = sqlTableOf(deps.dataSource);
    this.secretRows = new EntityRows(deps.dataSource, Secret, 'secret');
    this.userRows = new EntityRows(deps.dataSource, User, 'creator', { omit: ['passwordHash'] });
    this.selectSecrets = `SELECT ${this.secretRows.select}, ${this.userRows.select}`;
    this.byId = `${this.selectSecrets} ${FROM_SECRETS} WHERE secret.id = $1`;
    this.byIdAlone = `SELECT ${this.secretRows.select} FROM secrets secret WHERE secret.id = $1`;
    this.byIds = `${this.selectSecrets} ${FROM_SECRETS} WHERE secret.id = ANY($1::uuid[])`;
    this.webhooksByName = `${this.selectSecrets} ${FROM_SECRETS}
      WHERE secret.kind = $1 AND lower(secret.name) = ANY($2::text[])`;
    const dependents = dependentsQuery(
      deps.dependents,
      'SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS secret(id, kind, name)',
    );
    this.dependentsOfKeys = `WITH ${dependents.with}
      ${oneAfterAnother(dependents.relations, dependents.orderBy)}`;
  }

  /**
   * The secrets in `table`'s rows, with their creators if the statement read them; a row of
   * another relation holds no secret.
   */
  private secretsIn({ columns, rows }: Table): Secret[] {
    const secretOf = this.secretRows.reader(columns);
    const creatorOf = columns.includes(this.userRows.key) ? this.userRows.reader(columns) : null;
    const secrets: Secret[] = [];
    for (const row of rows) {
      const secret = secretOf(row) as Secret | null;
      if (!secret) continue;
      if (creatorOf) secret.createdBy = creatorOf(row);
      secrets.push(secret);
    }
    return secrets;
  }

  status(secret: Secret): SecretStatus {
    const now = this.deps.clock();
    return secretStatus(secret, now, warningHorizon(now, this.deps.warningDays));
  }

  /**
   * The dependents of each secret, in the order given, in one statement however many
   * secrets there are (the `dependents` field's DataLoader): each feature's in turn
   * (connections, then workflows), each by name.
   */
  async dependentsOf(secrets: readonly SecretKey[]): Promise<SecretDependent[][]> {
    const typed = await this.typedDependentsOf(secrets, this.table);
    return typed.map(untyped);
  }

  /** S6: what uses one secret, each with its type, read through `manager`. */
  async dependents(secret: SecretKey, manager: EntityManager): Promise<TypedSecretDependent[]> {
    const [dependents = []] = await this.typedDependentsOf([secret], sqlTableIn(manager));
    return dependents;
  }

  private async typedDependentsOf(
    secrets: readonly SecretKey[],
    table: SqlTable,
  ): Promise<TypedSecretDependent[][]> {
    if (secrets.length === 0) return [];
    const found = await table(this.dependentsOfKeys, [
      secrets.map((secret) => secret.id),
      secrets.map((secret) => secret.kind),
      secrets.map((secret) => secret.name),
    ]);
    const bySecret = this.dependentsIn(found);
    return secrets.map((secret) => bySecret.get(secret.id) ?? []);
  }

  /** The dependents in `table`'s rows, by the id of the secret each uses, in the rows' order. */
  private dependentsIn({ columns, rows }: Table) {
    const features = this.deps.dependents.map(({ type, dependents }) => ({
      type,
      read: dependents.reader(columns),
    }));
    const bySecret = new Map<string, TypedSecretDependent[]>();
    for (const row of rows) {
      for (const { type, read } of features) {
        const found = read(row);
        if (!found) continue;
        const list = bySecret.get(found.secretId) ?? [];
        list.push({ type, dependent: found.dependent });
        bySecret.set(found.secretId, list);
      }
    }
    return bySecret;
  }

  /** Each id's secret or null, in the order given, in one query (DataLoader). */
  async getMany(ids: readonly string[]): Promise<(Secret | null)[]> {
    const valid = ids.filter(isUuid);
    const secrets = valid.length === 0 ? [] : this.secretsIn(await this.table(this.byIds, [valid]));
    const byId = new Map(secrets.map((secret) => [secret.id, secret]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Webhook secrets by name, case-insensitively, keyed by the lower-cased name. */
  async findWebhookSecrets(names: readonly string[]): Promise<Map<string, Secret>> {
    if (names.length === 0) return new Map();
    const secrets = this.secretsIn(
      await this.table(this.webhooksByName, [
        SecretKind.WEBHOOK,
        names.map((name) => name.toLowerCase()),
      ]),
    );
    return new Map(secrets.map((secret) => [secret.name.toLowerCase(), secret]));
  }

  /**
   * Runs `insert`, an INSERT of secrets ending in RETURNING *, with `alongside` (writes of
   * their own, such as a first version and an audit row) and `announce` (a NOTIFY, sent on
   * commit) as one statement: atomic without BEGIN and COMMIT, one round trip where a
   * transaction of them took five (B3). Reads each new secret back as `get` would. A row
   * `alongside` that refers to a new secret is checked at the end of the statement, when the
   * secret is there.
   */
  async inserted(
    insert: Statement,
    alongside: readonly Statement[],
    announce: Statement,
  ): Promise<Secret[]> {
    const { text, values } = oneStatement(alongside, {
      ctes: `secret AS (${insert.text}),
        announced AS (${renumbered(announce.text, insert.values.length)})`,
      select: `${this.selectSecrets} FROM secret CROSS JOIN announced
        LEFT JOIN users creator ON creator.id = secret.created_by_id`,
      values: [...insert.values, ...announce.values],
    });
    return this.secretsIn(await this.table(text, values));
  }

  async get(id: string, { withCreator = true } = {}): Promise<Secret | null> {
    if (!isUuid(id)) return null;
    const text = withCreator ? this.byId : this.byIdAlone;
    const [secret = null] = this.secretsIn(await this.table(text, [id]));
    return secret;
  }

  async getOrFail(id: string): Promise<Secret> {
    const secret = await this.get(id);
    if (!secret) throw notFound('The secret');
    return secret;
  }

  /**
   * S7: pages in (lower(name), id) order; the cursor is that pair of the last row. The page
   * and the filter's total count are one statement, and so are each secret's dependents when
   * `withDependents` (a list that shows them, B2); an empty page counts on its own.
   */
  async list(
    filter: SecretFilter | null | undefined,
    first: number,
    after?: string | null,
    { withDependents = false } = {},
  ) {
    checkPageSize(first);
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const conditions: string[] = [];
    if (filter?.kind) conditions.push(`secret.kind = ${param(filter.kind)}`);
    if (filter?.status?.length) {
      const now = this.deps.clock();
      const horizon = warningHorizon(now, this.deps.warningDays);
      // Numbered on first use: a placeholder no condition uses would have no type.
      let nowParam: string | undefined;
      let horizonParam: string | undefined;
      const at = {
        get now() {
          return (nowParam ??= param(now));
        },
        get horizon() {
          return (horizonParam ??= param(horizon));
        },
      };
      const statuses = [...new Set(filter.status)];
      conditions.push(
        `(${statuses.map((status) => secretStatusCondition(status, 'secret', at)).join(' OR ')})`,
      );
    }
    const search = filter?.search?.trim();
    if (search) {
      const pattern = param(likePattern(search));
      conditions.push(
        `(secret.name ILIKE ${pattern} ESCAPE '\\' OR secret.description ILIKE ${pattern} ESCAPE '\\')`,
      );
    }
    const filtered = conditions.length > 0 ? conditions.join(' AND ') : 'true';
    const count = `SELECT count(*) FROM secrets secret WHERE ${filtered}`;
    const countValues = [...values];
    let page = filtered;
    if (after) {
      const [name = '', id = ''] = decodeCursor(after, 2);
      if (!isUuid(id)) throw invalidCursor();
      page += ` AND (lower(secret.name), secret.id) > (${param(name)}, ${param(id)})`;
    }
    const pageText = `${this.selectSecrets}, (${count}) AS total ${FROM_SECRETS} WHERE ${page}
       ORDER BY lower(secret.name), secret.id LIMIT ${param(first + 1)}`;
    const table = await this.table(
      withDependents ? this.withDependents(pageText) : pageText,
      values,
    );
    // Each row of the page holds the count; dependents' rows, if any, follow and hold none.
    const [total = -1] = columnIndexes(table.columns, ['total']);
    const totalCount = Number(
      table.rows[0]?.[total] ?? (await this.sql<{ count: string }>(count, countValues))[0]?.count,
    );
    const secrets = this.secretsIn(table);
    return {
      ...toPage(secrets, first, (row) => [row.name.toLowerCase(), row.id]),
      totalCount,
      dependents: withDependents
        ? new Map([...this.dependentsIn(table)].map(([id, found]) => [id, untyped(found)]))
        : undefined,
    };
  }

  /**
   * `page`, a SELECT of secrets as `secretsIn` reads them, and every feature's dependents
   * of those secrets, in one statement: the page's rows in its order, then the dependents'.
   */
  private withDependents(page: string): string {
    const dependents = dependentsQuery(
      this.deps.dependents,
      'SELECT "secret.id" AS id, "secret.kind" AS kind, "secret.name" AS name FROM page',
    );
    return `WITH page AS (${page}), ${dependents.with}
      ${oneAfterAnother(['page', ...dependents.relations], ['lower("secret.name")', '"secret.id"', ...dependents.orderBy])}`;
  }
}
