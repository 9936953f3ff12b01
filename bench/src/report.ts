import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { median, type Rounds } from './measure';

type Bound = { op: '>=' | '<='; value: number };

export interface Comparison {
  scenario: string;
  /** What is compared, with its unit, e.g. "throughput (req/s)". */
  metric: string;
  product: readonly number[];
  baseline: readonly number[];
  /**
   * How a round's ratio is formed: `product/baseline` for throughputs and costs that the
   * target bounds from above; `baseline/product` for times where the target reads as speed.
   */
  ratio: 'product/baseline' | 'baseline/product';
  /**
   * A bound on the median ratio, or on the product's own median figure, or both; none for a
   * row that only informs (the decomposition).
   */
  target?: { ratio?: Bound; product?: Bound & { unit: string } };
}

export interface Row {
  /** The id of the scenario it comes from, e.g. `B1` or `D`. */
  group: string;
  scenario: string;
  metric: string;
  product: number;
  baseline: number;
  ratio: number;
  target: string;
  /** Null when the row has no target. */
  pass: boolean | null;
}

/** The row of a scenario that could not finish (see the notes for why). */
export const failedRow = (group: string): Row => ({
  group,
  scenario: group,
  metric: 'failed, see notes',
  product: Number.NaN,
  baseline: Number.NaN,
  ratio: Number.NaN,
  target: '',
  pass: false,
});

const holds = (bound: Bound, value: number) =>
  bound.op === '>=' ? value >= bound.value : value <= bound.value;

const symbol = (bound: Bound) => (bound.op === '>=' ? '≥' : '≤');

/** The figures of one metric out of interleaved rounds, e.g. `throughput`. */
export const figures = (rounds: Rounds, key: string) => ({
  product: rounds.product.map((sample) => sample[key] ?? Number.NaN),
  baseline: rounds.baseline.map((sample) => sample[key] ?? Number.NaN),
});

export function toRow(group: string, comparison: Comparison): Row {
  const ratios = comparison.product.map((product, round) => {
    const baseline = comparison.baseline[round] ?? Number.NaN;
    return comparison.ratio === 'product/baseline' ? product / baseline : baseline / product;
  });
  const row = {
    group,
    scenario: comparison.scenario,
    metric: comparison.metric,
    product: median(comparison.product),
    baseline: median(comparison.baseline),
    ratio: median(ratios),
  };
  if (!comparison.target) return { ...row, target: '', pass: null };
  const { ratio, product } = comparison.target;
  const parts = [
    ratio && `${symbol(ratio)} ${ratio.value}×`,
    product && `${symbol(product)} ${product.value} ${product.unit}`,
  ].filter(Boolean);
  return {
    ...row,
    target: parts.join(' and '),
    pass: (!ratio || holds(ratio, row.ratio)) && (!product || holds(product, row.product)),
  };
}

const format = (value: number) =>
  !Number.isFinite(value)
    ? String(value)
    : Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en-US')
      : value.toFixed(2);

const markdown = (header: readonly string[], body: readonly (readonly string[])[]) => {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
};

export function table(rows: readonly Row[]): string {
  return markdown(
    ['scenario', 'metric', 'product', 'baseline', 'median ratio', 'target', 'result'],
    rows.map((row) => [
      row.scenario,
      row.metric,
      format(row.product),
      format(row.baseline),
      `${row.ratio.toFixed(2)}×`,
      row.target,
      row.pass === null ? '' : row.pass ? 'pass' : 'FAIL',
    ]),
  );
}

/** The decomposition: each request's throughput as a share of the bare server's. */
export function decompositionTable(rows: readonly Row[]): string {
  return markdown(
    ['request (product)', 'req/s', 'bare server req/s', 'median ratio of the bare server'],
    rows.map((row) => [
      row.scenario,
      format(row.product),
      format(row.baseline),
      `${row.ratio.toFixed(2)}×`,
    ]),
  );
}

export interface Machine {
  postgres: string;
  startedAt: Date;
  note?: string;
}

export function describeMachine(machine: Machine): string {
  const cpu = cpus();
  return [
    `- Date: ${machine.startedAt.toISOString()}`,
    `- CPU: ${cpu[0]?.model.trim() ?? 'unknown'} × ${cpu.length}`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${platform()} ${release()}`,
    `- Node.js: ${process.version}`,
    `- PostgreSQL: ${machine.postgres}`,
    `- Load average at start (1, 5, 15 min): ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
    ...(machine.note ? [`- Note: ${machine.note}`] : []),
  ].join('\n');
}
