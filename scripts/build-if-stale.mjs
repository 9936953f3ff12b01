// Builds the server and the web app when their output is missing or older than their
// sources, so that `pnpm start` and `pnpm keys:rewrap` work right after `pnpm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');
export const serverDir = join(root, 'apps/server');
const webDir = join(root, 'apps/web');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((source) => existsSync(source) && newest(source) > built);
}

function build(filter) {
  const result = spawnSync('pnpm', ['--filter', filter, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

export function buildServerIfStale() {
  const rulesDir = join(root, 'packages/rules');
  if (stale(join(rulesDir, 'dist/index.js'), [join(rulesDir, 'src')])) build('@secrets/rules');
  if (stale(join(serverDir, 'dist/main.js'), [join(serverDir, 'src'), join(rulesDir, 'src')]))
    build('@secrets/server');
}

export function buildWebIfStale() {
  const sources = [
    join(webDir, 'src'),
    join(webDir, 'index.html'),
    join(root, 'packages/rules/src'),
  ];
  if (stale(join(webDir, 'dist/index.html'), sources)) build('@secrets/web');
}
