import { summarizeFrames } from './dashboard-page';
import { dashboardVerdicts } from './dashboard-verdicts';

// The shape of a real run: 250 kB of initial JS (80 kB gzip), 10 kB of CSS, an Angular warning
// budget of 600 kB.
const bundle = {
  jsRawBytes: 250_000,
  cssRawBytes: 10_000,
  jsGzipBytes: 80_000,
  budget: { warningBytes: 600_000, errorBytes: 1_000_000 },
};
const noLongTask = { count: 0, max: 0, totalMs: 0, longest: [] };

describe('dashboardVerdicts', () => {
  it('meets every target with steady 60 fps frames and no long task', () => {
    const frames = summarizeFrames(Array(600).fill(1000 / 60), 10_000);
    expect(
      dashboardVerdicts(bundle, { frames, longTasks: noLongTask }),
    ).toEqual({
      longTasksMet: true,
      framesMet: true,
      jsMet: true,
      budgetMet: true,
      initialRawBytes: 260_000,
    });
  });

  it('misses frames when 2 % are late, and long tasks over 50 ms', () => {
    const frames = summarizeFrames(
      [...Array(98).fill(16), ...Array(2).fill(40)],
      1_664,
    );
    const longTasks = { count: 1, max: 51, totalMs: 51, longest: [51] };
    const verdicts = dashboardVerdicts(bundle, { frames, longTasks });
    expect(verdicts.framesMet).toBe(false);
    expect(verdicts.longTasksMet).toBe(false);
  });

  it('goes over a 300 kB compressed bundle and over the budget, met when there is none', () => {
    const big = { ...bundle, jsGzipBytes: 300_001, jsRawBytes: 595_000 };
    const frames = summarizeFrames([16], 16);
    const over = dashboardVerdicts(big, { frames, longTasks: noLongTask });
    expect([over.jsMet, over.budgetMet]).toEqual([false, false]);
    expect(
      dashboardVerdicts(
        { ...big, budget: null },
        { frames, longTasks: noLongTask },
      ).budgetMet,
    ).toBe(true);
  });
});
