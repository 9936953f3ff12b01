import { createHash } from 'node:crypto';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { pgPool } from './pg-pool';

/**
 * One SQL statement, its rows back. The paths that serve many callers (a secret, a page of
 * secrets, their dependents, a run's records) use it instead of the query builder: building
 * the SQL and hydrating entities cost more than the round trip itself (issue 13). TypeORM
 * stays for the other writes and for migrations.
 */
export type Sql = <Row = Record<string, unknown>>(
  text: string,
  values?: unknown[],
) => Promise<Row[]>;

/**
 * Each text's prepared-statement name: the same text always gets the same name. Texts are
 * fixed, or made of a few fixed parts (a list's filters), so the map stays small.
 */
const statementNames = new Map<string, string>();
const statementName = (text: string): string => {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `sql_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    statementNames.set(text, name);
  }
  return name;
};

/**
 * Straight to the data source's pg pool: no query runner, no hydration. Each text is a named
 * (prepared) statement, parsed and planned once per connection rather than on every call;
 * texts are fixed or built from a few fixed parts, so there are few of them. The select lists
 * name their columns, so a column added by a later release changes no prepared result.
 */
export function sqlOf(dataSource: DataSource): Sql {
  const pool = pgPool(dataSource);
  return async <Row>(text: string, values?: unknown[]) =>
    (await pool.query({ name: statementName(text), text, values })).rows as Row[];
}

/** Through an entity manager, e.g. inside a transaction. */
export const sqlIn =
  (manager: EntityManager): Sql =>
  <Row>(text: string, values?: unknown[]): Promise<Row[]> =>
    manager.query(text, values);

/**
 * Maps rows of one table to its entity class (with its getters and `instanceof`), from
 * TypeORM's own column metadata: pg already parses dates, arrays and JSON as TypeORM does.
 * The table is read under `alias` and its columns are selected as "alias.column", so that
 * joined tables can share a row. `K` are the properties read: all of them, or those of
 * `only` (a hot statement reads no column it does not need: each costs its parsing).
 */
export class EntityRows<T extends object, K extends keyof T & string = keyof T & string> {
  /** The SELECT list: `alias.col AS "alias.col", …`. */
  readonly select: string;
  /** Each property and the key of its column in a row, made once (every row reads them). */
  private readonly fields: { property: string; key: string }[];
  /** Its first primary-key column's key: null in a row where a LEFT JOIN found nothing. */
  private readonly key: string;
  private readonly target: new () => T;

  constructor(
    dataSource: DataSource,
    entity: EntityTarget<T>,
    alias: string,
    columns: {
      /** Columns never read this way, such as a password hash. */
      omit?: readonly (keyof T & string)[];
      /** The only columns read; the primary key must be one of them. */
      only?: readonly K[];
    } = {},
  ) {
    const { omit = [], only } = columns;
    const metadata = dataSource.getMetadata(entity);
    const read = metadata.columns
      // A relation without a column of its own (createdBy beside createdById) is virtual.
      .filter((column) => !column.isVirtual)
      .filter((column) => !omit.includes(column.propertyName as keyof T & string))
      .filter((column) => !only || only.includes(column.propertyName as K));
    this.select = read
      .map(({ databaseName }) => `${alias}.${databaseName} AS "${alias}.${databaseName}"`)
      .join(', ');
    this.fields = read.map((column) => ({
      property: column.propertyName,
      key: `${alias}.${column.databaseName}`,
    }));
    this.key = `${alias}.${metadata.primaryColumns[0]?.databaseName ?? 'id'}`;
    if (!this.fields.some(({ key }) => key === this.key))
      throw new Error(`The columns read from ${alias} leave out its primary key.`);
    this.target = metadata.target as new () => T;
  }

  /** The entity in `row`; null when its key column is null (a LEFT JOIN miss). */
  from(row: Record<string, unknown>): Pick<T, K> | null {
    if (row[this.key] === null || row[this.key] === undefined) return null;
    const entity = new this.target() as Record<string, unknown>;
    for (const { property, key } of this.fields) entity[property] = row[key];
    return entity as Pick<T, K>;
  }
}

/** One SQL statement and its parameters, to run later or to combine. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** A statement's own CTEs and final SELECT, to which `oneStatement` can add writes. */
export interface CompositeStatement {
  /** `name AS (…), …`, without WITH. */
  ctes: string;
  select: string;
  values: unknown[];
}

/**
 * Several writes as one statement, each a data-modifying CTE (PostgreSQL runs every one to
 * completion), after the CTEs of `main` and ending in its SELECT (by default none): atomic
 * without BEGIN and COMMIT, and one round trip instead of several. Each write's `$n`
 * placeholders are renumbered, so a text may hold no other `$`; all of them see the same
 * snapshot, so none may depend on another's effect.
 */
export function oneStatement(
  writes: readonly Statement[],
  main: CompositeStatement = { ctes: '', select: 'SELECT 1', values: [] },
): Statement {
  const values: unknown[] = [...main.values];
  const parts = main.ctes ? [main.ctes] : [];
  writes.forEach(({ text, values: own }, index) => {
    const offset = values.length;
    values.push(...own);
    parts.push(
      `write${index} AS (${text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`,
    );
  });
  return { text: `WITH ${parts.join(', ')} ${main.select}`, values };
}
