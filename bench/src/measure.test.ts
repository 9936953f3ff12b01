import { interleave, interleaveSides } from './measure';

describe('interleaveSides', () => {
  it('warms every side up, then alternates the order of the rounds', async () => {
    const calls: string[] = [];
    const side = (name: string) => async (warmup: boolean) => {
      calls.push(warmup ? `${name} warm-up` : name);
      return { figure: calls.length };
    };
    const result = await interleaveSides(3, { a: side('a'), b: side('b'), c: side('c') });
    expect(calls).toEqual([
      ...['a warm-up', 'b warm-up', 'c warm-up'],
      ...['a', 'b', 'c'],
      ...['c', 'b', 'a'],
      ...['a', 'b', 'c'],
    ]);
    // Each side's samples in round order.
    expect(result.a.map((sample) => sample.figure)).toEqual([4, 9, 10]);
    expect(result.c.map((sample) => sample.figure)).toEqual([6, 7, 12]);
  });

  it('runs one more product round under the profiler, outside the measured rounds', async () => {
    const calls: string[] = [];
    const side = (name: string) => async (warmup: boolean) => {
      calls.push(warmup ? `${name} warm-up` : name);
      return { figure: 1 };
    };
    const rounds = await interleave(2, side('product'), side('baseline'), {
      during: async (work) => {
        calls.push('profiling');
        await work();
        calls.push('profiled');
      },
    });
    expect(calls.slice(-3)).toEqual(['profiling', 'product', 'profiled']);
    expect(rounds.product).toHaveLength(2);
  });
});
