import { asyncScheduler } from 'rxjs';
import { resolveEdgarSourceOptions } from './edgar-source-options';

const userAgent = 'Secfeed Tests tests@secfeed.example';

describe('resolveEdgarSourceOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveEdgarSourceOptions({ userAgent });
    expect(resolved).toMatchObject({
      feedUrl: 'https://www.sec.gov/cgi-bin/browse-edgar',
      userAgent,
      pollIntervalMs: 5000,
      pageSize: 100,
      maxPagesPerPoll: 10,
      maxRequestsPerSecond: 5,
      requestTimeoutMs: 30_000,
      tickers: {},
      scheduler: asyncScheduler,
      now: Date.now,
    });
    expect(resolved.fetch).toEqual(expect.any(Function));
  });

  it.each([undefined, '', 'secfeed', 'tests@secfeed.example'])(
    'throws naming SEC_USER_AGENT for user agent %j',
    (value) => {
      expect(() =>
        resolveEdgarSourceOptions({ userAgent: value as unknown as string }),
      ).toThrow(/SEC_USER_AGENT/);
    },
  );

  it.each([
    [{ maxRequestsPerSecond: 11 }, /maxRequestsPerSecond/],
    [{ maxRequestsPerSecond: 0 }, /maxRequestsPerSecond/],
    [{ maxRequestsPerSecond: Number.NaN }, /maxRequestsPerSecond/],
    [{ pageSize: 101 }, /pageSize/],
    [{ pageSize: 0 }, /pageSize/],
    [{ maxPagesPerPoll: 0 }, /maxPagesPerPoll/],
    [{ pollIntervalMs: 1.5 }, /pollIntervalMs/],
    [{ requestTimeoutMs: 0 }, /requestTimeoutMs/],
    [{ feedUrl: 'ftp://sec.gov/feed' }, /feedUrl/],
    [
      { feedUrl: 'https://www.sec.gov/cgi-bin/browse-edgar?action=x' },
      /feedUrl/,
    ],
    [{ feedUrl: 'not a url' }, /feedUrl/],
    [{ tickers: 'AAPL' as unknown as Record<string, string> }, /tickers/],
    [{ fetch: 'no' as unknown as typeof fetch }, /fetch/],
  ])('refuses %j', (options, message) => {
    expect(() => resolveEdgarSourceOptions({ userAgent, ...options })).toThrow(
      message,
    );
  });

  it('allows exactly the SEC limit of 10 requests per second', () => {
    expect(
      resolveEdgarSourceOptions({ userAgent, maxRequestsPerSecond: 10 })
        .maxRequestsPerSecond,
    ).toBe(10);
  });
});
