import type { Pool } from 'pg';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * One SQL statement, its rows back. Read paths that serve many callers (a secret, a page of
 * secrets, their dependents) use it instead of the query builder: building the SQL and
 * hydrating entities cost more than the round trip itself (issue 13). Writes keep TypeORM.
 */
export type Sql = <Row = Record<string, unknown>>(
  text: string,
  values?: unknown[],
) => Promise<Row[]>;

/** Straight to the data source's pg pool: no query runner, no hydration. */
export function sqlOf(dataSource: DataSource): Sql {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return async <Row>(text: string, values?: unknown[]) =>
    (await pool.query(text, values)).rows as Row[];
}

/** Through an entity manager, e.g. inside a transaction. */
export const sqlIn =
  (manager: EntityManager): Sql =>
  <Row>(text: string, values?: unknown[]): Promise<Row[]> =>
    manager.query(text, values);

/**
 * Maps rows of one table to its entity class (with its getters and `instanceof`), from
 * TypeORM's own column metadata: pg already parses dates, arrays and JSON as TypeORM does.
 * Columns are selected under a prefix, so that joined tables can share a row.
 */
export class EntityRows<T extends object> {
  private readonly columns: { property: string; column: string }[];
  private readonly create: () => T;

  constructor(
    dataSource: DataSource,
    entity: EntityTarget<T>,
    /** Columns never read this way, such as ciphertext. */
    omit: readonly (keyof T & string)[] = [],
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.columns = metadata.columns
      // A relation without a column of its own (createdBy beside createdById) is virtual.
      .filter((column) => !column.isVirtual)
      .filter((column) => !omit.includes(column.propertyName as keyof T & string))
      .map((column) => ({ property: column.propertyName, column: column.databaseName }));
    this.create = () => metadata.create() as T;
  }

  /** `alias.col AS "prefix.col", …` for a SELECT list. */
  select(alias: string, prefix = alias): string {
    return this.columns
      .map(({ column }) => `${alias}.${column} AS "${prefix}.${column}"`)
      .join(', ');
  }

  /** The entity in `row` under `prefix`; null when its key column is null (a LEFT JOIN miss). */
  from(row: Record<string, unknown>, prefix: string): T | null {
    if (row[`${prefix}.id`] === null || row[`${prefix}.id`] === undefined) return null;
    const entity = this.create();
    for (const { property, column } of this.columns) {
      (entity as Record<string, unknown>)[property] = row[`${prefix}.${column}`];
    }
    return entity;
  }
}
