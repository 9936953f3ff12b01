import { runEvery } from './periodic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runEvery', () => {
  it('never runs two passes at once, and stop waits for the pass in progress', async () => {
    let running = 0;
    let overlapped = false;
    let finished = 0;
    const task = runEvery(
      5,
      async () => {
        running += 1;
        overlapped ||= running > 1;
        await sleep(30);
        running -= 1;
        finished += 1;
      },
      () => undefined,
    );
    await sleep(50);
    await task.stop();
    expect(overlapped).toBe(false);
    expect(running).toBe(0);
    const stopped = finished;
    await sleep(40);
    expect(finished).toBe(stopped);
  });

  it('reports a failed pass and goes on', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const task = runEvery(
      5,
      async () => {
        passes += 1;
        if (passes === 1) throw new Error('first pass failed');
      },
      (error) => errors.push(error),
    );
    await sleep(40);
    await task.stop();
    expect(errors).toEqual([new Error('first pass failed')]);
    expect(passes).toBeGreaterThan(1);
  });
});
