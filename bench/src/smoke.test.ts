import { runBench } from './run';
import type { Sizes } from './sizes';

// Every scenario once with tiny sizes, so that the benchmark scripts cannot rot unnoticed.
const TINY: Sizes = {
  rounds: 1,
  roundMs: 500,
  warmupMs: 200,
  connections: 2,
  subscribers: 5,
  scanRows: 1000,
};

describe('pnpm bench, tiny sizes', () => {
  it('runs every scenario against the product from source and reports figures for each row', async () => {
    const { rows, notes } = await runBench({ sizes: TINY, entry: 'source' });

    // A DATABASE_URL server without pg_stat_statements loaded leaves B2's statements uncounted.
    const statementsCounted = !notes.some((note) => note.startsWith('B2: DB statements not'));
    expect(rows.map((row) => `${row.scenario.split(' ')[0]} ${row.metric}`)).toEqual([
      'B5 time to last delivery (ms)',
      'B5 server memory per idle subscriber (KB)',
      'B1 throughput (req/s)',
      'B1 p99 latency (ms)',
      'B2 throughput (req/s)',
      ...(statementsCounted ? ['B2 DB statements per request (no N+1)'] : []),
      'B3 throughput (creates/s)',
      'B4 throughput (runs/s)',
      'B6 pass time (ms)',
    ]);
    for (const row of rows) {
      for (const figure of [row.product, row.baseline, row.ratio]) {
        expect(Number.isFinite(figure)).toBe(true);
        // Memory grown per subscriber can be negative when a GC lands in between.
        if (!row.metric.includes('memory')) expect(figure).toBeGreaterThan(0);
      }
    }
    expect(notes.join('\n')).toMatch(/first pass over 1,000 secrets raised 10 warnings/);
  }, 300_000);
});
