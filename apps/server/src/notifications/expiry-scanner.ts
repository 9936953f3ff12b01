import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { SecretKind } from '../secrets/secret-kind';
import { Channel } from '../db/event-bus';
import { daysLeft, expiryMessage } from './expiry-window';

const DAY_MS = 86_400_000;
const BATCH_SIZE = 500;

export interface ExpiryScannerDeps {
  dataSource: DataSource;
  clock: () => Date;
  warningDays: readonly number[];
  intervalMs: number;
  logger: Logger;
  /** Told how many notifications each pass raised (metrics; channel deliveries then due). */
  onRaised?: (count: number) => void;
}

interface Candidate {
  id: string;
  name: string;
  kind: SecretKind;
  expires_at: Date;
  threshold_days: number;
}

/**
 * E1/E2: raises one notification per (secret, expiresAt, narrowest window). Each pass reads
 * only live secrets inside the widest window that lack that warning, through the partial
 * index on expires_at, which also holds the narrowest window already warned and the expiry
 * date it was warned for (`expiry_warned_*`, written here only): the pass filters inside
 * that one index read. The unique index on notifications makes a rerun, or a second
 * replica, raise nothing twice. NOTIFY is sent in the inserting transaction, so at commit.
 * N1: the same transaction queues one delivery per enabled channel that takes the secret's
 * kind (the outbox), so every raised notification reaches each channel once, and only the
 * channels that existed when it was raised.
 */
export class ExpiryScanner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly deps: ExpiryScannerDeps) {}

  start(): void {
    this.requestScan();
    this.timer = setInterval(() => this.requestScan(), this.deps.intervalMs);
    this.timer.unref();
  }

  /** Runs a pass now, or right after the one under way; never two at once. */
  requestScan(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.scan()
      .then((raised) => this.deps.onRaised?.(raised))
      .catch((error: unknown) => this.deps.logger.error({ err: error }, 'expiry scan failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.requestScan();
        }
      });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.again = false;
    await this.running;
  }

  /** One full pass; returns how many notifications this process raised. */
  async scan(): Promise<number> {
    let raised = 0;
    for (;;) {
      const now = this.deps.clock();
      const candidates = await this.candidates(now);
      if (candidates.length === 0) return raised;
      raised += await this.raise(candidates, now);
      if (candidates.length < BATCH_SIZE) return raised;
    }
  }

  private async candidates(now: Date): Promise<Candidate[]> {
    const windows = [...new Set(this.deps.warningDays)]
      .filter((days) => days > 0)
      .sort((a, b) => a - b);
    const bounds = windows.map((days) => new Date(now.getTime() + days * DAY_MS));
    // $1 is now; $2.. are the window ends, narrowest first: the first that fits wins.
    const cases = windows
      .map((days, index) => `WHEN s.expires_at <= $${index + 2} THEN ${days}`)
      .join(' ');
    const horizon = `$${windows.length + 1}`;
    // A secret whose expiry date changed since its last warning no longer matches
    // expiry_warned_for, so it is warned again (re-arming) without its update path resetting it.
    return this.deps.dataSource.query(
      `SELECT id, name, kind, expires_at, threshold_days FROM (
         SELECT s.id, s.name, s.kind, s.expires_at, s.expiry_warned_for, s.expiry_warned_days,
                CASE WHEN s.expires_at <= $1 THEN 0 ${cases} END AS threshold_days
         FROM secrets s
         WHERE s.revoked_at IS NULL AND s.expires_at IS NOT NULL AND s.expires_at <= ${windows.length ? horizon : '$1'}
       ) c
       WHERE c.expiry_warned_for IS DISTINCT FROM c.expires_at
          OR c.expiry_warned_days > c.threshold_days
       ORDER BY c.expires_at, c.id
       LIMIT ${BATCH_SIZE}`,
      [now, ...bounds],
    );
  }

  private async raise(candidates: Candidate[], now: Date): Promise<number> {
    const rows = candidates.map((candidate) => {
      const left = candidate.threshold_days === 0 ? 0 : daysLeft(candidate.expires_at, now);
      return {
        ...candidate,
        left,
        message: expiryMessage(candidate.name, candidate.kind, candidate.expires_at, left),
      };
    });
    return this.deps.dataSource.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO notifications (secret_id, secret_name, secret_kind, expires_at, threshold_days, days_left, message)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::text[])
         ON CONFLICT (secret_id, expires_at, threshold_days) DO NOTHING
         RETURNING id`,
        [
          rows.map((row) => row.id),
          rows.map((row) => row.name),
          rows.map((row) => row.kind),
          rows.map((row) => row.expires_at),
          rows.map((row) => row.threshold_days),
          rows.map((row) => row.left),
          rows.map((row) => row.message),
        ],
      );
      if (inserted.length > 0) {
        await tx.query(`SELECT pg_notify($1, id::text) FROM unnest($2::uuid[]) AS id`, [
          Channel.EXPIRY_WARNINGS,
          inserted.map((row) => row.id),
        ]);
        await tx.query(
          `INSERT INTO notification_deliveries (channel_id, notification_id)
           SELECT c.id, n.id FROM notifications n
           JOIN notification_channels c ON c.enabled AND (c.kind IS NULL OR c.kind = n.secret_kind)
           WHERE n.id = ANY($1::uuid[])`,
          [inserted.map((row) => row.id)],
        );
      }
      // Every candidate, also one another replica raised first: its notification exists, so
      // no later pass should read it again. Only if its date is still the one warned for
      // (an update may have moved it since it was read), and never widening the window.
      // In id order, the order in which SecretRuntime's lastUsedAt update locks its rows, so
      // that the two cannot deadlock.
      const byId = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      await tx.query(
        `UPDATE secrets s
         SET expiry_warned_for = c.expires_at,
             expiry_warned_days = CASE WHEN s.expiry_warned_for = c.expires_at
                                       THEN LEAST(s.expiry_warned_days, c.days) ELSE c.days END
         FROM unnest($1::uuid[], $2::timestamptz[], $3::int[]) AS c (id, expires_at, days)
         WHERE s.id = c.id AND s.expires_at = c.expires_at`,
        [
          byId.map((row) => row.id),
          byId.map((row) => row.expires_at),
          byId.map((row) => row.threshold_days),
        ],
      );
      return inserted.length;
    });
  }
}
