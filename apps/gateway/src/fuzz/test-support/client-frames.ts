// Generators of client frames for the WebSocket fuzz: protocol messages with every field bent
// (wrong types, unknown keys, boundary numbers, long lists, deep nesting), JSON that is not a
// message, text that is not JSON, binary frames, invalid UTF-8, and frames around the payload
// limit.
import fc from 'fast-check';

/** Messages per second the fuzz gateway allows: the fuzz tests outcomes, not the rate limit. */
export const MESSAGE_RATE_FOR_FUZZ = 1_000_000;
/** The gateway's default payload limit, which the fuzz runs with. */
const MAX_PAYLOAD = 16 * 1024;

/** One frame as sent: text (a string, or raw bytes for invalid UTF-8) or binary. */
export interface ClientFrame {
  readonly data: string | Buffer;
  readonly binary: boolean;
}

/** Values at the edges of every field: positions, snapshots, CIKs, wrong types. */
const edge: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    -1,
    -0,
    0,
    0.5,
    500,
    501,
    2 ** 53,
    1e21,
    '',
    ' ',
    '0-0',
    '1-0',
    '1736000000000-0',
    '18446744073709551615-18446744073709551615',
    '18446744073709551616-0',
    '-1-0',
    '1-',
    ' 1-0',
    '1-0 ',
    '0x1-0',
    '1e3-0',
    'AAPL',
    'aapl',
    '0000320193',
    '320193',
    320193,
    '00000000000',
    '10-K/A',
    '\u0000',
    '\ud800',
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: -3, max: 503 }),
);

const list = fc.array(fc.oneof(fc.string({ maxLength: 12 }), edge), {
  maxLength: 130,
});

/** Values at the edges of the insight filters (contracts §6, docs/protocol.md "Insight filters"). */
const insightEdge: fc.Arbitrary<unknown> = fc.oneof(
  edge,
  fc.constantFrom(
    '2.02',
    ' 5.02 ',
    '9.01',
    '0.01',
    '2.2',
    '2.020',
    '10.01',
    '2,02',
    'Item 2.02',
    'P',
    'p',
    ' s ',
    'B',
    'PS',
    'P ',
    'false',
    'true',
    1e12,
    1e12 + 1,
    100,
    100.0001,
    -0.01,
    0.000001,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    '100',
    '1e3',
  ),
  fc.double(),
);

const insightList = fc.array(
  fc.oneof(fc.string({ maxLength: 6 }), insightEdge),
  {
    maxLength: 130,
  },
);

