import { summarizeProfile } from './profile';
import { runBench } from './run';
import type { Sizes } from './sizes';

// Every scenario once with tiny sizes, so that the benchmark scripts cannot rot unnoticed.
// The warm-up and the round are long enough for a cold product (run from source, on a CI
// machine busy with the other test files) to finish requests of the heaviest scenario;
// 200 ms and 500 ms sometimes finished none.
const TINY: Sizes = {
  rounds: 1,
  roundMs: 2000,
  warmupMs: 2000,
  connections: 2,
  subscribers: 5,
  scanRows: 1000,
};

describe('pnpm bench, tiny sizes', () => {
  it('runs every scenario against the product from source and reports figures for each row', async () => {
    const { rows, notes, profiles } = await runBench({
      sizes: TINY,
      entry: 'source',
      profile: 'all',
    });

    // A DATABASE_URL server without pg_stat_statements loaded leaves B2's statements uncounted.
    const statementsCounted = !notes.some((note) => note.startsWith('B2: DB statements not'));
    const decomposition = `D throughput (req/s), ${TINY.connections} connections`;
    expect(rows.map((row) => `${row.group} ${row.metric}`)).toEqual([
      'B5 time to last delivery (ms)',
      'B5 server memory per idle subscriber (KB)',
      ...Array.from({ length: 4 }, () => decomposition),
      'B1 throughput (req/s)',
      'B1 p99 latency (ms)',
      'B2 throughput (req/s)',
      ...(statementsCounted
        ? [
            'B2 DB statements per request (no N+1)',
            'B2 DB statements per request, 50 rows vs 5 rows of the product',
          ]
        : []),
      'B3 throughput (creates/s)',
      'B4 throughput (runs/s)',
      'B6 pass time (ms)',
    ]);
    for (const row of rows) {
      // A latency is counted in whole milliseconds: at two connections either side can be
      // 0 ms, and their ratio then has no value. The full-size run reports it.
      if (row.metric.includes('latency')) continue;
      for (const figure of [row.product, row.baseline, row.ratio]) {
        expect(Number.isFinite(figure)).toBe(true);
        // Memory grown per subscriber can be negative when a GC lands in between.
        // Which row failed is part of what a failure shows.
        if (!row.metric.includes('memory'))
          expect([`${row.scenario} ${row.metric}`, figure, figure > 0]).toEqual([
            `${row.scenario} ${row.metric}`,
            figure,
            true,
          ]);
      }
    }
    expect(notes.join('\n')).toMatch(/first pass over 1,000 secrets raised 10 warnings/);
    // The product's own work, profiled in one more round of each scenario it serves (B6's
    // pass runs in the bench's process; the decomposition has no single product side).
    expect(profiles.map((profile) => profile.scenario)).toEqual(['B5', 'B1', 'B2', 'B3', 'B4']);
    for (const { profile } of profiles) {
      expect(summarizeProfile(profile)).toMatch(/^Busy [\d,]+ ms of [\d,]+ ms sampled/);
    }
  }, 300_000);
});
