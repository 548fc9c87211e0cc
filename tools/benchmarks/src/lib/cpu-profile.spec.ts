import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { originOf, selfTimes } from './cpu-profile';

const OWN = 'dist/apps/gateway/main.js';

describe('originOf', () => {
  it('tells own code, npm packages, Node core and native code apart', () => {
    expect(originOf(`file:///work/main/${OWN}`, OWN)).toBe('own code');
    expect(
      originOf('file:///work/main/node_modules/ws/lib/sender.js', OWN),
    ).toBe('ws');
    expect(
      originOf('file:///x/node_modules/@redis/client/dist/a.js', OWN),
    ).toBe('@redis/client');
    expect(originOf('node:internal/stream_base_commons', OWN)).toBe(
      'node: core modules',
    );
    expect(originOf('', OWN)).toBe('native and V8 (no script)');
  });
});

describe('selfTimes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpu-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Samples at 1,010, 1,030, 1,060 and 1,100 us: idle, writev, broadcast, writev.
  const file = join(dir, 'p.cpuprofile');
  writeFileSync(
    file,
    JSON.stringify({
      nodes: [
        {
          id: 1,
          callFrame: { functionName: '(idle)', url: '', lineNumber: -1 },
        },
        {
          id: 2,
          callFrame: { functionName: 'writev', url: '', lineNumber: -1 },
        },
        {
          id: 3,
          callFrame: {
            functionName: 'broadcast',
            url: `file:///w/${OWN}`,
            lineNumber: 99,
          },
        },
      ],
      startTime: 1_000,
      samples: [1, 2, 3, 2],
      timeDeltas: [10, 20, 30, 40],
    }),
  );

  it('sums the time of each sample to its function, most first', () => {
    const times = selfTimes(file);
    expect(times.totalUs).toBe(100);
    expect(times.idleUs).toBe(10);
    expect(times.functions.map((f) => [f.name, f.where, f.us])).toEqual([
      ['writev', '', 60],
      ['broadcast', 'main.js:100', 30],
      ['(idle)', '', 10],
    ]);
  });

  it('keeps only the samples inside the window', () => {
    const times = selfTimes(file, 1_020, 1_060);
    expect(times.totalUs).toBe(50);
    expect(times.functions.map((f) => [f.name, f.us])).toEqual([
      ['broadcast', 30],
      ['writev', 20],
    ]);
  });
});
