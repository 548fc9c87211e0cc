import {
  compare,
  comparisonLines,
  formatTable,
  ratio,
  type ServerFigures,
} from './comparison';

function run(
  server: ServerFigures['server'],
  cpu: number,
  p99: number,
): ServerFigures {
  return {
    server,
    open: 10_000,
    delivered: 2_000_000,
    expected: 2_000_000,
    latencyMs: { p50: 12.25, p99, max: p99 * 2 },
    cpuUsPerMessage: cpu,
    systemUsPerMessage: cpu / 2,
    messagesPerWrite: 1.5,
    rssPerConnKB: 6.012,
  };
}

const three = [
  run('secfeed', 8.1, 246),
  run('floor', 6.75, 180),
  run('socketio', 9.72, 1_265),
];

describe('ratio', () => {
  it('divides, and is NaN without a positive finite divisor', () => {
    expect(ratio(8.1, 6.75)).toBeCloseTo(1.2, 10);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
    expect(ratio(1, Number.POSITIVE_INFINITY)).toBeNaN();
  });
});

describe('compare', () => {
  it('gives secfeed / floor and Socket.IO / secfeed', () => {
    const r = compare(three);
    expect(r.cpuSecfeedToFloor).toBeCloseTo(1.2, 10);
    expect(r.p99SecfeedToFloor).toBeCloseTo(246 / 180, 10);
    expect(r.cpuSocketioToSecfeed).toBeCloseTo(1.2, 10);
    expect(r.p99SocketioToSecfeed).toBeCloseTo(1_265 / 246, 10);
  });

  it('is NaN for a server that did not run', () => {
    const r = compare([run('secfeed', 8.1, 246), run('socketio', 9.72, 1_265)]);
    expect(r.cpuSecfeedToFloor).toBeNaN();
    expect(r.p99SecfeedToFloor).toBeNaN();
    expect(r.cpuSocketioToSecfeed).toBeCloseTo(1.2, 10);
  });
});

describe('formatTable', () => {
  it('pads every column to its widest cell, the first to the left', () => {
    expect(
      formatTable(
        ['server', 'p99'],
        [
          ['floor', '180.0'],
          ['socketio', '1,265.0'],
        ],
      ),
    ).toEqual([
      'server        p99',
      '--------  -------',
      'floor       180.0',
      'socketio  1,265.0',
    ]);
  });
});

describe('comparisonLines', () => {
  it('prints one row per server, then the ratios', () => {
    const lines = comparisonLines(three);
    expect(lines[2]).toBe(
      'secfeed    10,000  2,000,000  2,000,000    12.3    246.0    492.0        8.10       4.05        1.50         6.01',
    );
    expect(lines[0]).toBe(
      'server    clients  delivered         of  p50 ms   p99 ms   max ms  CPU us/msg  of it sys  msgs/write  RSS kB/conn',
    );
    expect(lines[4]).toBe(
      'socketio   10,000  2,000,000  2,000,000    12.3  1,265.0  2,530.0        9.72       4.86        1.50         6.01',
    );
    expect(lines[5]).toBe(
      'secfeed / floor: CPU per message 1.20x, p99 1.37x (1 = at the floor)',
    );
    expect(lines[6]).toBe(
      'Socket.IO / secfeed: CPU per message 1.20x, p99 5.14x (above 1 = secfeed better)',
    );
  });

  it('leaves out the ratios of a server that did not run', () => {
    const lines = comparisonLines([
      run('secfeed', 8.1, 246),
      run('floor', 6.75, 180),
    ]);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe(
      'secfeed / floor: CPU per message 1.20x, p99 1.37x (1 = at the floor)',
    );
  });
});
