// The fast path must be invisible: for every input, toFiling (fast path, then the slow path when
// it declines) gives exactly what the class-validator path alone gives. Proved on the real
// fixtures, a whole replay day, hand-picked edge cases and a seeded mutation fuzz.
import { isDeepStrictEqual } from 'node:util';
import { replayDay } from '../test-support/replay-day';
import { aapl, joff } from '../test-support/sec-api-fixtures';
import { fastFiling } from './fast-filing';
import { Filing } from './filing';
import { FilingMeta, toFiling, ToFilingResult } from './to-filing';
import { toFilingByClassValidator } from './to-filing-by-class-validator';

const meta: FilingMeta = {
  source: 'sec-api',
  receivedAt: '2025-10-31T10:01:27.123Z',
};

/** Same classes, same own keys in the same order, same values, same JSON. */
function sameFiling(a: Filing, b: Filing): boolean {
  return (
    isDeepStrictEqual(a, b) &&
    sameKeyOrder(a, b) &&
    JSON.stringify(a) === JSON.stringify(b)
  );
}

/** Own key order at every level (isDeepStrictEqual ignores it). */
function sameKeyOrder(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null) {
    return true;
  }
  const keys = Reflect.ownKeys(a);
  return (
    isDeepStrictEqual(keys, Reflect.ownKeys(b as object)) &&
    keys.every((key) =>
      sameKeyOrder(
        (a as Record<PropertyKey, unknown>)[key],
        (b as Record<PropertyKey, unknown>)[key],
      ),
    )
  );
}

/** The two results agree: both accept equal filings, or both refuse with equal reasons. */
function sameResult(a: ToFilingResult, b: ToFilingResult): boolean {
  if (a.ok && b.ok) {
    return sameFiling(a.filing, b.filing);
  }
  return !a.ok && !b.ok && isDeepStrictEqual(a.reasons, b.reasons);
}

/** The fast path accepts `raw` and agrees with the slow path, which accepts it too. */
function expectFastAndEqual(raw: Record<string, unknown>, m = meta): void {
  const fast = fastFiling(raw, m);
  const slow = toFilingByClassValidator(raw, m);
  expect(slow.ok).toBe(true);
  expect(fast).toBeInstanceOf(Filing);
  if (fast && slow.ok) {
    expect(fast).toStrictEqual(slow.filing);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.filing));
    expect(sameKeyOrder(fast, slow.filing)).toBe(true);
  }
}

/** toFiling agrees with the slow path alone, whichever path it took. */
function expectSameAsSlow(raw: unknown, m = meta): ToFilingResult {
  const slow = toFilingByClassValidator(raw, m);
  const result = toFiling(raw, m);
  if (result.ok && slow.ok) {
    expect(result.filing).toStrictEqual(slow.filing);
    expect(JSON.stringify(result.filing)).toBe(JSON.stringify(slow.filing));
  } else {
    expect(result).toStrictEqual(slow);
  }
  expect(sameResult(result, slow)).toBe(true);
  return slow;
}

/** A filing that uses every field of the model, built on Apple's 10-K. */
function richFiling(): Record<string, unknown> {
  return {
    ...aapl(),
    exchange: 'Nasdaq',
    items: ['Item 2.02: Results of Operations and Financial Condition'],
    groupMembers: ['SOME HOLDER LLC', 'ANOTHER HOLDER LP'],
    effectivenessDate: '2025-11-01',
    entities: [
      {
        companyName: 'Apple Inc. (Filer)',
        cik: '0000320193',
        irsNo: '942404110',
        stateOfIncorporation: 'CA',
        fiscalYearEnd: '0927',
        type: '10-K',
        act: '34',
        fileNo: '001-36743',
        filmNo: '251439497',
        sic: '3571 Electronic Computers',
        undefined: '06 Technology)',
      },
    ],
    seriesAndClassesContractsInformation: [
      {
        series: 'S000012345',
        name: 'Growth Fund',
        classesContracts: [
          { classContract: 'C000012345', name: 'Class A', ticker: 'gfax' },
          { classContract: 'C000012346', name: 'Class I' },
        ],
      },
      { series: 'S000099999' },
    ],
  };
}

