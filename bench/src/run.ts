import { startBench } from './context';
import type { ProductEntry } from './processes';
import { settled } from './ports';
import type { CpuProfile, ProfileMode } from './profile';
import { failedRow, toRow, type Row } from './report';
import { SCENARIOS } from './scenarios';
import type { Sizes } from './sizes';

export interface BenchRun {
  rows: Row[];
  notes: string[];
  postgres: string;
  /** With `profile`: the product's CPU profile of each scenario the mode selects. */
  profiles: { scenario: string; profile: CpuProfile }[];
}

/**
 * Starts everything once, runs the scenarios in order (each on a product that has settled
 * after the last), and stops everything, also on failure.
 */
export async function runBench(options: {
  sizes: Sizes;
  entry: ProductEntry;
  only?: readonly string[] | null;
  /** Profiles the product in one more product round of each scenario (see profile.ts). */
  profile?: ProfileMode | null;
  log?: (line: string) => void;
}): Promise<BenchRun> {
  const log = options.log ?? (() => undefined);
  const context = await startBench(options.entry, { profile: Boolean(options.profile) });
  // Ctrl-C still stops the children and drops the database.
  const interrupted = () => void context.close().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const rows: Row[] = [];
    for (const scenario of SCENARIOS) {
      if (options.only && !options.only.includes(scenario.id)) continue;
      await settled(context.product.pid);
      log(`${scenario.id}…`);
      const started = performance.now();
      context.profiler = context.inspector?.forScenario(scenario.id) ?? null;
      try {
        const comparisons = await scenario.run(context, options.sizes);
        rows.push(...comparisons.map((comparison) => toRow(scenario.id, comparison)));
      } catch (error) {
        // One broken scenario still leaves the others' rows; its own row shows the failure.
        const message = error instanceof Error ? error.message : String(error);
        context.note(`${scenario.id} failed: ${message.slice(0, 500)}`);
        rows.push(failedRow(scenario.id));
      }
      log(`${scenario.id} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const missed = new Set(rows.filter((row) => row.pass === false).map((row) => row.group));
    const profiles = [...(context.inspector?.profiles ?? [])]
      .filter(([scenario]) => options.profile === 'all' || missed.has(scenario))
      .map(([scenario, profile]) => ({ scenario, profile }));
    return { rows, notes: context.notes, postgres: context.database.version, profiles };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await context.close();
  }
}
