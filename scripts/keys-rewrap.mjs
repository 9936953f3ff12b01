#!/usr/bin/env node
// `pnpm keys:rewrap`: builds the server if needed, then rewraps every data key to the
// current master key (apps/server/src/keys/rewrap-cli.ts). SIGINT lets the current batch
// commit before it stops.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildServerIfStale, serverDir } from './build-if-stale.mjs';

buildServerIfStale();

const child = spawn(
  process.execPath,
  [join(serverDir, 'dist/keys/rewrap-cli.js'), ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
