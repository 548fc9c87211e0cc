import { DropOldestQueue } from './insights-queue';

describe('DropOldestQueue', () => {
  it('keeps order and drops its oldest item when full', () => {
    const queue = new DropOldestQueue<number>(3);
    expect([1, 2, 3].map((n) => queue.push(n))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(queue.push(4)).toBe(1);
    expect(queue.shift()).toBe(2);
    queue.push(5);
    expect(queue.length).toBe(3);
    expect(queue.drain()).toEqual([3, 4, 5]);
    expect(queue.shift()).toBeUndefined();
  });

  it('refuses a capacity that is not a whole number of at least one', () => {
    expect(() => new DropOldestQueue(0)).toThrow(RangeError);
    expect(() => new DropOldestQueue(1.5)).toThrow(RangeError);
  });
});
