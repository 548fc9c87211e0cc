import { cpuMs, parseProcessCounters, processCounters } from './proc-stats';

describe('parseProcessCounters', () => {
  it('reads utime, stime and syscw, with spaces in the command name', () => {
    const stat =
      '4242 (node main) S 1 4242 4242 0 -1 4194560 9046 0 0 0 731 169 0 0 20 0 11 0 123 1 2';
    const io =
      'rchar: 6976\nwchar: 10\nsyscr: 10\nsyscw: 2020\nread_bytes: 0\n';
    expect(parseProcessCounters(stat, io, 100)).toEqual({
      userMs: 7_310,
      systemMs: 1_690,
      writeCalls: 2_020,
    });
  });
});

describe('processCounters', () => {
  it('agrees with cpuMs for this process', () => {
    const counters = processCounters(process.pid);
    const total = cpuMs(process.pid);
    expect(counters.writeCalls).toBeGreaterThanOrEqual(0);
    expect(counters.userMs + counters.systemMs).toBeLessThanOrEqual(total);
    expect(counters.userMs + counters.systemMs).toBeGreaterThan(total - 100);
  });
});
