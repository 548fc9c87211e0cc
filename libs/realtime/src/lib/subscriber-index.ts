import {
  matchesFilters,
  needsInsights,
  type MatchableFiling,
  type NormalizedFilters,
} from '@secfeed/filing-model';

type Bucket = 'ticker' | 'cik' | 'form' | 'insights';

interface Placement {
  readonly filters: NormalizedFilters;
  readonly bucket?: Bucket;
  readonly values: ReadonlySet<string>;
}

const AMENDMENT = '/A';
const INSIGHTS = 'insights';

/**
 * Subscribers indexed by their filters, so that a filing is checked only against candidates
 * that could match it, then confirmed with `matchesFilters` (the dashboard's own function).
 *
 * Each subscriber sits in one place, chosen by its most selective list: the ticker buckets when
 * it lists tickers, else the CIK buckets, else the form-type buckets, else, when it has only
 * insight filters (items, transaction codes...), the insights set, visited only for a filing
 * that carries insights (contracts §6), else the no-filter set. A
 * filing looks up its ticker, its CIK, its form type and, for an amendment, its base form
 * (`10-K` subscribers are candidates for `10-K/A`). With 10,000 subscribers watching a few
 * tickers each, a filing costs a handful of Map lookups, not 10,000 comparisons.
 *
 * @example
 * ```ts
 * const index = new SubscriberIndex<Session>();
 * index.set(session, filters); // replaces the previous filters atomically
 * index.forEachMatch(filing, (s) => s.deliver(entry));
 * ```
 */
export class SubscriberIndex<T> {
  private readonly placements = new Map<T, Placement>();
  private readonly unfiltered = new Set<T>();
  private readonly buckets: Record<Bucket, Map<string, Set<T>>> = {
    ticker: new Map(),
    cik: new Map(),
    form: new Map(),
    // One key: insight-only subscribers are candidates for every filing with insights.
    insights: new Map(),
  };

  /** Subscribers indexed. */
  get size(): number {
    return this.placements.size;
  }

  /** Whether `subscriber` is indexed. */
  has(subscriber: T): boolean {
    return this.placements.has(subscriber);
  }

  /** Indexes `subscriber` with `filters`, replacing what it had. */
  set(subscriber: T, filters: NormalizedFilters): void {
    this.delete(subscriber);
    const placement = place(filters);
    this.placements.set(subscriber, placement);
    if (placement.bucket === undefined) {
      this.unfiltered.add(subscriber);
      return;
    }
    const buckets = this.buckets[placement.bucket];
    for (const value of placement.values) {
      let set = buckets.get(value);
      if (!set) buckets.set(value, (set = new Set()));
      set.add(subscriber);
    }
  }

  /** Removes `subscriber`; no-op when absent. */
  delete(subscriber: T): void {
    const placement = this.placements.get(subscriber);
    if (!placement) return;
    this.placements.delete(subscriber);
    if (placement.bucket === undefined) {
      this.unfiltered.delete(subscriber);
      return;
    }
    const buckets = this.buckets[placement.bucket];
    for (const value of placement.values) {
      const set = buckets.get(value);
      set?.delete(subscriber);
      if (set?.size === 0) buckets.delete(value);
    }
  }

  /** Calls `visit` once for every subscriber whose filters match `filing`. */
  forEachMatch(filing: MatchableFiling, visit: (subscriber: T) => void): void {
    for (const subscriber of this.unfiltered) visit(subscriber);
    this.visitBucket(
      this.buckets.ticker.get(filing.ticker.trim().toUpperCase()),
      filing,
      visit,
    );
    this.visitBucket(
      this.buckets.cik.get(filing.cik.replace(/^0+/, '')),
      filing,
      visit,
    );
    if (filing.insights) {
      this.visitBucket(this.buckets.insights.get(INSIGHTS), filing, visit);
    }
    const form = filing.formType.trim().toUpperCase();
    const exact = this.buckets.form.get(form);
    this.visitBucket(exact, filing, visit);
    if (form.endsWith(AMENDMENT)) {
      const base = this.buckets.form.get(form.slice(0, -AMENDMENT.length));
      // A subscriber listing both `10-K` and `10-K/A` was visited with the exact form already.
      this.visitBucket(base, filing, visit, exact);
    }
  }

  private visitBucket(
    bucket: ReadonlySet<T> | undefined,
    filing: MatchableFiling,
    visit: (subscriber: T) => void,
    visited?: ReadonlySet<T>,
  ): void {
    if (!bucket) return;
    for (const subscriber of bucket) {
      if (visited?.has(subscriber)) continue;
      const placement = this.placements.get(subscriber);
      if (placement && matchesFilters(filing, placement.filters))
        visit(subscriber);
    }
  }
}

function place(filters: NormalizedFilters): Placement {
  if (filters.tickers.size > 0)
    return { filters, bucket: 'ticker', values: filters.tickers };
  if (filters.ciks.size > 0)
    return { filters, bucket: 'cik', values: filters.ciks };
  if (filters.formTypes.size > 0)
    return { filters, bucket: 'form', values: filters.formTypes };
  if (needsInsights(filters))
    return { filters, bucket: 'insights', values: new Set([INSIGHTS]) };
  return { filters, values: new Set() };
}
