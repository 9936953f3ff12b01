// `pnpm bench`: the product against its baselines, side by side in one run (issue 7).
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EmbeddedPostgresError } from '../../apps/server/src/db/embedded-postgres';
import { ensureServerBuilt } from './processes';
import { describeMachine, table } from './report';
import { runBench } from './run';
import { parseOptions } from './sizes';

async function main(): Promise<void> {
  const { sizes, only } = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  ensureServerBuilt();
  const started = performance.now();
  const { rows, notes, postgres } = await runBench({
    sizes,
    entry: 'dist',
    only,
    log: (line) => console.log(line),
  });
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const results = table(rows);
  console.log(`\n${results}\n`);
  for (const note of notes) console.log(note);

  const report = [
    '# Benchmark results',
    '',
    'Produced by `pnpm bench`. Each figure is the median of interleaved A/B rounds; the ratio is',
    'the median of the rounds’ ratios (see the README’s Benchmarks section for each scenario).',
    '',
    results,
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    '## Machine',
    '',
    describeMachine({ postgres, startedAt, note: process.env.BENCH_NOTE }),
    `- Sizes: ${JSON.stringify(sizes)}`,
    `- Duration: ${minutes} min`,
    '',
  ].join('\n');
  const dir = resolve(__dirname, '../results');
  await mkdir(dir, { recursive: true });
  await writeFile(resolve(dir, 'latest.md'), report);
  console.log(`Written to bench/results/latest.md (${minutes} min).`);
}

main().catch((error: unknown) => {
  // A database that cannot start says what to change in one line; anything else, its stack.
  if (error instanceof EmbeddedPostgresError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
