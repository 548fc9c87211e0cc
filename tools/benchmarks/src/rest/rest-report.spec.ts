import { summarize } from '../lib/percentiles';
import { runFigures, runLine } from './rest-report';

describe('runFigures', () => {
  it('gives the rate over the window, latency to 2 decimals and the bytes per reply', () => {
    const run = {
      latency: summarize([3.125, 1.5, 250.5, 2.25]),
      errors: { '503': 2 },
      bytes: 10_000,
      replies: 3,
    };
    const figures = runFigures(run, 2);
    expect(figures).toMatchObject({
      requests: 4,
      rps: 2,
      p50: 2.25,
      p99: 250.5,
      max: 250.5,
      errors: { '503': 2 },
      bytesPerPage: 3333,
    });
    expect(runLine('saturation (closed loop)', figures)).toBe(
      'saturation (closed loop): 4 requests (2/s), p50 2.25 ms, p99 250.5 ms, max 250.5 ms, 3333 B/page, non-200 {"503":2}',
    );
  });

  it('counts no bytes per page when nothing answered', () => {
    const run = { latency: summarize([]), errors: {}, bytes: 0, replies: 0 };
    expect(runFigures(run, 20).bytesPerPage).toBe(0);
  });
});
