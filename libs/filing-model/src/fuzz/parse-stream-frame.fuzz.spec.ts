// Property fuzz of the upstream parser: parseStreamFrame on generated and mutated frames never
// throws, accounts for every element with a filing or a coded reject, and agrees with the
// class-validator path (the fast path stays invisible). Seeded, so a failure replays with
// FUZZ_SEED=<seed>; `npm run fuzz` runs it longer with a random seed.
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { Filing } from '../lib/filing';
import { parseStreamFrame } from '../lib/parse-stream-frame';
import type { FilingMeta } from '../lib/to-filing';
import { toFilingByClassValidator } from '../lib/to-filing-by-class-validator';
import { aapl, joff } from '../test-support/sec-api-fixtures';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20200103);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);
jest.setTimeout(Math.max(60_000, RUNS * 10));

const meta: FilingMeta = {
  source: 'sec-api',
  receivedAt: '2025-10-31T10:01:27.123Z',
};
const FRAME_CODES = ['FRAME_TOO_LARGE', 'FRAME_NOT_JSON', 'FRAME_NOT_ARRAY'];
const ELEMENT_CODES = ['ELEMENT_NOT_OBJECT', 'ELEMENT_INVALID'];
const fixtures = [aapl(), joff()];

/** Paths into a filing, nested ones included, that a mutation may drop or replace. */
const PATHS = [
  ...Object.keys({ ...aapl(), ...joff() }).map((key) => [key]),
  ['exchange'],
  ['items'],
  ['groupMembers'],
  ['entities', 0],
  ['entities', 0, 'cik'],
  ['entities', 0, 'companyName'],
  ['documentFormatFiles', 0, 'documentUrl'],
  ['documentFormatFiles', 0, 'size'],
  ['dataFiles', 0],
  ['seriesAndClassesContractsInformation'],
  ['__proto__'],
  ['constructor'],
];

/** Values a broken or hostile upstream might put anywhere. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    0,
    -0,
    -1,
    2 ** 53,
    -(2 ** 53) - 2,
    1e308,
    5e-324,
    '',
    ' ',
    'null',
    '0000000000',
    '99999999999',
    '2025-02-29T10:00:00-05:00',
    '2025-10-31T06:01:27-04:00',
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    'A{B}',
    'BRK B',
    'Nasdaq',
    'NYSE',
    '10-K\t/A',
  ),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.integer({ min: 0, max: 5000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: 1000 }).map((depth) => nested(depth)),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 1200 }),
);

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Sets or deletes the value at `path`, creating containers on the way. */
function mutate(
  target: Record<string, unknown>,
  path: readonly (string | number)[],
  value: unknown,
  drop: boolean,
): void {
  let node = target as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) {
    const next = node[step];
    if (typeof next !== 'object' || next === null)
      node[step] = typeof step === 'number' ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (drop) delete node[last];
  else
    Object.defineProperty(node, last, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

const mutation = fc.record({
  path: fc.constantFrom(...PATHS),
  value: hostile,
  drop: fc.boolean(),
});

/** A real filing with zero to four mutations: plainly valid ones are part of the mix. */
const element: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(0, 1), fc.array(mutation, { maxLength: 4 }))
      .map(([which, mutations]) => {
        const raw = structuredClone(fixtures[which]);
        for (const m of mutations) mutate(raw, m.path, m.value, m.drop);
        return raw;
      }),
  },
  { weight: 1, arbitrary: hostile },
);

/** A frame as text: a JSON array of elements, or anything else a socket could carry. */
const frame: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(element, { maxLength: 6 }).map(safeStringify),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(element, { minLength: 1, maxLength: 3 })
      .chain((elements) => {
        const text = safeStringify(elements);
        return fc.nat(text.length - 1).map((cut) => text.slice(0, cut));
      }),
  },
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 20_000 })
      .map((n) => '['.repeat(n) + ']'.repeat(n)),
  },
);

function safeStringify(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/** Same classes, own keys in the same order, same JSON: what the fast-path specs call equal. */
function sameFiling(a: Filing, b: Filing): boolean {
  return isDeepStrictEqual(a, b) && JSON.stringify(a) === JSON.stringify(b);
}

describe('parseStreamFrame under fuzz', () => {
  it(`accounts for every element of ${RUNS} frames with a filing or a coded reject (seed ${SEED})`, () => {
    fc.assert(
      fc.property(frame, (text) => {
        const { filings, rejects } = parseStreamFrame(text, meta, {
          maxBytes: 64 * 1024,
        });
        for (const reject of rejects) {
          expect(reject.reasons.length).toBeGreaterThan(0);
          for (const { field, reason } of reject.reasons) {
            expect(typeof field).toBe('string');
            expect(reason).toMatch(/\S/);
          }
        }
        const whole = rejects.filter((r) => FRAME_CODES.includes(r.code));
        if (whole.length > 0) {
          expect(rejects).toHaveLength(1);
          expect(filings).toEqual([]);
          expect(String(rejects[0].raw).length).toBeLessThanOrEqual(1024);
          return;
        }
        const elements = JSON.parse(text) as unknown[];
        expect(filings.length + rejects.length).toBe(elements.length);
        expect(rejects.every((r) => ELEMENT_CODES.includes(r.code))).toBe(true);
        const indexes = rejects.map((r) => r.index as number);
        expect(indexes).toEqual([...new Set(indexes)].sort((a, b) => a - b));
        // Every filing is what the class-validator path makes of its element, in frame order.
        const accepted = elements.filter((_, i) => !indexes.includes(i));
        accepted.forEach((raw, i) => {
          const slow = toFilingByClassValidator(raw, meta);
          expect(slow.ok && sameFiling(filings[i], slow.filing)).toBe(true);
        });
        for (const reject of rejects) {
          const slow = toFilingByClassValidator(reject.raw, meta);
          expect(slow.ok).toBe(false);
          if (reject.code === 'ELEMENT_INVALID' && !slow.ok)
            expect(reject.reasons).toEqual(slow.reasons);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('gives back every accepted filing unchanged when it goes through again (stored filings re-parse)', () => {
    fc.assert(
      fc.property(
        fc.array(element, { minLength: 1, maxLength: 4 }),
        (elements) => {
          const first = parseStreamFrame(safeStringify(elements), meta);
          const again = parseStreamFrame(JSON.stringify(first.filings), meta);
          expect(again.rejects).toEqual([]);
          expect(JSON.stringify(again.filings)).toBe(
            JSON.stringify(first.filings),
          );
        },
      ),
      { seed: SEED, numRuns: Math.ceil(RUNS / 5) },
    );
  });
});
