import { DEFAULT_PROFILES, selectProfiles } from './bench-profiles';

describe('selectProfiles', () => {
  it('runs the busy afternoon, then 1,000 clients x 100 filings/s, by default', () => {
    expect(selectProfiles(DEFAULT_PROFILES, 20)).toEqual([
      {
        name: 'busy',
        title: 'busy 4 pm',
        clients: 10_000,
        rate: 10,
        seconds: 20,
      },
      {
        name: 'dense',
        title: 'few clients, many filings',
        clients: 1_000,
        rate: 100,
        seconds: 20,
      },
    ]);
  });

  it('reads <clients>x<rate> and keeps the order asked', () => {
    const profiles = selectProfiles(' 200x5 , stress', 5);
    expect(profiles.map((p) => [p.name, p.clients, p.rate, p.seconds])).toEqual(
      [
        ['200x5', 200, 5, 5],
        ['stress', 10_000, 100, 5],
      ],
    );
  });

  it('names BENCH_PROFILES for an unknown or empty list', () => {
    expect(() => selectProfiles('busy,rush', 20)).toThrow(
      'BENCH_PROFILES: unknown profile "rush"',
    );
    expect(() => selectProfiles('0x10', 20)).toThrow('unknown profile "0x10"');
    expect(() => selectProfiles(' , ', 20)).toThrow(
      'BENCH_PROFILES names no profile',
    );
  });
});
