#!/usr/bin/env node
// `pnpm start`: builds whatever is missing or older than its sources, then runs the server
// in the foreground, forwarding SIGINT and SIGTERM so that it shuts down in order.
import { spawn } from 'node:child_process';
import { buildServerIfStale, buildWebIfStale } from './build-if-stale.mjs';
import { serverArgs } from './server-process.cjs';

buildServerIfStale();
buildWebIfStale();

const child = spawn(process.execPath, serverArgs(), { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