describe('fastFiling on real data', () => {
  it('accepts both fixtures with the slow path output', () => {
    expectFastAndEqual(aapl());
    expectFastAndEqual(joff());
    expectFastAndEqual(richFiling());
  });

  it('accepts every filing of the replay day with the slow path output', () => {
    const day = replayDay();
    expect(day).toHaveLength(4655);
    const replayMeta: FilingMeta = {
      source: 'replay',
      receivedAt: '2020-01-03T11:00:47.000Z',
    };
    const differing: unknown[] = [];
    for (const raw of day) {
      const fast = fastFiling(raw, replayMeta);
      const slow = toFilingByClassValidator(raw, replayMeta);
      if (!fast || !slow.ok || !sameFiling(fast, slow.filing)) {
        differing.push(raw['accessionNo']);
      }
    }
    expect(differing).toEqual([]);
  });
});

describe('toFiling equals the slow path on edge cases', () => {
  const base = () => joff();
  const emoji = '\u{1F600}';
  const holes: unknown[] = [];
  holes.length = 2;
  class EntityList extends Array<unknown> {}
  const cases: [string, () => Record<string, unknown>, FilingMeta?][] = [
    [
      'ß upper-cases to SS within the cap',
      () => ({ ...base(), ticker: 'ß'.repeat(32) }),
    ],
    [
      'ß upper-cases past the cap',
      () => ({ ...base(), ticker: 'ß'.repeat(33) }),
    ],
    [
      '64 emoji: 128 UTF-16 units, 64 characters',
      () => ({ ...base(), ticker: emoji.repeat(64) }),
    ],
    ['65 emoji', () => ({ ...base(), ticker: emoji.repeat(65) })],
    ['exchange', () => ({ ...base(), exchange: 'Nasdaq' })],
    ['exchange empty', () => ({ ...base(), exchange: '' })],
    ['exchange null', () => ({ ...base(), exchange: null })],
    ['exchange undefined', () => ({ ...base(), exchange: undefined })],
    ['exchange a number', () => ({ ...base(), exchange: 7 })],
    ['exchange an object', () => ({ ...base(), exchange: { name: 'NYSE' } })],
    ['exchange at the cap', () => ({ ...base(), exchange: 'N'.repeat(64) })],
    ['exchange past the cap', () => ({ ...base(), exchange: 'N'.repeat(65) })],
    ['64 emoji of exchange', () => ({ ...base(), exchange: emoji.repeat(64) })],
    [
      'variation selectors',
      () => ({ ...base(), companyName: '\u2764\uFE0F'.repeat(300) }),
    ],
    [
      'formType padded past the cap, trimmed within it',
      () => ({ ...base(), formType: ` ${'X'.repeat(64)}\u00a0\n ` }),
    ],
    ['formType of whitespace', () => ({ ...base(), formType: ' \t\u00a0' })],
    [
      'cik with 100 leading zeros',
      () => ({ ...base(), cik: `${'0'.repeat(100)}1750` }),
    ],
    ['cik all zeros', () => ({ ...base(), cik: '0000000000' })],
    ['cik of 11 significant digits', () => ({ ...base(), cik: '12345678901' })],
    ['cik as a number', () => ({ ...base(), cik: 1750 })],
    [
      'entity cik null',
      () => ({ ...base(), entities: [{ cik: null, companyName: 'X' }] }),
    ],
    [
      'entity of a Date (copied as {})',
      () => ({ ...base(), entities: [new Date(0)] }),
    ],
    ['entity of an array', () => ({ ...base(), entities: [[]] })],
    ['entity list with holes', () => ({ ...base(), entities: holes })],
    [
      'entity list of an Array subclass',
      () => ({ ...base(), entities: EntityList.from([{ cik: '1' }]) }),
    ],
    ['null-prototype filing', () => Object.assign(Object.create(null), base())],
    [
      'inherited keys are not read',
      () =>
        Object.assign(
          Object.create({ ticker: 'inherited', items: [1] }),
          base(),
        ),
    ],
    [
      'non-enumerable own keys are not read',
      () =>
        Object.defineProperty(base(), 'periodOfReport', {
          value: 7,
          enumerable: false,
        }),
    ],
    [
      'non-enumerable required key',
      () => {
        const raw = base();
        const accessionNo = raw['accessionNo'];
        delete raw['accessionNo'];
        return Object.defineProperty(raw, 'accessionNo', {
          value: accessionNo,
          enumerable: false,
        });
      },
    ],
    [
      'a JSON __proto__ key',
      () =>
        JSON.parse(
          `{"__proto__": {"ticker": "X"}, ${JSON.stringify(base()).slice(1)}`,
        ),
    ],
    ['String object', () => ({ ...base(), ticker: new String('abc') })],
    [
      'items at the cap',
      () => ({
        ...base(),
        items: Array.from({ length: 100 }, (_, i) => `Item ${i}`),
      }),
    ],
    [
      'items past the cap',
      () => ({
        ...base(),
        items: Array.from({ length: 101 }, (_, i) => `Item ${i}`),
      }),
    ],
    [
      'groupMembers at the cap',
      () => ({ ...base(), groupMembers: new Array(1000).fill('M') }),
    ],
    [
      'entities past the cap',
      () => ({ ...base(), entities: Array.from({ length: 1001 }, () => ({})) }),
    ],
    [
      'a sent filedAtMs, source and receivedAt',
      () => ({ ...base(), filedAtMs: 1, source: 'edgar', receivedAt: 'x' }),
    ],
    [
      'filedAt on a day that does not exist',
      () => ({ ...base(), filedAt: '2021-02-29T10:00:00-05:00' }),
    ],
    [
      'filedAt in UTC with nanoseconds',
      () => ({ ...base(), filedAt: '2021-06-11T10:00:00.123456789Z' }),
    ],
    [
      'unknown source in meta',
      base,
      { source: 'bogus' as FilingMeta['source'], receivedAt: meta.receivedAt },
    ],
    [
      'receivedAt with an offset',
      base,
      { source: 'edgar', receivedAt: '2025-10-31T06:01:27-04:00' },
    ],
    [
      'receivedAt not a string',
      base,
      { source: 'edgar', receivedAt: 5 as unknown as string },
    ],
  ];

  // A default for the meta keeps the arity at 2, so jest never takes it for a `done` callback.
  it.each(cases)('%s', (_, build, m = meta) => {
    expectSameAsSlow(build(), m);
  });

  it('takes the fast path for an exchange, keeps it verbatim after the ticker, and leaves it out when absent', () => {
    const listed = fastFiling({ ...base(), exchange: 'Nasdaq' }, meta);
    expect(listed?.exchange).toBe('Nasdaq');
    const keys = Object.keys(listed ?? {});
    expect(keys.indexOf('exchange')).toBe(keys.indexOf('ticker') + 1);
    for (const absent of [undefined, null]) {
      const filing = fastFiling({ ...base(), exchange: absent }, meta);
      expect(filing && 'exchange' in filing).toBe(false);
    }
    expect(fastFiling({ ...base(), exchange: 7 }, meta)).toBeUndefined();
    expect(
      fastFiling({ ...base(), exchange: 'N'.repeat(65) }, meta),
    ).toBeUndefined();
  });

  it('takes the fast path for the cases that are plainly valid', () => {
    expect(
      fastFiling({ ...base(), ticker: 'ß'.repeat(32) }, meta)?.ticker,
    ).toBe('SS'.repeat(32));
    expect(
      fastFiling({ ...base(), entities: [new Date(0)] }, meta)?.entities,
    ).toEqual([{}]);
    // Beyond 64 UTF-16 units: left to the slow path, which counts characters and accepts.
    expect(
      fastFiling({ ...base(), ticker: emoji.repeat(64) }, meta),
    ).toBeUndefined();
    expect(toFiling({ ...base(), ticker: emoji.repeat(64) }, meta).ok).toBe(
      true,
    );
  });
});

