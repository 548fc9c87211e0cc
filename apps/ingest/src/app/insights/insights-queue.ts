/**
 * A bounded FIFO that makes room by dropping its oldest item: the newest filings' insights are
 * the ones a trader still waits for. O(1) push and shift (a ring over a fixed array).
 */
export class DropOldestQueue<T> {
  private readonly items: Array<T | undefined>;
  private head = 0;
  private size = 0;

  /** @throws RangeError unless `capacity` is a whole number >= 1. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(
        `queue capacity must be a whole number >= 1, got ${capacity}`,
      );
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Adds `item` at the tail; returns the item dropped from the head to make room, if any. */
  push(item: T): T | undefined {
    let dropped: T | undefined;
    if (this.size === this.capacity) dropped = this.shift();
    this.items[(this.head + this.size) % this.capacity] = item;
    this.size += 1;
    return dropped;
  }

  /** Removes and returns the head, or undefined when empty. */
  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size -= 1;
    return item;
  }

  /** Empties the queue, returning what it held, oldest first. */
  drain(): T[] {
    const all: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift())
      all.push(item);
    return all;
  }
}
