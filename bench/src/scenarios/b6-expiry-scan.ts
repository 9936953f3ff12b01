import { SingleBar } from 'cli-progress';
import { Pool } from 'pg';
import { createDataSource } from '../../../apps/server/src/db/data-source';
import { entities } from '../../../apps/server/src/entities';
import { createLogger } from '../../../apps/server/src/logger';
import { ExpiryScanner } from '../../../apps/server/src/notifications/expiry-scanner';
import type { BenchContext } from '../context';
import { interleave } from '../measure';
import { settled } from '../ports';
import { figures, type Comparison } from '../report';
import type { Sizes } from '../sizes';

/** The product's default EXPIRY_WARNING_DAYS. */
const WARNING_DAYS = [30, 7, 1];
const CHUNK = 50_000;

/**
 * Fills the table fast with one INSERT … SELECT generate_series per chunk: metadata rows
 * without values (which a scan never reads), 1% expiring inside the 30-day
 * window, a third without expiry, the rest expiring in 2 to 12 months, 1% of those revoked.
 */
async function seed(pool: Pool, rows: number): Promise<void> {
  const bar = process.stdout.isTTY
    ? new SingleBar({ format: '  seeding secrets [{bar}] {value}/{total}' })
    : null;
  bar?.start(rows, 0);
  for (let start = 1; start <= rows; start += CHUNK) {
    const end = Math.min(rows, start + CHUNK - 1);
    await pool.query(
      // Without values (secret_versions), which a scan never reads.
      `INSERT INTO secrets (id, kind, name, expires_at, revoked_at, value_version,
                            value_updated_at)
       SELECT gen_random_uuid(),
              CASE WHEN i % 2 = 0 THEN 'WEBHOOK' ELSE 'INTEGRATION' END,
              'b6_' || lpad(i::text, 8, '0'),
              -- Millisecond precision, as every value the product writes from a JS Date: the
              -- scanner compares the timestamp it read back in JS with the stored one.
              date_trunc('milliseconds', CASE
                WHEN i % 100 = 0 THEN now() + ((i / 100) % 29 + 1) * interval '1 day' + interval '1 hour'
                WHEN i % 3 = 0 THEN NULL
                ELSE now() + (60 + i % 300) * interval '1 day' END),
              CASE WHEN i % 100 = 1 THEN now() END,
              1, now()
       FROM generate_series($1::int, $2::int) AS i`,
      [start, end],
    );
    bar?.update(end);
  }
  bar?.stop();
  await pool.query('ANALYZE secrets');
}

/**
 * B6: one expiry scan pass over the table vs the bare indexed query a hand-written scanner
 * would send for the same rows (live secrets inside the widest window without a warning for
 * their expiry date). Both are timed the same way: wall time in this process, through the
 * same TypeORM data source (like the server's) to the product's database, one round trip
 * each. The pass is the product's own code (ExpiryScanner.scan); the product's timer is off
 * (EXPIRY_SCAN_INTERVAL_MS), so nothing else scans meanwhile.
 *
 * The first pass raises a warning for every row in a window and is reported as a note; the
 * timed passes are the steady state that runs every minute: everything already raised, so
 * both sides find no row.
 */
export async function expiryScan(context: BenchContext, sizes: Sizes): Promise<Comparison[]> {
  const pool = new Pool({ connectionString: context.database.url, max: 2 });
  const dataSource = createDataSource(context.database.url, entities);
  try {
    await seed(pool, sizes.scanRows);
    await dataSource.initialize();
    const scanner = new ExpiryScanner({
      dataSource,
      clock: () => new Date(),
      warningDays: WARNING_DAYS,
      intervalMs: 3_600_000,
      logger: createLogger('silent'),
    });

    const firstStarted = performance.now();
    const raised = await scanner.scan();
    context.note(
      `B6: the first pass over ${sizes.scanRows.toLocaleString('en-US')} secrets raised ${raised.toLocaleString('en-US')} warnings in ${Math.round(performance.now() - firstStarted)} ms.`,
    );
    // The product hears a NOTIFY per warning and loads each: let it finish first.
    await settled(context.product.pid, 120_000);

    const product = async () => {
      const started = performance.now();
      const more = await scanner.scan();
      if (more !== 0) throw new Error(`a steady-state pass raised ${more} warnings`);
      return { ms: performance.now() - started };
    };
    const baseline = async () => {
      const started = performance.now();
      const horizon = new Date(Date.now() + Math.max(...WARNING_DAYS) * 86_400_000);
      const rows: unknown[] = await dataSource.query(
        `SELECT s.id, s.name, s.kind, s.expires_at FROM secrets s
         WHERE s.revoked_at IS NULL AND s.expires_at IS NOT NULL AND s.expires_at <= $1
           AND NOT EXISTS (SELECT 1 FROM notifications n
                           WHERE n.secret_id = s.id AND n.expires_at = s.expires_at)
         LIMIT 500`,
        [horizon],
      );
      if (rows.length !== 0) throw new Error(`the bare query found ${rows.length} rows to warn`);
      return { ms: performance.now() - started };
    };
    // No profiler: the pass runs here, in the bench's process, not in the product's.
    const rounds = await interleave(Math.max(sizes.rounds, 5), product, baseline);
    return [
      {
        scenario: `B6 expiry scan pass over ${sizes.scanRows.toLocaleString('en-US')} secrets, 1% in a window`,
        metric: 'pass time (ms)',
        ...figures(rounds, 'ms'),
        ratio: 'product/baseline',
        target: { ratio: { op: '<=', value: 1.5 }, product: { op: '<=', value: 50, unit: 'ms' } },
      },
    ];
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await pool.end();
  }
}
