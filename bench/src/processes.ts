import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  isFromBaselines,
  type BaselinesReady,
  type BroadcastSent,
  type FromBaselines,
} from './baselines/protocol';
import type { Pki } from './pki';
import { freePort } from './ports';
// The flags and entry `pnpm start` uses: the bench runs the product as it is deployed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SERVER_NODE_FLAGS, serverArgs } = require('../../scripts/server-process.cjs') as {
  SERVER_NODE_FLAGS: string[];
  serverArgs: () => string[];
};

const root = resolve(__dirname, '../..');
const serverDir = join(root, 'apps/server');
const benchDir = resolve(__dirname, '..');

export const ADMIN_EMAIL = 'bench@example.com';
export const ADMIN_PASSWORD = randomBytes(18).toString('base64url');

/** How the product is started: its production build (the bench), or its sources (the smoke test). */
export type ProductEntry = 'dist' | 'source';

/**
 * Builds what the server's dist needs (packages/rules, then the server) when it is missing or
 * older than its sources, with the very code `pnpm start` uses (scripts/build-if-stale.mjs).
 */
export function ensureServerBuilt(): void {
  const script = pathToFileURL(join(root, 'scripts/build-if-stale.mjs')).href;
  const result = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { buildServerIfStale } from ${JSON.stringify(script)}; buildServerIfStale();`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('The server build failed.');
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => output;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

export interface ProductProcess {
  url: string;
  pid: number;
  /** The loopback port of its inspector, when started with one. */
  inspectPort?: number;
  stop(): Promise<void>;
}

/** The product as it is deployed: NODE_ENV=production, its own process, a loopback port. */
export async function startProduct(options: {
  databaseUrl: string;
  caFile: string;
  entry: ProductEntry;
  /** Opens the inspector on this loopback port (for `--profile`). */
  inspectPort?: number;
}): Promise<ProductProcess> {
  const port = await freePort();
  const args =
    options.entry === 'dist'
      ? serverArgs()
      : [...SERVER_NODE_FLAGS, '--conditions=source', '-r', '@swc-node/register', 'src/main.ts'];
  // e.g. BENCH_PRODUCT_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/profiles', to see where a
  // miss comes from (Node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = process.env.BENCH_PRODUCT_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  if (options.inspectPort) nodeArgs.push(`--inspect=127.0.0.1:${options.inspectPort}`);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      SECRETS_MASTER_KEY: randomBytes(32).toString('base64'),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      HOST: '127.0.0.1',
      PORT: String(port),
      SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
      OUTBOUND_ALLOW_CIDRS: '127.0.0.0/8,::1/128',
      NODE_EXTRA_CA_CERTS: options.caFile,
      // A periodic pass landing in a random round would only add noise; B5 and B6 trigger
      // passes on purpose (E2: right after a secret is created).
      EXPIRY_SCAN_INTERVAL_MS: String(3_600_000),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collectOutput(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The product exited at start:\n${output()}`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`The product did not answer /healthz:\n${output()}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  if (child.pid === undefined) throw new Error('The product has no pid.');
  return {
    url,
    pid: child.pid,
    inspectPort: options.inspectPort,
    stop: () => stopChild(child),
  };
}

export interface BaselinesProcess extends BaselinesReady {
  pid: number;
  /** Asks the child to send `message` to every connected `ws` client; resolves once sent. */
  broadcast(message: string): Promise<number>;
  stop(): Promise<void>;
}

export async function startBaselines(databaseUrl: string, pki: Pki): Promise<BaselinesProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/baselines/main.ts'], {
    cwd: benchDir,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      BENCH_TLS_KEY_FILE: pki.keyFile,
      BENCH_TLS_CERT_FILE: pki.certFile,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = collectOutput(child);
  const next = <T extends FromBaselines>(wanted: (message: FromBaselines) => message is T) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: unknown) => {
        if (!isFromBaselines(message) || !wanted(message)) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = () => reject(new Error(`The baselines exited:\n${output()}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next((message): message is BaselinesReady => message.type === 'ready');
  if (child.pid === undefined) throw new Error('The baselines have no pid.');
  return {
    ...ready,
    pid: child.pid,
    async broadcast(message) {
      const sent = next((message): message is BroadcastSent => message.type === 'broadcast-sent');
      child.send({ type: 'broadcast', message });
      return (await sent).clients;
    },
    stop: () => stopChild(child),
  };
}
