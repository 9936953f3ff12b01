import { concurrencyLimit } from './concurrency-limit';

/** A task that runs until `finish` is called, recording when it started. */
function controlledTask(started: string[], name: string) {
  let finish: (fail?: boolean) => void = () => undefined;
  const run = () =>
    new Promise<string>((done, failed) => {
      started.push(name);
      finish = (fail = false) => (fail ? failed(new Error(name)) : done(name));
    });
  return { run, finish: (fail?: boolean) => finish(fail) };
}

const settled = () => new Promise((done) => setImmediate(done));

describe('concurrencyLimit', () => {
  it('runs at most max tasks at once, the rest in order as places free up', async () => {
    const limit = concurrencyLimit(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => controlledTask(started, name));
    const outcomes = Promise.allSettled(tasks.map((task) => limit(task.run)));
    await settled();
    expect(started).toEqual(['a', 'b']);

    tasks[1]?.finish();
    await settled();
    expect(started).toEqual(['a', 'b', 'c']);

    tasks[0]?.finish(true);
    await settled();
    expect(started).toEqual(['a', 'b', 'c', 'd']);

    tasks[2]?.finish();
    tasks[3]?.finish();
    await expect(outcomes).resolves.toEqual([
      { status: 'rejected', reason: new Error('a') },
      { status: 'fulfilled', value: 'b' },
      { status: 'fulfilled', value: 'c' },
      { status: 'fulfilled', value: 'd' },
    ]);
  });

  it('starts a task at once when a place is free again', async () => {
    const limit = concurrencyLimit(1);
    const started: string[] = [];
    const first = controlledTask(started, 'first');
    const running = limit(first.run);
    await settled();
    first.finish();
    await running;
    const second = controlledTask(started, 'second');
    const next = limit(second.run);
    await settled();
    expect(started).toEqual(['first', 'second']);
    second.finish();
    await expect(next).resolves.toBe('second');
  });
});
