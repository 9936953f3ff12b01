import { randomInt } from 'node:crypto';
import type { Client } from 'pg';
import type { Logger } from 'pino';
import { PgListener } from '../db/pg-listener';
import { runEvery, type PeriodicTask } from '../common/periodic';

/**
 * SQL for the runner ids whose lease some server on this database holds right now, as a
 * column `runner_id`. A bigint advisory key shows in pg_locks as its high and low halves.
 */
export const LIVE_RUNNER_IDS = `
  SELECT (l.classid::bigint << 32) + l.objid::bigint AS runner_id
  FROM pg_locks l
  WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/**
 * Above 2^32, clear of the small fixed advisory keys (the migration lock), and one of 2^48
 * values: two processes, or a process and a dead one whose runs are not yet swept, do not
 * share one by chance.
 */
const newRunnerId = (): string => String(2 ** 32 + randomInt(2 ** 48 - 1));

export interface RunnerLeaseOptions {
  url: string;
  /** How often runs whose server is gone are looked for, besides at start. */
  sweepIntervalMs: number;
  logger: Logger;
}

/**
 * This process's claim on the runs it starts: a runner id whose session advisory lock it
 * holds, on a dedicated connection (taken again after a reconnect), for as long as it lives.
 * PostgreSQL drops the lock when the process dies, however it dies, so a RUNNING run whose
 * runner's lock is free has nobody to finish it: the sweep marks it failed.
 */
export class RunnerLease {
  readonly runnerId = newRunnerId();
  private readonly connection: PgListener;
  private sweeps: PeriodicTask | undefined;

  constructor(private readonly options: RunnerLeaseOptions) {
    this.connection = new PgListener({
      url: options.url,
      channels: [],
      onNotification: () => undefined,
      onConnect: (client) => this.lock(client),
      onReconnect: () => options.logger.info({ runnerId: this.runnerId }, 'runner lease restored'),
      logger: options.logger,
    });
  }

  /** Takes the lease, then sweeps once before returning, and again at every interval. */
  async start(sweep: () => Promise<number>): Promise<void> {
    await this.connection.start();
    const pass = async () => {
      const failed = await sweep();
      if (failed > 0) this.options.logger.warn({ runs: failed }, 'interrupted runs marked failed');
    };
    await pass();
    this.sweeps = runEvery(this.options.sweepIntervalMs, pass, (error) =>
      this.options.logger.error({ err: error }, 'interrupted-run sweep failed'),
    );
  }

  /** Lets the lease go: this process's unfinished runs become sweepable by any server. */
  async close(): Promise<void> {
    await this.sweeps?.stop();
    await this.connection.close();
  }

  private async lock(client: Client): Promise<void> {
    const result = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS locked',
      [this.runnerId],
    );
    // After a network cut the old session may still hold it until PostgreSQL notices; the
    // reconnect loop tries again.
    if (!result.rows[0]?.locked) throw new Error(`runner lease ${this.runnerId} is held elsewhere`);
  }
}
