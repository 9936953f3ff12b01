import { summarizeProfile, type CpuProfile } from './profile';

const frame = (functionName: string, url: string, lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

describe('summarizeProfile', () => {
  it('gives each function the time until the next sample, as a share of the busy time', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('(idle)', '') },
        {
          id: 3,
          callFrame: frame(
            'getQuery',
            'file:///repo/node_modules/.pnpm/typeorm@0.3.27/node_modules/typeorm/query-builder/SelectQueryBuilder.js',
            46,
          ),
        },
        { id: 4, callFrame: frame('authenticate', 'file:///repo/apps/server/dist/auth/a.js', 9) },
        { id: 5, callFrame: frame('writev', '') },
      ],
      startTime: 0,
      endTime: 10_000,
      // Samples at 0, 1000, 4000, 6000 and 9000 µs: 1, 3, 2, 3 and 1 ms long.
      samples: [2, 3, 4, 3, 5],
      timeDeltas: [0, 1000, 3000, 2000, 3000],
    };
    const summary = summarizeProfile(profile);
    // 10 ms sampled, 1 ms idle: getQuery 6 ms, authenticate 2 ms and writev 1 ms of 9 busy.
    expect(summary).toMatch(/^Busy 9 ms of 10 ms sampled \(90\.0%\)/);
    const lines = summary.split('\n').filter((line) => line.startsWith('| ') && /\d%/.test(line));
    expect(lines).toEqual([
      '| 66.7% | getQuery | typeorm | query-builder/SelectQueryBuilder.js:47 |',
      '| 22.2% | authenticate | server | dist/auth/a.js:10 |',
      '| 11.1% | writev | (native) |  |',
    ]);
    expect(summary).toMatch(/By package: typeorm 66\.7%, server 22\.2%, \(native\) 11\.1%/);
  });
});
