/** One load of the gateway benchmark: N clients, filings a second, for how long. */
export interface BenchProfile {
  /** What `BENCH_PROFILES` calls it. */
  readonly name: string;
  readonly title: string;
  readonly clients: number;
  /** Filings published a second. */
  readonly rate: number;
  readonly seconds: number;
}

const NAMED: Record<string, Omit<BenchProfile, 'seconds'>> = {
  busy: { name: 'busy', title: 'busy 4 pm', clients: 10_000, rate: 10 },
  dense: {
    name: 'dense',
    title: 'few clients, many filings',
    clients: 1_000,
    rate: 100,
  },
  stress: { name: 'stress', title: 'stress', clients: 10_000, rate: 100 },
};

/** What runs when nothing is asked: the realistic afternoon, then the filing-heavy load. */
export const DEFAULT_PROFILES = 'busy,dense';

const CUSTOM = /^(\d+)x(\d+)$/;

/**
 * The profiles a comma-separated list names, in its order, each run for `seconds`: `busy`
 * (10,000 clients x 10 filings/s), `dense` (1,000 x 100/s), `stress` (10,000 x 100/s), or
 * `<clients>x<rate>` for any other load.
 *
 * @example
 * ```ts
 * selectProfiles('busy,200x5', 20); // busy 10,000 x 10/s, then 200 clients x 5/s, 20 s each
 * ```
 * @throws Error naming `BENCH_PROFILES` for an unknown name or an empty list.
 */
export function selectProfiles(list: string, seconds: number): BenchProfile[] {
  const names = list
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error('BENCH_PROFILES names no profile');
  return names.map((name) => {
    const named = NAMED[name];
    if (named) return { ...named, seconds };
    const custom = CUSTOM.exec(name);
    if (custom && Number(custom[1]) > 0 && Number(custom[2]) > 0) {
      const [clients, rate] = [Number(custom[1]), Number(custom[2])];
      return { name, title: `${clients} x ${rate}/s`, clients, rate, seconds };
    }
    throw new Error(
      `BENCH_PROFILES: unknown profile "${name}" (busy, dense, stress or <clients>x<rate>)`,
    );
  });
}
