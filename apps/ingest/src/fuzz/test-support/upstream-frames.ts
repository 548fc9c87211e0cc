// Generators of upstream frames for the ingest fuzz: real sec-api.io filings (the shared
// fixtures), the same filings broken one field at a time, junk elements, and frames that are
// not JSON arrays at all. A frame is described first (FrameSpec) and rendered at send time, so
// that every valid filing gets an accession number no earlier run has used.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '../../../../../../shared/fixtures/sec-api');
const read = (name: string) =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

/** The real filings every valid and broken element starts from. */
export const REAL_FILINGS: readonly Record<string, unknown>[] = [
  read('filing-joff-10q.json'),
  read('query-response-aapl-10k.json').filings[0],
];

/** One element of a frame, before rendering. */
export type ElementSpec =
  | { readonly kind: 'valid'; readonly base: number }
  | { readonly kind: 'again'; readonly back: number }
  | {
      readonly kind: 'broken';
      readonly base: number;
      readonly field: string;
      readonly value?: unknown;
    }
  | { readonly kind: 'junk'; readonly value: unknown };

/** One frame, before rendering. `killer` frames make the client fail the connection. */
export type FrameSpec =
  | { readonly kind: 'array'; readonly elements: readonly ElementSpec[] }
  | {
      readonly kind: 'truncated';
      readonly elements: readonly ElementSpec[];
      readonly keep: number;
    }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'nested'; readonly depth: number }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  | { readonly kind: 'invalid-utf8'; readonly bytes: Uint8Array }
  | { readonly kind: 'too-large'; readonly megabytes: number };

/** A rendered frame and what was sent in it. */
export interface RenderedFrame {
  readonly data: string | Buffer;
  readonly binary: boolean;
  /** Invalid UTF-8 in a text frame: RFC 6455 has the client fail the connection (1007). */
  readonly killer: boolean;
  /** Accession numbers of the elements built valid, in frame order (repeats included). */
  readonly valid: readonly string[];
}

const FIELDS = [
  ...new Set(REAL_FILINGS.flatMap((filing) => Object.keys(filing))),
  'items',
  'groupMembers',
  '__proto__',
];

/** Values at and past the edges of what a field takes: wrong types, caps, characters. */
const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_VALUE,
    1e308,
    '',
    '   ',
    '0',
    '00000000001',
    '12345678901',
    '0000320193-25-00007',
    '2025-13-01T00:00:00-05:00',
    '2021-06-11T10:00:00.123456789Z',
    'A{B}',
    'BRK B',
    'X\u00a0Y',
    '10-K\n/A',
    '\u{1F600}'.repeat(40),
    'ß'.repeat(40),
    '\ud800\udc00\ud800',
    '\u0000',
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 70 }),
  fc.nat(100_000).map((n) => 'w'.repeat(n)),
  fc.nat(1200).map((n) => Array.from({ length: n }, () => ({}))),
  fc.nat(900).map(deepValue),
);

/** `{ "a": [ { "a": [ ... ] } ] }`, `depth` levels. */
export function deepValue(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

const elementSpec: fc.Arbitrary<ElementSpec> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('valid'), base: fc.nat(1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('again'), back: fc.nat(4) }),
  },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        kind: fc.constant('broken'),
        base: fc.nat(1),
        field: fc.constantFrom(...FIELDS),
        value: edgeValue,
      },
      { requiredKeys: ['kind', 'base', 'field'] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('junk'), value: edgeValue }),
  },
);

const elements = fc.array(elementSpec, { minLength: 1, maxLength: 5 });

/** Text bytes with one sequence that is not UTF-8 (a lone continuation byte, an overlong form...). */
const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.constantFrom(
      [0x80],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xff],
      [0xe2, 0x82],
    ),
    fc.nat(40),
  )
  .map(
    ([bad, at]) =>
      new Uint8Array([
        ...Buffer.from('[{"accessionNo":"').subarray(0, at % 17),
        ...bad,
        ...Buffer.from('"}]'),
      ]),
  );

