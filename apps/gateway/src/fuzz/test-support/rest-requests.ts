// Generators of REST requests for the history fuzz: query strings built from the real
// parameters, near-misses and unknown ones, with values valid, at the limits, malformed,
// percent-encoded wrongly or far too long; some other methods and paths.
import fc from 'fast-check';

/** One request: method, path and raw query string (without `?`). */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
}

export const KNOWN_PARAMETERS = [
  'ticker',
  'cik',
  'formType',
  'includeAmendments',
  'q',
  'from',
  'to',
  'cursor',
  'limit',
  // The insight filters (docs/rest.md, "Insight filters").
  'item',
  'transactionCode',
  'minTransactionValue',
  'tenb51',
  'minStakePercent',
];

/** encodeURIComponent, except that a lone surrogate goes in as the bytes it would be in CESU. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

const name = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...KNOWN_PARAMETERS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'tickers',
      'Limit',
      'token',
      '',
      'limit[]',
      '__proto__',
      'constructor',
      'ticker ',
      'items',
      'transactionCodes',
      'minStakePct',
      'tenB51',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

const plain = fc.constantFrom(
  ...[
    [
      'AAPL',
      'aapl,msft',
      'ACME',
      'BRK.B',
      '^GSPC',
      'A B',
      'A{B}',
      'X'.repeat(17),
    ],
    [
      '0000320193',
      '320193',
      '1999999',
      '0',
      '00000000000',
      '12345678901',
      '-1',
    ],
    ['10-K', 'SC  13D', '10-K/A', '8-K,4', '10-K,,', ',', 'F'.repeat(33)],
    ['true', 'false', 'TRUE', '1', '', ' '],
    ['2025-03-10', '2025-03-10T09:30', '2025-03-10T13:30:00Z', '2026-11-24'],
    [
      '2025-03-10T09:30:00-04:00',
      '2025-03-10T09:30:00+04:00',
      '2025-03-10T09:30:15.250123',
    ],
    [
      '2025-02-30',
      '2025-03-10T24:00',
      '1969-12-31',
      '2025-3-1',
      '99999-01-01',
      'now',
    ],
    [
      '1',
      '50',
      '200',
      '201',
      '0',
      '-1',
      '1.5',
      '1e2',
      ' 5',
      '0x10',
      '9007199254740993',
      'NaN',
    ],
    // 8-K items, transaction codes, dollar amounts and percents, valid and not.
    ['2.02', '5.02,9.01', ' 2.02', '2.2', '0.01', '10.01', '2,02', 'Item 2.02'],
    ['P', 's', 'P,S,M', 'B', 'PS', 'p,,s', 'U'],
    ['0', '100000', '1000000000000', '1000000000001', '0.5', '1.1234567'],
    ['100', '100.0', '100.000001', '5.25', '-5', '1e2', '.5', '5.'],
  ].flat(),
);

/** Percent sequences that are not UTF-8 or not percent-encoding at all, sent as they are. */
const raw = fc.constantFrom(
  '%',
  '%zz',
  '%FF',
  '%C0%AF',
  '%00',
  '%ED%A0%80',
  '%2B',
  '+',
  '%E2%82',
  '%%',
  '&&',
  '==',
);

/** Values for any parameter; `cursors` are real `next` values of this gateway. */
export function requestArbitrary(
  cursors: readonly string[],
  accessionNos: readonly string[],
): fc.Arbitrary<RestRequest> {
  const cursor = fc.oneof(
    fc.constantFrom(...cursors),
    fc
      .tuple(fc.constantFrom(...cursors), fc.nat())
      .map(([c, n]) => c.slice(0, n % c.length)),
    fc
      .tuple(
        fc.constantFrom(...cursors),
        fc.nat(),
        fc.constantFrom('A', '_', '=', '.'),
      )
      .map(
        ([c, n, x]) =>
          `${c.slice(0, n % c.length)}${x}${c.slice((n % c.length) + 1)}`,
      ),
    fc.base64String({ maxLength: 60 }),
  );
  const value = fc.oneof(
    { weight: 8, arbitrary: plain.map(encode) },
    { weight: 2, arbitrary: cursor.map(encode) },
    { weight: 2, arbitrary: raw },
    {
      weight: 2,
      arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(encode),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 90, max: 5000 }).map((n) => 'a'.repeat(n)),
    },
  );
  const pair = fc.oneof(
    {
      weight: 9,
      arbitrary: fc.tuple(name, value).map(([n, v]) => `${encode(n)}=${v}`),
    },
    { weight: 1, arbitrary: name.map(encode) },
  );
  const path = fc.oneof(
    { weight: 24, arbitrary: fc.constant('/api/filings') },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...accessionNos)
        .map((a) => `/api/filings/${a}`),
    },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: 'binary', maxLength: 24 })
        .map((s) => `/api/filings/${encode(s)}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '/api/filings/',
        '/api/filingsx',
        '/api//filings',
        '/api',
        '/api/filings/0000320193-25-000079/x',
        '/api/filings/0000320193-25-000079',
        '/api/filings/%FF',
      ),
    },
  );
  const method = fc.oneof(
    { weight: 20, arbitrary: fc.constant('GET') },
    { weight: 3, arbitrary: fc.constant('HEAD') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
    },
  );
  return fc.record({
    method,
    path,
    query: fc.array(pair, { maxLength: 6 }).map((pairs) => pairs.join('&')),
  });
}
