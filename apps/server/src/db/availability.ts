import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../common/postgres-errors';

/** How often, while the database is away, a probe asks whether it is back. */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Whether the database answers, as requests and probes find it. An outage is logged once,
 * at the first failure that says the database is away ("database unavailable"), and its end
 * once, at the first probe that succeeds after it ("database available again"), never once
 * per request. While it is away a `SELECT 1` runs every second, so that the recovery is
 * noticed and logged without waiting for traffic.
 */
export class DatabaseAvailability {
  private down = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /** Records `error` if it says the database is away; returns whether it did. */
  report(error: unknown): boolean {
    if (!isDatabaseUnavailable(error)) return false;
    if (!this.down) {
      this.down = true;
      // Operators see the cause (the driver's message); clients never do.
      this.logger.error({ err: error }, 'database unavailable');
      this.scheduleProbe();
    }
    return true;
  }

  /** Runs `SELECT 1`: true when the database answers (and the outage, if any, is over). */
  async probe(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      this.report(error);
      return false;
    }
    if (this.down) {
      this.down = false;
      clearTimeout(this.timer);
      this.logger.info('database available again');
    }
    return true;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** One probe at a time: the next is timed from the end of the last, which may be slow. */
  private scheduleProbe(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.probe().then((up) => {
        if (!up && this.down) this.scheduleProbe();
      });
    }, PROBE_INTERVAL_MS);
    this.timer.unref();
  }
}
