import { connectApi, type Api } from './api';
import { startDatabase, type BenchDatabase } from './database';
import type { ProductProfiler } from './measure';
import { createPki, type Pki } from './pki';
import { freePort } from './ports';
import { InspectorProfiler } from './profile';
import {
  startBaselines,
  startProduct,
  type BaselinesProcess,
  type ProductEntry,
  type ProductProcess,
} from './processes';

/** Everything a scenario needs: the fresh database, the product, the baselines. */
export interface BenchContext {
  database: BenchDatabase;
  product: ProductProcess;
  baselines: BaselinesProcess;
  /** The CA the HTTPS peer's certificate chains to. */
  pki: Pki;
  api: Api;
  /** The product's inspector session, when the run profiles (`--profile`). */
  inspector: InspectorProfiler | null;
  /** For the scenario under way: pass it to `interleave` (null unless the run profiles). */
  profiler: ProductProfiler | null;
  /** Adds a line to the report's notes, e.g. a figure with no baseline. */
  note(line: string): void;
  notes: string[];
  close(): Promise<void>;
}

/** Starts a fresh database, the baselines child (which makes the TLS CA), then the product. */
export async function startBench(
  entry: ProductEntry,
  options: { profile?: boolean } = {},
): Promise<BenchContext> {
  const stops: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const database = await startDatabase();
    stops.push(() => database.drop());
    const pki = createPki();
    stops.push(async () => pki.remove());
    const baselines = await startBaselines(database.url, pki);
    stops.push(() => baselines.stop());
    const product = await startProduct({
      databaseUrl: database.url,
      caFile: pki.caFile,
      entry,
      inspectPort: options.profile ? await freePort() : undefined,
    });
    stops.push(() => product.stop());
    const inspector = product.inspectPort
      ? await InspectorProfiler.connect(product.inspectPort)
      : null;
    if (inspector) stops.push(async () => inspector.close());
    const api = await connectApi(product.url);
    const notes: string[] = [];
    return {
      database,
      pki,
      product,
      baselines,
      api,
      inspector,
      profiler: null,
      notes,
      note: (line) => notes.push(line),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
