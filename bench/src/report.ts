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
  /** A bound on the median ratio, or on the product's own median figure, or both. */
  target: { ratio?: Bound; product?: Bound & { unit: string } };
}

export interface Row {
  scenario: string;
  metric: string;
  product: number;
  baseline: number;
  ratio: number;
  target: string;
  pass: boolean;
}

/** The row of a scenario that could not finish (see the notes for why). */
export const failedRow = (scenario: string): Row => ({
  scenario,
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

export function toRow(comparison: Comparison): Row {
  const ratios = comparison.product.map((product, round) => {
    const baseline = comparison.baseline[round] ?? Number.NaN;
    return comparison.ratio === 'product/baseline' ? product / baseline : baseline / product;
  });
  const row = {
    scenario: comparison.scenario,
    metric: comparison.metric,
    product: median(comparison.product),
    baseline: median(comparison.baseline),
    ratio: median(ratios),
  };
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

export function table(rows: readonly Row[]): string {
  const header = ['scenario', 'metric', 'product', 'baseline', 'median ratio', 'target', 'result'];
  const body = rows.map((row) => [
    row.scenario,
    row.metric,
    format(row.product),
    format(row.baseline),
    `${row.ratio.toFixed(2)}×`,
    row.target,
    row.pass ? 'pass' : 'FAIL',
  ]);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
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
