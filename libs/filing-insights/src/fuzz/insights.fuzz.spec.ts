// Fuzz of the document readers with mutated real EDGAR documents: truncation, character flips,
// spliced and inserted text, deep nesting and entity bombs. Every call must return (never throw)
// within a time bound, with coded problems only, and a result that makes sense or says why not.
// Seeded, so a failure replays with FUZZ_SEED=<seed>; FUZZ_RUNS=<n> runs it longer.
import type { FilingInsights } from '@secfeed/filing-model';
import fc from 'fast-check';
import {
  acceptanceDateTimeFromHeader,
  describeInsights,
  insightsFromOwnershipXml,
  insightsFromScheduleXml,
  insightsFromSubmission,
  INSIGHTS_PROBLEM_CODES,
  itemsFromCodes,
  itemsFromHeader,
} from '../index';
import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20200103);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
/** Per call; generous for a loaded two-core machine, far below what a hang or blow-up takes. */
const MAX_MS = 1500;
jest.setTimeout(Math.max(60_000, RUNS * 200));

type Reader = (text: string) => FilingInsights;
const READERS: Record<
  string,
  { reader: Reader; form: string; files: string[] }
> = {
  ownershipXml: {
    reader: insightsFromOwnershipXml,
    form: '4',
    files: [
      FIXTURES.form4Water,
      FIXTURES.form4Cook,
      FIXTURES.form3Berkshire,
      FIXTURES.form5McMahon,
    ],
  },
  scheduleXml: {
    reader: insightsFromScheduleXml,
    form: 'SCHEDULE 13D',
    files: [
      FIXTURES.schedule13dQxo,
      FIXTURES.schedule13gAn2,
      FIXTURES.schedule13dArch,
    ],
  },
  form4Submission: {
    reader: (text) => insightsFromSubmission('4', text),
    form: '4',
    files: [
      FIXTURES.form4SubNicholas,
      FIXTURES.form4SubDraftKings,
      FIXTURES.form4SubBetter,
    ],
  },
  eightKSubmission: {
    reader: (text) => insightsFromSubmission('8-K', text),
    form: '8-K',
    files: [FIXTURES.eightKHeader23andMe, FIXTURES.eightKSub3m],
  },
  header: {
    reader: itemsFromHeader,
    form: '8-K',
    files: [FIXTURES.eightKHeader23andMe],
  },
  legacySchedule: {
    reader: (text) => insightsFromSubmission('SC 13G', text),
    form: 'SC 13G',
    files: [FIXTURES.sc13gNcGlazer, FIXTURES.sc13gHtmlLivent],
  },
};
const corpus = Object.fromEntries(
  Object.values(READERS)
    .flatMap((r) => r.files)
    .map((name) => [name, edgarDocument(name)]),
);

