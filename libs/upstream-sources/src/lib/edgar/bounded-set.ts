/**
 * A set that remembers at most `capacity` keys, forgetting the oldest insertion first.
 *
 * The EDGAR source keeps the accession numbers it already emitted so that the next poll sends
 * only new filings; the feed shows the latest few hundred filings, so a few thousand keys are
 * plenty and memory stays flat over months. Relies on `Set` keeping insertion order.
 *
 * @example
 * ```ts
 * const seen = new BoundedSet<string>(2);
 * seen.add('a'); seen.add('b'); seen.add('c');
 * seen.has('a'); // false: evicted
 * ```
 */
export class BoundedSet<T> {
  private readonly keys = new Set<T>();

  /** @throws RangeError when `capacity` is not an integer >= 1. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(
        `BoundedSet: capacity must be an integer >= 1, got ${capacity}`,
      );
    }
  }

  get size(): number {
    return this.keys.size;
  }

  has(key: T): boolean {
    return this.keys.has(key);
  }

  /** Adds `key` (a key already present keeps its age) and evicts the oldest beyond capacity. */
  add(key: T): this {
    if (this.keys.has(key)) return this;
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next().value as T;
      this.keys.delete(oldest);
    }
    return this;
  }

  /**
   * Forgets `key`; true if it was there. A key added again afterwards counts as the newest.
   * The EDGAR source forgets filings its consumer dropped, so that a later poll emits them again.
   */
  delete(key: T): boolean {
    return this.keys.delete(key);
  }
}
