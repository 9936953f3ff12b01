import { createHash } from 'node:crypto';
import type { FieldDef, PoolClient } from 'pg';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { pgPool } from './pg-pool';

/**
 * One SQL statement, its rows back as objects. The paths that serve many callers (a secret,
 * a page of secrets, their dependents, a run's records) use it, or `SqlTable` where rows map
 * to entities, instead of the query builder: building the SQL and hydrating entities cost
 * more than the round trip itself (issue 13). TypeORM stays for the other writes and for
 * migrations.
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

/**
 * A statement's rows as arrays, each row's values in the order of `columns` (pg's rowMode
 * 'array'). pg makes a row object with a key per column in dictionary mode: building those
 * was about a fifth of a page of 50 secrets with their dependents (B2, about 55 columns by
 * 125 rows); `EntityRows` maps a row from its array instead.
 */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** One SQL statement, its rows back as a `Table`. */
export type SqlTable = (text: string, values?: unknown[]) => Promise<Table>;

const tableOf = ({ fields, rows }: { fields: FieldDef[]; rows: unknown[][] }): Table => ({
  columns: fields.map((field) => field.name),
  rows,
});

/** As `sqlOf`, each text a named (prepared) statement, its rows as a `Table`. */
export function sqlTableOf(dataSource: DataSource): SqlTable {
  const pool = pgPool(dataSource);
  return async (text, values) =>
    tableOf(
      await pool.query<unknown[]>({ name: statementName(text), text, values, rowMode: 'array' }),
    );
}

/** Through the connection of `manager`'s transaction. */
export const sqlTableIn =
  (manager: EntityManager): SqlTable =>
  async (text, values) => {
    if (!manager.queryRunner) throw new Error('The statement must run inside a transaction.');
    const client = (await manager.queryRunner.connect()) as PoolClient;
    return tableOf(await client.query<unknown[]>({ text, values, rowMode: 'array' }));
  };

/**
 * The place of each of `names` in `columns`. A name missing is a reader that does not match
 * its statement: a bug, thrown at once.
 */
export function columnIndexes(columns: readonly string[], names: readonly string[]): number[] {
  return names.map((name) => {
    const index = columns.indexOf(name);
    if (index === -1) throw new Error(`The statement returns no column "${name}".`);
    return index;
  });
}

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
  readonly key: string;
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

  /**
   * A reader of the entity in each row of a table with `columns`: null in a row where its key
   * column is null (a LEFT JOIN miss, another relation's row). Each column's place is found
   * once per table, not once per row.
   */
  reader(columns: readonly string[]): (row: readonly unknown[]) => Pick<T, K> | null {
    const [key = -1, ...indexes] = columnIndexes(columns, [
      this.key,
      ...this.fields.map((field) => field.key),
    ]);
    const read = this.fields.map(({ property }, i) => ({ property, index: indexes[i] ?? -1 }));
    const { target } = this;
    return (row) => {
      if (row[key] === null || row[key] === undefined) return null;
      const entity = new target() as Record<string, unknown>;
      for (const { property, index } of read) entity[property] = row[index];
      return entity as Pick<T, K>;
    };
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

/** `text` with each `$n` moved up by `offset`: its values are to follow `offset` others. */
export const renumbered = (text: string, offset: number): string =>
  text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);

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
    parts.push(`write${index} AS (${renumbered(text, values.length)})`);
    values.push(...own);
  });
  return { text: `WITH ${parts.join(', ')} ${main.select}`, values };
}