const bomb = (depth: number) =>
  '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e0 "lol">' +
  Array.from(
    { length: depth },
    (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`,
  ).join('') +
  `]>`;

/** One way of breaking a document, applied at a fraction of its length. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
      minLength: 1,
      maxLength: 20,
    }),
    char: fc.constantFrom(
      '<',
      '>',
      '&',
      '/',
      '"',
      '\u0000',
      '\ufffd',
      '\ud800',
      ' ',
      'x',
      '9',
      '%',
    ),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '<value>',
        '</value>',
        '<![CDATA[',
        ']]>',
        '<!--',
        '-->',
        '&#0;',
        '&#x110000;',
        '&lol;',
        '<__proto__>',
        '<constructor/>',
        '<ITEMS>9.99',
        'ITEM INFORMATION:\tNone\n',
        '<DOCUMENT>',
        '<XML>',
        '<TEXT>',
        'PERCENT OF CLASS REPRESENTED BY AMOUNT IN ROW (9) 999%',
        '<transactionShares>-5</transactionShares>',
      ),
    ),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    depth: fc.integer({ min: 1, max: 5000 }),
  }),
  fc.record({
    kind: fc.constant('bomb' as const),
    depth: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: fc.double({ min: 0, max: 1, noNaN: true }),
    to: fc.double({ min: 0, max: 1, noNaN: true }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const pos = (f: number) => Math.floor(f * text.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, pos(m.at));
    case 'flip': {
      const chars = [...text];
      for (const f of m.at) chars[Math.floor(f * chars.length)] = m.char;
      return chars.join('');
    }
    case 'insert':
      return text.slice(0, pos(m.at)) + m.text + text.slice(pos(m.at));
    case 'nest':
      return (
        text.slice(0, pos(m.at)) +
        '<n>'.repeat(m.depth) +
        '</n>'.repeat(m.depth) +
        text.slice(pos(m.at))
      );
    case 'bomb':
      return (
        bomb(m.depth) +
        text.replace(
          /<\/remarks>|<\/formData>|<\/TEXT>/,
          '&e' + m.depth + ';$&',
        )
      );
    case 'splice': {
      const [a, b] = [pos(Math.min(m.from, m.to)), pos(Math.max(m.from, m.to))];
      return (
        text.slice(0, pos(m.at)) + text.slice(a, b) + text.slice(pos(m.at))
      );
    }
  }
}

/** Throws (failing the property) unless the result is sound or says why not. */
function checkSound(form: string, result: FilingInsights): void {
  expect(result).not.toBeNull();
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  for (const p of result.problems ?? []) {
    expect(INSIGHTS_PROBLEM_CODES).toContain(p.code);
    expect(typeof p.message).toBe('string');
  }
  const hasSomething = !!(
    result.items ||
    result.ownership ||
    result.stake ||
    result.problems?.length
  );
  expect(hasSomething).toBe(true);
  for (const item of result.items ?? [])
    expect(item.code).toMatch(/^\d{1,2}\.\d{2}$/);
  if (result.ownership) {
    for (const tx of result.ownership.transactions) {
      expect(Number.isFinite(tx.shares) && tx.shares >= 0).toBe(true);
      expect(tx.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(tx.code).toMatch(/^[A-Z]$/);
      expect(tx.price === null || Number.isFinite(tx.price)).toBe(true);
    }
    if (result.ownership.owners.length === 0) {
      expect(result.problems?.some((p) => p.code === 'FIELD_MISSING')).toBe(
        true,
      );
    }
  }
  if (result.stake) {
    const percents = result.stake.filers
      .map((f) => f.percent)
      .filter((p): p is number => p !== null);
    for (const p of percents) expect(p >= 0 && p <= 100).toBe(true);
    expect(result.stake.percent).toBe(
      percents.length > 0 ? Math.max(...percents) : null,
    );
    if (result.stake.filers.length === 0) {
      expect(result.problems?.some((p) => p.code === 'FIELD_MISSING')).toBe(
        true,
      );
    }
  }
  const line = describeInsights(form, result);
  expect(line === null || typeof line === 'string').toBe(true);
}

describe('document readers under fuzz', () => {
  it.each(Object.keys(READERS))(
    '%s: never throws, never hangs, and says why when it reads nothing',
    (name) => {
      const { reader, form, files } = READERS[name];
      fc.assert(
        fc.property(
          fc.constantFrom(...files),
          fc.array(mutation, { minLength: 1, maxLength: 3 }),
          (file, ms) => {
            const text = ms.reduce(mutate, corpus[file]);
            const started = performance.now();
            const result = reader(text);
            acceptanceDateTimeFromHeader(text);
            itemsFromCodes([text.slice(0, 5000)]);
            expect(performance.now() - started).toBeLessThan(MAX_MS);
            checkSound(form, result);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    },
  );

  it('reads every unmutated corpus document with no problem (the property is not vacuous)', () => {
    for (const { reader, files } of Object.values(READERS)) {
      for (const file of files)
        expect(reader(corpus[file]).problems).toBeUndefined();
    }
  });
});
