import { busyPercent, layoutsPerSecond } from './dashboard-run';

describe('busyPercent and layoutsPerSecond', () => {
  it('relate renderer work to the live window', () => {
    // A live window of 3 s (page clock 10,000 to 13,000 ms) with 63 layouts.
    const run = {
      live: {
        liveFrom: 10_000,
        liveTo: 13_000,
        work: {
          taskMs: 495,
          scriptMs: 123,
          layoutMs: 54,
          styleMs: 18,
          layouts: 63,
          styleRecalcs: 54,
        },
      },
    } as Parameters<typeof busyPercent>[0];
    expect(busyPercent(run, 495)).toBe(16.5);
    expect(layoutsPerSecond(run)).toBe(21);
  });
});
