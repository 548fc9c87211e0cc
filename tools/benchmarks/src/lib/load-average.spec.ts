import { describeLoad, parseLoadAverage } from './load-average';

describe('parseLoadAverage', () => {
  it('reads the three averages and the runnable tasks of /proc/loadavg', () => {
    const load = parseLoadAverage('11.58 6.12 2.53 14/369 17419\n');
    expect(load).toEqual({
      one: 11.58,
      five: 6.12,
      fifteen: 2.53,
      tasks: '14/369',
    });
    expect(describeLoad(load)).toBe('11.58 / 6.12 / 2.53 (14/369 runnable)');
  });
});
