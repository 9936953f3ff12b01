import { runEvery } from './periodic';

// Fake timers: the passes and their waits run on jest's clock, so no assertion hangs on a
// real delay being long enough.
beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runEvery', () => {
  it('never runs two passes at once, and stop waits for the pass in progress', async () => {
    let running = 0;
    let overlapped = false;
    let started = 0;
    let finished = 0;
    const task = runEvery(
      5,
      async () => {
        started += 1;
        running += 1;
        overlapped ||= running > 1;
        await wait(30);
        running -= 1;
        finished += 1;
      },
      () => undefined,
    );
    // Ticks every 5 ms; each pass takes 30: the ticks during a pass start nothing.
    await jest.advanceTimersByTimeAsync(50);
    expect([started, finished]).toEqual([2, 1]);
    const stopping = task.stop();
    await jest.advanceTimersByTimeAsync(30);
    await stopping;
    expect(overlapped).toBe(false);
    expect([running, started, finished]).toEqual([0, 2, 2]);
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
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
    await jest.advanceTimersByTimeAsync(20);
    await task.stop();
    expect(errors).toEqual([new Error('first pass failed')]);
    expect(passes).toBe(4);
  });
});