/** A frame kind with its weight among all frames. */
const kind = <K extends FrameSpec['kind'], T>(
  weight: number,
  name: K,
  fields: { [F in keyof T]: fc.Arbitrary<T[F]> },
): fc.WeightedArbitrary<FrameSpec> => ({
  weight,
  arbitrary: fc
    .record(fields)
    .map((values) => ({ kind: name, ...values }) as unknown as FrameSpec),
});

/**
 * Frames as an upstream might send them, mostly arrays mixing valid and bad filings. Frames
 * with invalid UTF-8 and giant frames are rare on purpose: each one costs a reconnect, or
 * 4 MiB of traffic (about 2 and 1 in 1000).
 */
export const frameSpec: fc.Arbitrary<FrameSpec> = fc.oneof(
  kind(3000, 'array', { elements }),
  kind(200, 'truncated', {
    elements,
    keep: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  }),
  kind(300, 'text', {
    text: fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
    ),
  }),
  kind(100, 'nested', { depth: fc.integer({ min: 1, max: 100_000 }) }),
  kind(200, 'binary', { bytes: fc.uint8Array({ maxLength: 2000 }) }),
  kind(8, 'invalid-utf8', { bytes: invalidUtf8 }),
  kind(4, 'too-large', { megabytes: fc.integer({ min: 4, max: 5 }) }),
);

/** Renders frames, giving each valid or broken element a fresh accession number. */
export class FrameRenderer {
  private counter = 0;

  render(spec: FrameSpec): RenderedFrame {
    switch (spec.kind) {
      case 'array':
        return this.array(spec.elements, 1);
      case 'truncated':
        return this.array(spec.elements, spec.keep);
      case 'text':
        return { data: spec.text, binary: false, killer: false, valid: [] };
      case 'nested':
        return {
          data: `${'['.repeat(spec.depth)}${']'.repeat(spec.depth)}`,
          binary: false,
          killer: false,
          valid: [],
        };
      case 'binary':
        return {
          data: Buffer.from(spec.bytes),
          binary: true,
          killer: false,
          valid: [],
        };
      case 'invalid-utf8':
        return {
          data: Buffer.from(spec.bytes),
          binary: false,
          killer: true,
          valid: [],
        };
      case 'too-large': {
        const one = JSON.stringify(this.filing(0));
        const copies = Math.ceil((spec.megabytes * 1024 * 1024) / one.length);
        return {
          data: `[${new Array(copies).fill(one).join(',')}]`,
          binary: false,
          killer: false,
          valid: [],
        };
      }
    }
  }

  private array(specs: readonly ElementSpec[], keep: number): RenderedFrame {
    const built: Record<string, unknown>[] = [];
    const out: unknown[] = [];
    for (const spec of specs) {
      if (spec.kind === 'again' && built.length > 0) {
        out.push(built[built.length - 1 - (spec.back % built.length)]);
      } else if (spec.kind === 'valid' || spec.kind === 'again') {
        built.push(this.filing(spec.kind === 'valid' ? spec.base : 0));
        out.push(built[built.length - 1]);
      } else if (spec.kind === 'broken') {
        out.push(this.broken(spec));
      } else {
        out.push(spec.value);
      }
    }
    const text = JSON.stringify(out);
    const whole = keep >= 1;
    return {
      data: whole ? text : text.slice(0, Math.floor(text.length * keep)),
      binary: false,
      killer: false,
      valid: whole
        ? out
            .filter((e) => built.includes(e as Record<string, unknown>))
            .map((e) => (e as Record<string, string>)['accessionNo'])
        : [],
    };
  }

  /** A real filing with one field dropped or replaced (an own key, `__proto__` included). */
  private broken(spec: Extract<ElementSpec, { kind: 'broken' }>): unknown {
    const filing = this.filing(spec.base);
    if (!('value' in spec)) delete filing[spec.field];
    else
      Object.defineProperty(filing, spec.field, {
        value: spec.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return filing;
  }

  private filing(base: number): Record<string, unknown> {
    const n = ++this.counter;
    return {
      ...structuredClone(REAL_FILINGS[base % REAL_FILINGS.length]),
      accessionNo: `${String(Math.floor(n / 1e6) + 1).padStart(10, '0')}-26-${String(n % 1e6).padStart(6, '0')}`,
    };
  }
}
