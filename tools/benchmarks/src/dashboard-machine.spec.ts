import { parseUptime } from './dashboard-machine';

describe('parseUptime', () => {
  it("reads the 1-minute load average of procps' uptime", () => {
    const text =
      '04:29:33 up 45 min,  0 user,  load average: 7.09, 11.92, 13.16';
    expect(parseUptime(text)).toEqual({ text, load1: 7.09 });
  });

  it('gives NaN for a line without a load average', () => {
    expect(parseUptime('uptime: command not found').load1).toBeNaN();
  });
});
