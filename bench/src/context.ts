import { connectApi, type Api } from './api';
import { startDatabase, type BenchDatabase } from './database';
import { createPki, type Pki } from './pki';
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
  /** Adds a line to the report's notes, e.g. a figure with no baseline. */
  note(line: string): void;
  notes: string[];
  close(): Promise<void>;
}

/** Starts a fresh database, the baselines child (which makes the TLS CA), then the product. */
export async function startBench(entry: ProductEntry): Promise<BenchContext> {
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
    });
    stops.push(() => product.stop());
    const api = await connectApi(product.url);
    const notes: string[] = [];
    return {
      database,
      pki,
      product,
      baselines,
      api,
      notes,
      note: (line) => notes.push(line),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
