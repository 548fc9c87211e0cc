import { boundedCopy } from './bounded-copy';

describe('boundedCopy', () => {
  it('copies values within the limits as they are, without sharing containers', () => {
    const value = { a: [1, 'x', null, { b: true }], c: 'd' };
    const copy = boundedCopy(value, { depth: 5, items: 10 }) as typeof value;
    expect(copy).toEqual(value);
    expect(copy.a).not.toBe(value.a);
  });

  it('replaces containers below the depth limit with empty ones of the same kind', () => {
    expect(
      boundedCopy({ a: { b: { c: 1 } }, l: [[[1]]] }, { depth: 2, items: 10 }),
    ).toEqual({
      a: { b: {} },
      l: [[]],
    });
  });

  it('keeps at most `items` entries of an array', () => {
    expect(boundedCopy([1, 2, 3, 4, 5], { depth: 1, items: 3 })).toEqual([
      1, 2, 3,
    ]);
  });

  it('handles 100,000 levels of nesting without recursion that deep', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(boundedCopy({ deep }, { depth: 3, items: 10 })).toEqual({
      deep: [[[]]],
    });
  });

  it('skips __proto__ keys instead of assigning them', () => {
    const copy = boundedCopy(
      JSON.parse('{"__proto__": {"admin": true}, "a": 1}'),
      { depth: 2, items: 10 },
    );
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as Record<string, unknown>)['admin']).toBeUndefined();
    expect(copy).toEqual({ a: 1 });
  });
});