const filters = fc.oneof(
  fc.record(
    {
      tickers: list,
      ciks: list,
      formTypes: list,
      includeAmendments: edge,
      ticker: edge,
      items: fc.oneof(insightList, insightEdge),
      transactionCodes: fc.oneof(insightList, insightEdge),
      minTransactionValue: insightEdge,
      tenb51: insightEdge,
      minStakePercent: insightEdge,
      item: insightEdge,
      transactionCode: insightEdge,
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(fc.string({ maxLength: 12 }), edge, { maxKeys: 4 }),
  edge,
);

const subscribe = fc.record(
  {
    action: fc.constant('subscribe_sec_filings'),
    filters,
    since: edge,
    snapshot: edge,
    extra: edge,
  },
  { requiredKeys: ['action'] },
);

/** Short lists, or lists around the 100-value limit. */
const values = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(
    fc.array(value, { maxLength: 4 }),
    fc.array(value, { minLength: 98, maxLength: 102 }),
  );

/** Subscriptions a real client could send, near the limits of each field. */
const plausibleSubscribe = fc.record(
  {
    action: fc.constant('subscribe_sec_filings'),
    filters: fc.record(
      {
        tickers: values(fc.constantFrom('AAPL', 'msft', ' BRK.B ', 'ACME')),
        ciks: values(
          fc.oneof(
            fc.constantFrom('0000320193', '1999999', '0'),
            fc.nat(9_999_999_999),
          ),
        ),
        formTypes: values(fc.constantFrom('10-K', '8-K', '4', 'SC 13D', '')),
        includeAmendments: fc.boolean(),
        items: values(
          fc.constantFrom('2.02', '5.02', '9.01', '1.01', ' 8.01', '2.2', ''),
        ),
        transactionCodes: values(
          fc.oneof(
            fc.constantFrom('P', 's', ' M ', 'B', ''),
            fc.constantFrom(...'PSVADFIMCEHOXGLWZJKU'.split('')),
          ),
        ),
        minTransactionValue: fc.oneof(
          fc.double({ min: 0, max: 1e12, noNaN: true }),
          fc.constantFrom(0, 1e12, 1e12 + 1, -1, 100_000, '100000', null),
        ),
        tenb51: fc.oneof(fc.boolean(), fc.constantFrom(null, 'true', 0)),
        minStakePercent: fc.oneof(
          fc.double({ min: 0, max: 100, noNaN: true }),
          fc.constantFrom(0, 5, 100, 100.5, -0, '10', null),
        ),
      },
      { requiredKeys: [] },
    ),
    since: fc.oneof(
      fc.constantFrom('0-0', '1-0', '99999999999999-0'),
      fc
        .tuple(fc.nat(60_000), fc.nat(3))
        .map(([ago, seq]) => `${Date.now() - ago}-${seq}`),
    ),
    snapshot: fc.integer({ min: 0, max: 501 }),
  },
  { requiredKeys: ['action'] },
);

const action = fc.oneof(
  fc.constantFrom(
    'subscribe_sec_filings',
    'unsubscribe_sec_filings',
    'ping',
    'PING',
    ' ping',
    'subscribe',
    '',
  ),
  edge,
);

const anyMessage = fc.oneof(
  { weight: 2, arbitrary: plausibleSubscribe },
  { weight: 1, arbitrary: subscribe },
  {
    weight: 1,
    arbitrary: fc.record({ action, extra: edge }, { requiredKeys: ['action'] }),
  },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), edge, {
      maxKeys: 5,
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

const text = (data: string): ClientFrame => ({ data, binary: false });

/** A ping padded with spaces to `bytes` UTF-8 bytes: at, just under or just over the limit. */
function pingOf(bytes: number): ClientFrame {
  const bare = '{"action":"ping"}';
  return text(`${bare}${' '.repeat(Math.max(0, bytes - bare.length))}`);
}

/** Nested arrays in place of a filter list, `depth` deep, within the payload limit. */
function deepFilters(depth: number): ClientFrame {
  return text(
    `{"action":"subscribe_sec_filings","filters":{"tickers":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
  );
}

/** Text bytes with one sequence that is not UTF-8, inside an otherwise valid message. */
const invalidUtf8 = fc
  .constantFrom(
    [0x80],
    [0xc0, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xff],
    [0xf4, 0x90, 0x80, 0x80],
  )
  .map((bad): ClientFrame => ({
    data: Buffer.concat([
      Buffer.from('{"action":"ping","x":"'),
      Buffer.from(bad),
      Buffer.from('"}'),
    ]),
    binary: false,
  }));

/** Client frames, weighted toward messages the parser has to look into. */
export const clientFrame: fc.Arbitrary<ClientFrame> = fc.oneof(
  {
    weight: 40,
    arbitrary: anyMessage.map((m) => text(JSON.stringify(m) ?? 'null')),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        subscribe,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      )
      .map(([m, keep]) => {
        const whole = JSON.stringify(m);
        return text(whole.slice(0, Math.floor(whole.length * keep)));
      }),
  },
  {
    weight: 4,
    arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map(text),
  },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: 1, max: 8000 })
      .map((n) => text(`${'['.repeat(n)}${']'.repeat(n)}`)),
  },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 8000 }).map(deepFilters) },
  {
    weight: 3,
    arbitrary: fc
      .uint8Array({ maxLength: 300 })
      .map((bytes) => ({ data: Buffer.from(bytes), binary: true })),
  },
  { weight: 2, arbitrary: invalidUtf8 },
  {
    weight: 2,
    arbitrary: fc
      .integer({ min: MAX_PAYLOAD - 2, max: MAX_PAYLOAD + 2 })
      .map(pingOf),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: MAX_PAYLOAD + 1, max: 4 * MAX_PAYLOAD })
      .map((n) =>
        text(
          JSON.stringify({
            action: 'subscribe_sec_filings',
            filters: { tickers: ['X'.repeat(n)] },
          }),
        ),
      ),
  },
);
