// `pnpm bench --profile`: the product's CPU profile during one more product round of each
// scenario, through the inspector protocol (the product runs with --inspect on a loopback
// port), summarised by self time so that latest.md can say where a miss comes from.
import WebSocket from 'ws';
import type { ProductProfiler } from './measure';

/** The parts of a V8 CPU profile (Profiler.stop, or a .cpuprofile file) read here. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Which scenarios' profiles go into the report: those with a missed target, or all. */
export type ProfileMode = 'misses' | 'all';

interface Entry {
  label: string;
  where: string;
  pkg: string;
  micros: number;
}

/** `node_modules/.pnpm/x@1/node_modules/@scope/name/lib/a.js` -> `@scope/name`, `lib/a.js`. */
function locate(url: string): { pkg: string; path: string } {
  if (url === '') return { pkg: '(native)', path: '' };
  if (url.startsWith('node:')) return { pkg: 'node (internal)', path: url.slice(5) };
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = path.slice(modules + '/node_modules/'.length).split('/');
    const size = parts[0]?.startsWith('@') ? 2 : 1;
    return { pkg: parts.slice(0, size).join('/'), path: parts.slice(size).join('/') };
  }
  for (const [marker, pkg] of [
    ['/apps/server/', 'server'],
    ['/packages/rules/', '@secrets/rules'],
  ] as const) {
    const at = path.lastIndexOf(marker);
    if (at >= 0) return { pkg, path: path.slice(at + marker.length) };
  }
  return { pkg: 'other', path };
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

/**
 * Markdown: the share of the sampled time the product was busy, its top `top` functions by
 * self time and its packages by self time, as shares of the busy time ((idle) left out).
 */
export function summarizeProfile(profile: CpuProfile, top = 15): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  for (let index = 0; index < samples.length; index++) {
    at += deltas[index] ?? 0;
    // A sample lasts until the next one; the last one until the profile's end.
    const next = index + 1 < samples.length ? (deltas[index + 1] ?? 0) : profile.endTime - at;
    const id = samples[index] ?? -1;
    self.set(id, (self.get(id) ?? 0) + Math.max(0, next));
  }
  const entries = new Map<string, Entry>();
  let idle = 0;
  let total = 0;
  for (const [id, micros] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += micros;
    if (frame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    const { pkg, path } = locate(frame.url);
    const where = path ? `${path}:${frame.lineNumber + 1}` : '';
    const label = frame.functionName || '(anonymous)';
    const key = `${label} ${pkg} ${where}`;
    const entry = entries.get(key) ?? { label, where, pkg, micros: 0 };
    entry.micros += micros;
    entries.set(key, entry);
  }
  const busy = total - idle;
  if (busy <= 0) return 'The product was idle for the whole profile.';
  const functions = [...entries.values()].sort((a, b) => b.micros - a.micros).slice(0, top);
  const packages = new Map<string, number>();
  for (const entry of entries.values())
    packages.set(entry.pkg, (packages.get(entry.pkg) ?? 0) + entry.micros);
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `Busy ${Math.round(busy / 1000).toLocaleString('en-US')} ms of ${Math.round(total / 1000).toLocaleString('en-US')} ms sampled (${percent(busy, total)}). Top ${top} functions by self time, as shares of the busy time:`,
    '',
    '| self | function | package | where |',
    '| --- | --- | --- | --- |',
    ...functions.map(
      (entry) =>
        `| ${percent(entry.micros, busy)} | ${cell(entry.label)} | ${cell(entry.pkg)} | ${cell(entry.where)} |`,
    ),
    '',
    `By package: ${[...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([pkg, micros]) => `${pkg} ${percent(micros, busy)}`)
      .join(', ')}.`,
  ].join('\n');
}

/** One inspector session on the product: Profiler.start and Profiler.stop on demand. */
export class InspectorProfiler {
  private nextId = 0;
  private readonly pending = new Map<number, (message: unknown) => void>();
  /** The raw profiles taken, by scenario id, in the order taken. */
  readonly profiles = new Map<string, CpuProfile>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { id?: number };
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  /** Connects to the inspector the product opened on 127.0.0.1:`port` (--inspect). */
  static async connect(port: number): Promise<InspectorProfiler> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`The product's inspector on port ${port} lists no target.`);
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const profiler = new InspectorProfiler(socket);
    await profiler.send('Profiler.enable');
    return profiler;
  }

  private send(method: string, params: object = {}): Promise<{ result?: unknown }> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => {
        const answer = message as { result?: unknown; error?: { message: string } };
        if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
        else resolve(answer);
      });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A profiler that keeps what it takes under `scenario`, for `interleave`. */
  forScenario(scenario: string): ProductProfiler {
    return {
      during: async (work) => {
        await this.send('Profiler.start');
        try {
          await work();
        } finally {
          const { result } = await this.send('Profiler.stop');
          this.profiles.set(scenario, (result as { profile: CpuProfile }).profile);
        }
      },
    };
  }

  close(): void {
    this.socket.close();
  }
}
