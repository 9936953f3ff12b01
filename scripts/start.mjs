#!/usr/bin/env node
// `pnpm start`: builds whatever is missing or older than its sources, then runs the server
// in the foreground, forwarding SIGINT and SIGTERM so that it shuts down in order.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

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

const server = join(root, 'apps/server');
const web = join(root, 'apps/web');
if (stale(join(server, 'dist/main.js'), [join(server, 'src')])) build('@secrets/server');
if (stale(join(web, 'dist/index.html'), [join(web, 'src'), join(web, 'index.html')]))
  build('@secrets/web');

const child = spawn(process.execPath, [join(server, 'dist/main.js')], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
