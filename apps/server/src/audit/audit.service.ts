import type { DataSource, EntityManager } from 'typeorm';
import { checkPageSize, decodeCursor, invalidCursor, toPage } from '../common/pagination';
import type { Statement } from '../db/sql';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  targetName?: string | null;
  /** Free text for people; never a value, token or password. */
  details?: string | null;
}

/** Who acted, as the log names them: a caller (its `name`) or a fixed name such as a job's. */
export type AuditActor = { name: string } | string;

export const auditActorName = (actor: AuditActor): string =>
  typeof actor === 'string' ? actor : actor.name;

/**
 * An INSERT of the entries `entries` selects (columns action, target_type, target_id,
 * target_name and details; others are left out) by the actor in the placeholder `actor`, in
 * the order of its column `position`: for a statement whose entries come from the rows it
 * reads, such as a use of secrets (SecretRuntime).
 */
export const insertAuditEntries = (actor: string, entries: string): string =>
  `INSERT INTO audit_events (actor, action, target_type, target_id, target_name, details)
   SELECT ${actor}, entry.action, entry.target_type, entry.target_id, entry.target_name, entry.details
   FROM (${entries}) entry ORDER BY entry.position`;

export interface AuditFilterInput {
  targetId?: string | null;
  action?: string | null;
}

export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes inside the caller's transaction, so that a change and its record commit together;
   * several entries of one actor are one statement. Plain SQL: every change and every use of a value writes one, and the query builder cost
   * more than the insert (issue 13).
   */
  async record(manager: EntityManager, actor: AuditActor, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const { text, values } = this.statement(actor, ...entries);
    await manager.query(text, values);
  }

  /** The INSERT that `record` runs, to run as part of one statement (db/sql.ts oneStatement). */
  statement(actor: AuditActor, ...entries: AuditEntry[]): Statement {
    // One array per column, so that any number of rows is six parameters.
    return {
      text: insertAuditEntries(
        '$1',
        `SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         WITH ORDINALITY AS given(action, target_type, target_id, target_name, details, position)`,
      ),
      values: [
        auditActorName(actor),
        entries.map((entry) => entry.action),
        entries.map((entry) => entry.targetType),
        entries.map((entry) => entry.targetId ?? null),
        entries.map((entry) => entry.targetName ?? null),
        entries.map((entry) => entry.details ?? null),
      ],
    };
  }

  /** Newest first. */
  async list(filter: AuditFilterInput | null | undefined, first: number, after?: string | null) {
    checkPageSize(first);
    const query = this.dataSource.getRepository(AuditEvent).createQueryBuilder('event');
    if (filter?.targetId)
      query.andWhere('event.target_id = :targetId', { targetId: filter.targetId });
    if (filter?.action) query.andWhere('event.action = :action', { action: filter.action });
    if (after) {
      const [id] = decodeCursor(after, 1);
      if (!id || !/^\d{1,18}$/.test(id)) throw invalidCursor();
      query.andWhere('event.id < :id', { id });
    }
    const rows = await query
      .orderBy('event.id', 'DESC')
      .take(first + 1)
      .getMany();
    return toPage(rows, first, (row) => [row.id]);
  }
}
