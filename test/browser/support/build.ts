// Makes sure apps/web/dist holds a build of the current SPA sources before a browser test
// file starts its server. Parallel jest workers share one build: a lock directory lets one
// of them build while the others wait, and a stamp per jest run makes every later file of
// the run trust that check, so that a source edited mid-run never rebuilds (and briefly
// empties) dist under a browser that is loading it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../..');
const WEB = join(REPO, 'apps/web');
const DIST_INDEX = join(WEB, 'dist/index.html');
/** What the bundle is made of; component tests are not. */
const INPUTS = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'package.json'),
  join(REPO, 'packages/schema/generated'),
  join(REPO, 'packages/rules/src'),
];
const BUILD_TIMEOUT_MS = 300_000;
const STALE_LOCK_MS = BUILD_TIMEOUT_MS + 60_000;

const key = createHash('sha256').update(REPO).digest('hex').slice(0, 12);
const LOCK = join(tmpdir(), `secrets-web-build-${key}.lock`);
// jest's workers are children of the jest process; in band the test runs in it.
const runId = process.env.JEST_WORKER_ID ? process.ppid : process.pid;
const STAMP = join(tmpdir(), `secrets-web-build-${key}-run-${runId}.ok`);

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  if (!existsSync(DIST_INDEX)) return false;
  const built = statSync(DIST_INDEX).mtimeMs;
  return INPUTS.every((input) => newestMtime(input) <= built);
}

// Not `instanceof Error`: Node's errors come from another realm than jest's test context.
const hasCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === code;

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return hasCode(error, 'EPERM');
  }
};

/** Takes the lock, or removes it when its owner died or it is older than any build. */
function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    writeFileSync(join(LOCK, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if (!hasCode(error, 'EEXIST')) throw error;
  }
  let owner = 0;
  try {
    owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
  } catch {
    // The owner is between mkdir and writing its pid: wait.
  }
  const stats = statSync(LOCK, { throwIfNoEntry: false });
  const age = stats ? Date.now() - stats.mtimeMs : 0;
  if ((owner > 0 && !processAlive(owner)) || age > STALE_LOCK_MS) {
    rmSync(LOCK, { recursive: true, force: true });
  }
  return false;
}

/** Stamps of finished jest runs; they are tiny, but need not pile up. */
function removeOldStamps(): void {
  const prefix = `secrets-web-build-${key}-run-`;
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.slice(prefix.length, -'.ok'.length));
    if (name.startsWith(prefix) && pid > 0 && !processAlive(pid)) {
      rmSync(join(tmpdir(), name), { force: true });
    }
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function build(): void {
  const started = Date.now();
  const result = spawnSync('pnpm', ['--filter', '@secrets/web', 'build'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().slice(-4000);
    throw new Error(
      `Building the SPA for the browser tests failed (pnpm --filter @secrets/web build, ` +
        `${result.error ? String(result.error) : `exit ${String(result.status)}`}):\n${output}`,
    );
  }
  console.log(`Built the SPA for the browser tests in ${Date.now() - started} ms.`);
}

/**
 * Builds the SPA once per jest run when dist is missing or older than its sources.
 * BROWSER_TESTS_NO_BUILD=1 uses dist as it is (it must exist).
 */
export async function ensureSpaBuilt(): Promise<void> {
  if (process.env.BROWSER_TESTS_NO_BUILD) {
    // A build started elsewhere empties dist for a moment: give it time to finish.
    const deadline = Date.now() + 30_000;
    while (!existsSync(DIST_INDEX)) {
      if (Date.now() > deadline)
        throw new Error(`BROWSER_TESTS_NO_BUILD is set but ${DIST_INDEX} is missing.`);
      await sleep(200);
    }
    return;
  }
  if (existsSync(STAMP) && existsSync(DIST_INDEX)) return;
  const deadline = Date.now() + STALE_LOCK_MS;
  while (!tryLock()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for the SPA build lock ${LOCK}.`);
    await sleep(200);
  }
  try {
    // Another worker may have built while this one waited.
    if (!(existsSync(STAMP) && existsSync(DIST_INDEX)) && !isFresh()) build();
    removeOldStamps();
    writeFileSync(STAMP, new Date().toISOString());
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
