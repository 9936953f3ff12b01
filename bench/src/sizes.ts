import type { ProfileMode } from './profile';

/** How big each scenario is. The full run uses the defaults; the smoke test tiny ones. */
export interface Sizes {
  /** Interleaved A/B rounds per scenario, after one warm-up of each side. */
  rounds: number;
  /** Length of one side's round of HTTP load. */
  roundMs: number;
  /** Length of each side's warm-up. */
  warmupMs: number;
  /** Concurrent connections (or workers) on each side. */
  connections: number;
  /** WebSocket subscribers in B5. */
  subscribers: number;
  /** Secrets in the table that B6 scans (1% of them inside a warning window). */
  scanRows: number;
}

export const FULL_SIZES: Sizes = {
  rounds: 5,
  roundMs: 3000,
  warmupMs: 2000,
  connections: 50,
  subscribers: 2000,
  scanRows: 1_000_000,
};

const FLAGS: Record<string, keyof Sizes> = {
  rounds: 'rounds',
  'round-ms': 'roundMs',
  'warmup-ms': 'warmupMs',
  connections: 'connections',
  subscribers: 'subscribers',
  'scan-rows': 'scanRows',
};

/**
 * `--rounds=7 --round-ms=5000 …` or BENCH_ROUNDS=7 BENCH_ROUND_MS=5000 …; flags win.
 * `--only=B1,D` (BENCH_ONLY) runs some scenarios only. `--profile` (BENCH_PROFILE=misses)
 * profiles the product and reports the scenarios that miss a target; `--profile=all`, all.
 */
export function parseOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { sizes: Sizes; only: string[] | null; profile: ProfileMode | null } {
  const sizes = { ...FULL_SIZES };
  const read = (flag: string) => {
    const prefix = `--${flag}=`;
    const fromFlag = argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
    return fromFlag ?? env[`BENCH_${flag.toUpperCase().replace(/-/g, '_')}`];
  };
  for (const [flag, key] of Object.entries(FLAGS)) {
    const text = read(flag);
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `--${flag} (BENCH_${flag.toUpperCase().replace(/-/g, '_')}) must be a whole number ≥ 1, not "${text}".`,
      );
    }
    sizes[key] = value;
  }
  const only = read('only');
  const profile = argv.includes('--profile') ? 'misses' : read('profile') || null;
  const isMode = (text: string): text is ProfileMode => text === 'misses' || text === 'all';
  if (profile !== null && !isMode(profile)) {
    throw new Error(`--profile (BENCH_PROFILE) is "misses" or "all", not "${profile}".`);
  }
  return {
    sizes,
    only: only ? only.split(',').map((name) => name.trim().toUpperCase()) : null,
    profile,
  };
}