/** mulberry32: a tiny seeded PRNG, so that a failing fuzz case can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('toFiling equals the slow path on a seeded mutation fuzz', () => {
  const SEED = 20200103;
  const RUNS = 5000;
  const random = prng(SEED);
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)];

  const deepArray = (depth: number): unknown => {
    let value: unknown = [];
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };
  /** Wrong types, nulls, values at and past every cap, near-valid strings, structures. */
  const values: (() => unknown)[] = [
    () => undefined,
    () => null,
    () => true,
    () => 0,
    () => 42,
    () => -1.5,
    () => NaN,
    () => '',
    () => ' ',
    () => 'x',
    () => ' 10-K/A ',
    () => 'aapl',
    () => 'Nasdaq',
    () => '0000320193',
    () => '0000000000',
    () => '12345678901',
    () => '320193',
    () => '0001193125-25-000079',
    () => '0001193125-25-00007X',
    () => '2025-10-31T06:01:26-04:00',
    () => '2025-10-31T06:01:26Z',
    () => '2025-02-29T06:01:26-05:00',
    () => '2025-10-31T24:00:00Z',
    () => '2025-10-31',
    () => 'a'.repeat(pick([63, 64, 65, 511, 512, 513, 2047, 2048, 2049])),
    () => 'b'.repeat(100_000),
    () => '\u{1F600}'.repeat(pick([32, 64, 65, 512])),
    () => 'ß'.repeat(pick([32, 33])),
    () => '\u00a0',
    () => ({}),
    () => ({ sequence: '1', type: '10-K', size: '1234', extra: {} }),
    () => ({ companyName: 'Holder (Reporting)', cik: '0001234567' }),
    () => [],
    () => [[]],
    () => ['Item 1.01', 'Item 9.01'],
    () => ['x', 5],
    () => [{}],
    () => [{ cik: 'abc' }],
    () => [null],
    () => [
      {
        series: 'S000000001',
        name: 'Fund',
        classesContracts: [{ classContract: 'C000000001', ticker: 'abc' }],
      },
    ],
    () => new Array(1000).fill('m'),
    () => Array.from({ length: pick([1000, 1001]) }, () => ({})),
    () => deepArray(1000),
    () => new Date(0),
  ];

  /** Small edits to a string that often keep it valid: case, padding, zeros, odd characters. */
  const edits: ((s: string) => string)[] = [
    (s) => s.toLowerCase(),
    (s) => s.toUpperCase(),
    (s) => ` ${s} `,
    (s) => `\t${s}\u00a0`,
    (s) => `00${s}`,
    (s) => `${s}X`,
    (s) => s.slice(1),
    (s) => s.replace(/\d/, 'A'),
    (s) => s.replace(/-/, ''),
    (s) => s.padEnd(pick([64, 65, 512, 513, 2048, 2049]), 'z'),
    (s) => `${s}\u{1F600}`,
    () => '',
  ];

  /** Every object and array of a tree, root first. */
  const containers = (root: object): object[] => {
    const out: object[] = [];
    const visit = (node: unknown, depth: number) => {
      if (typeof node !== 'object' || node === null || depth > 6) return;
      out.push(node);
      for (const child of Object.values(node)) visit(child, depth + 1);
    };
    visit(root, 0);
    return out;
  };

  const mutate = (raw: Record<string, unknown>): void => {
    // Half the time at the root, where most fields are; otherwise anywhere in the tree.
    const target = (random() < 0.5 ? raw : pick(containers(raw))) as Record<
      string,
      unknown
    >;
    const keys = Object.keys(target);
    const key = keys.length > 0 ? pick(keys) : '0';
    const op = random();
    if (op < 0.15) {
      delete target[key];
    } else if (op < 0.45 && typeof target[key] === 'string') {
      target[key] = pick(edits)(target[key] as string);
    } else if (op < 0.8) {
      target[key] = pick(values)();
    } else if (Array.isArray(target)) {
      target.push(pick(values)());
    } else {
      target[
        pick([
          'junk',
          'undefined',
          'constructor',
          'exchange',
          'filedAtMs',
          'source',
          'items',
          'groupMembers',
          'periodOfReport',
          'seriesAndClassesContractsInformation',
        ])
      ] = pick(values)();
    }
  };

  const day = replayDay();
  const bases = (): Record<string, unknown> =>
    pick([aapl, joff, richFiling, () => pick(day)])();

  it(`${RUNS} mutated filings (seed ${SEED}) get the slow path's exact result`, () => {
    const counts = { fast: 0, fallbackAccepted: 0, refused: 0 };
    const differing: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const raw = structuredClone(bases());
      const mutations = 1 + Math.floor(random() * 3);
      for (let i = 0; i < mutations; i++) mutate(raw);
      const m: FilingMeta =
        random() < 0.03
          ? {
              source: pick([
                'sec-api',
                'edgar',
                'replay',
                'nope',
              ] as FilingMeta['source'][]),
              receivedAt: pick([
                meta.receivedAt,
                '2025-10-31T06:01:27-04:00',
                '',
              ]),
            }
          : meta;
      const before = JSON.stringify(raw);
      const fast = fastFiling(raw, m);
      const slow = toFilingByClassValidator(raw, m);
      const result = toFiling(raw, m);
      if (!sameResult(result, slow) || JSON.stringify(raw) !== before) {
        differing.push(`run ${run}: ${before.slice(0, 500)}`);
      }
      if (fast) counts.fast++;
      else if (slow.ok) counts.fallbackAccepted++;
      else counts.refused++;
    }
    expect(differing).toEqual([]);
    // The fuzz exercises both paths, and both answers of the slow one.
    expect(counts.fast).toBeGreaterThan(RUNS * 0.15);
    expect(counts.refused).toBeGreaterThan(RUNS * 0.15);
    expect(counts.fallbackAccepted).toBeGreaterThan(0);
    // ~15 s: the slow path runs twice per input, and some inputs carry 1,001 entities.
  }, 120_000);
});
