import type { DataSource } from 'typeorm';
import { checkPageSize } from '../common/pagination';
import { isUuid } from '../common/postgres-errors';
import { badInput } from '../common/errors';
import { ExpiryNotification } from './expiry-notification.entity';

const MAX_MARKED = 500;

interface NotificationRow {
  id: string;
  secret_id: string;
  secret_name: string;
  secret_kind: ExpiryNotification['secretKind'];
  expires_at: Date;
  threshold_days: number;
  days_left: number;
  message: string;
  created_at: Date;
  read_at: Date | null;
}

function toNotification(row: NotificationRow): ExpiryNotification {
  const notification = new ExpiryNotification();
  Object.assign(notification, {
    id: row.id,
    secretId: row.secret_id,
    secretName: row.secret_name,
    secretKind: row.secret_kind,
    expiresAt: row.expires_at,
    thresholdDays: row.threshold_days,
    daysLeft: row.days_left,
    message: row.message,
    createdAt: row.created_at,
    readAt: row.read_at,
  });
  return notification;
}

/** E3: stored notifications; read state belongs to each reader (user, or token without one). */
export class NotificationService {
  constructor(private readonly dataSource: DataSource) {}

  get(id: string): Promise<ExpiryNotification | null> {
    return this.dataSource.getRepository(ExpiryNotification).findOneBy({ id });
  }

  /** Raised at or after `since`, oldest first: what a reconnected replica may have missed. */
  since(since: Date): Promise<ExpiryNotification[]> {
    return this.dataSource
      .getRepository(ExpiryNotification)
      .createQueryBuilder('n')
      .where('n.created_at >= :since', { since })
      .orderBy('n.created_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .getMany();
  }

  /** Newest first, with this reader's readAt. */
  async list(readerId: string, unreadOnly: boolean, first: number): Promise<ExpiryNotification[]> {
    checkPageSize(first);
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT n.*, r.read_at FROM notifications n
       LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.reader_id = $1
       WHERE NOT $2 OR r.read_at IS NULL
       ORDER BY n.created_at DESC, n.id DESC
       LIMIT $3`,
      [readerId, unreadOnly, first],
    );
    return rows.map(toNotification);
  }

  /** Marks for this reader only; returns how many were newly marked. Unknown ids are skipped. */
  async markRead(readerId: string, ids: readonly string[]): Promise<number> {
    if (ids.length > MAX_MARKED)
      throw badInput(`Mark at most ${MAX_MARKED} notifications at once.`, 'ids');
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return 0;
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO notification_reads (notification_id, reader_id)
       SELECT n.id, $2 FROM notifications n WHERE n.id = ANY($1::uuid[])
       ON CONFLICT DO NOTHING
       RETURNING notification_id`,
      [valid, readerId],
    );
    return inserted.length;
  }
}
