// `pnpm bench`: the product against its baselines, side by side in one run (issues 7, 13).
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { EmbeddedPostgresError } from '../../apps/server/src/db/embedded-postgres';
import { ensureServerBuilt } from './processes';
import { summarizeProfile } from './profile';
import { decompositionTable, describeMachine, table } from './report';
import { runBench } from './run';
import { parseOptions } from './sizes';

const RESULTS = resolve(__dirname, '../results');
/** Raw profiles, for Chrome DevTools; not committed (.gitignore). */
const PROFILES = join(RESULTS, 'tmp');

async function main(): Promise<void> {
  const { sizes, only, profile } = parseOptions(process.argv.slice(2), process.env);
  const startedAt = new Date();
  ensureServerBuilt();
  const started = performance.now();
  const run = await runBench({
    sizes,
    entry: 'dist',
    only,
    profile,
    log: (line) => console.log(line),
  });
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const targets = table(run.rows.filter((row) => row.group !== 'D'));
  const parts = run.rows.filter((row) => row.group === 'D');
  const decomposition = parts.length > 0 ? decompositionTable(parts) : null;
  console.log(`\n${targets}\n`);
  if (decomposition) console.log(`${decomposition}\n`);
  for (const note of run.notes) console.log(note);

  if (run.profiles.length > 0) await mkdir(PROFILES, { recursive: true });
  const profiles: string[] = [];
  for (const { scenario, profile: cpuProfile } of run.profiles) {
    const file = join(PROFILES, `${scenario}.cpuprofile`);
    await writeFile(file, JSON.stringify(cpuProfile));
    profiles.push(
      `### ${scenario}`,
      '',
      `The product during one more product round after the measured ones (raw profile: \`bench/results/tmp/${scenario}.cpuprofile\`, not committed).`,
      '',
      summarizeProfile(cpuProfile),
      '',
    );
  }

  const report = [
    '# Benchmark results',
    '',
    'Produced by `pnpm bench`. Each figure is the median of interleaved rounds; the ratio is',
    'the median of the rounds’ ratios (see the README’s Benchmarks section for each row).',
    '',
    '## Targets',
    '',
    targets,
    '',
    ...(run.notes.length > 0 ? [...run.notes.map((note) => `- ${note}`), ''] : []),
    ...(decomposition
      ? [
          '## Decomposition',
          '',
          `Where the cost of \`secret(id)\` comes from: each request's throughput as a share of the bare node:http + pg server reading the same row (B1's baseline), ${sizes.connections} connections, all in the same interleaved rounds.`,
          '',
          decomposition,
          '',
        ]
      : []),
    ...(profiles.length > 0
      ? [
          profile === 'all' ? '## Profiles' : '## Profiles of the scenarios that miss a target',
          '',
          ...profiles,
        ]
      : []),
    '## Machine',
    '',
    describeMachine({ postgres: run.postgres, startedAt, note: process.env.BENCH_NOTE }),
    `- Sizes: ${JSON.stringify(sizes)}`,
    `- Duration: ${minutes} min`,
    '',
  ].join('\n');
  // Formatted as `pnpm lint` wants every committed file.
  const file = join(RESULTS, 'latest.md');
  const options = await resolveConfig(file);
  await writeFile(file, await format(report, { ...options, filepath: file }));
  console.log(`Written to bench/results/latest.md (${minutes} min).`);
}

main().catch((error: unknown) => {
  // A database that cannot start says what to change in one line; anything else, its stack.
  if (error instanceof EmbeddedPostgresError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
