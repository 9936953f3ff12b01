// The server in a process of its own, for what an in-process server cannot show: start-up
// from source, signals, and being killed outright.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const serverDir = resolve(__dirname, '../../apps/server');

/** Runs the server from source, as `pnpm dev` does, with only the given environment. */
export function launch(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '-r', '@swc-node/register', 'src/main.ts'],
    {
      cwd: serverDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** The URL the server logs once it listens; fails with its output if it stops or takes 60 s. */
export async function waitForUrl(
  output: () => string,
  exited: Promise<number | null>,
): Promise<string> {
  const deadline = Date.now() + 60_000;
  let stopped = false;
  void exited.then(() => (stopped = true));
  while (Date.now() < deadline && !stopped) {
    const match = /"url":"(http:\/\/[^"]+)"/.exec(output());
    if (match?.[1]) return match[1];
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the server did not start:\n${output()}`);
}
