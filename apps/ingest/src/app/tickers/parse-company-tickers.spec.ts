import { readFileSync } from 'node:fs';
import { parseCompanyTickers } from './parse-company-tickers';
import {
  companyTickersText,
  realCompanyTickersText,
  SHIPPED_TICKERS_FILE,
} from './test-support/ticker-files';

describe('parseCompanyTickers on the SEC file', () => {
  const parsed = parseCompanyTickers(realCompanyTickersText());
  if (!parsed.ok) throw new Error(parsed.reason);
  const { table } = parsed;

  it('reads every listed security, grouped by CIK', () => {
    expect(parsed.rows).toBe(10_015);
    expect(parsed.skipped).toBe(0);
    expect(table.size).toBe(7_911);
    expect(
      [...table.values()].reduce((sum, classes) => sum + classes.length, 0),
    ).toBe(10_015);
  });

  it('keeps share classes in the SEC order, the primary listing first', () => {
    expect(table.get('1067983')).toEqual([
      { ticker: 'BRK-B', exchange: 'NYSE' },
      { ticker: 'BRK-A', exchange: 'NYSE' },
    ]);
    expect(table.get('1652044')?.map((c) => c.ticker)).toEqual([
      'GOOGL',
      'GOOG',
    ]);
    expect(table.get('320193')).toEqual([
      { ticker: 'AAPL', exchange: 'Nasdaq' },
    ]);
  });

  it('keeps a null exchange, and trims a ticker the SEC wrote with a space', () => {
    expect(table.get('2007855')).toEqual([{ ticker: 'VG', exchange: null }]);
    expect(table.get('2033770')).toEqual([{ ticker: 'DAIC', exchange: null }]);
    const nullExchanges = [...table.values()]
      .flat()
      .filter((c) => c.exchange === null).length;
    expect(nullExchanges).toBe(179);
  });

  it('reads the shipped copy (no name column) to the same map', () => {
    const shipped = parseCompanyTickers(
      readFileSync(SHIPPED_TICKERS_FILE, 'utf8'),
    );
    if (!shipped.ok) throw new Error(shipped.reason);
    expect(shipped.table).toEqual(table);
  });
});

describe('parseCompanyTickers on hostile or broken files', () => {
  const small = { minCiks: 1 };
  const good = [
    [320193, 'Apple Inc.', 'AAPL', 'Nasdaq'],
    [1067983, 'BERKSHIRE', 'BRK-B', 'NYSE'],
  ];

  it('accepts a small good file when allowed', () => {
    const parsed = parseCompanyTickers(companyTickersText(good), small);
    expect(parsed.ok && parsed.table.size).toBe(2);
  });

  it.each([
    ['not JSON', 'garbage{', /not JSON/],
    ['an empty text', '', /not JSON/],
    ['a JSON array', '[]', /not an object/],
    ['null', 'null', /not an object/],
    [
      'the company_tickers.json shape',
      '{"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."}}',
      /fields/,
    ],
    ['fields not strings', '{"fields":[1,2],"data":[]}', /fields/],
    [
      'no ticker column',
      '{"fields":["cik","name"],"data":[[1,"x"]]}',
      /ticker/,
    ],
    ['data not a list', '{"fields":["cik","ticker"],"data":{}}', /data/],
    [
      'a row not a list',
      companyTickersText([...good, 'AAPL' as unknown as unknown[]]),
      /row 2/,
    ],
    ['a short row', companyTickersText([...good, [1, 'x', 'Y']]), /row 2/],
    [
      'a numeric ticker',
      companyTickersText([...good, [1, 'x', 42, 'NYSE']]),
      /ticker is not a string/,
    ],
    [
      'an object ticker',
      companyTickersText([...good, [1, 'x', { t: 'A' }, 'NYSE']]),
      /ticker is not a string/,
    ],
    [
      'a null ticker',
      companyTickersText([...good, [1, 'x', null, 'NYSE']]),
      /ticker is not a string/,
    ],
    [
      'a fractional CIK',
      companyTickersText([...good, [1.5, 'x', 'A', 'NYSE']]),
      /CIK/,
    ],
    [
      'a negative CIK',
      companyTickersText([...good, [-3, 'x', 'A', 'NYSE']]),
      /CIK/,
    ],
    [
      'a CIK of letters',
      companyTickersText([...good, ['abc', 'x', 'A', 'NYSE']]),
      /CIK/,
    ],
    [
      'a numeric exchange',
      companyTickersText([...good, [1, 'x', 'A', 7]]),
      /exchange/,
    ],
  ])('refuses %s', (_name, text, reason) => {
    const parsed = parseCompanyTickers(text, small);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toMatch(reason);
  });

  it('refuses a text over the length cap without parsing it', () => {
    const text = companyTickersText(good);
    const parsed = parseCompanyTickers(text, { ...small, maxLength: 20 });
    expect(!parsed.ok && parsed.reason).toMatch(/longer than 20/);
  });

  it('refuses too many rows, and too few CIKs (an empty or cut-short answer)', () => {
    const many = Array.from({ length: 11 }, (_, i) => [
      i + 1,
      'x',
      `T${i}`,
      'NYSE',
    ]);
    expect(
      parseCompanyTickers(companyTickersText(many), { ...small, maxRows: 10 }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/more than 10 rows/),
    });
    expect(parseCompanyTickers(companyTickersText([]))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/0 CIKs, fewer than 1000/),
    });
  });

  it('skips an odd ticker among many, and refuses a file of them', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [
      i + 1,
      'x',
      `T${i}`,
      'NYSE',
    ]);
    const oneOdd = [...rows, [999, 'x', '<script>', 'NYSE']];
    const parsed = parseCompanyTickers(companyTickersText(oneOdd), small);
    expect(parsed).toMatchObject({ ok: true, rows: 201, skipped: 1 });
    expect(parsed.ok && parsed.table.has('999')).toBe(false);
    const odd = rows.map(([cik]) => [cik, 'x', 'A'.repeat(40), 'NYSE']);
    expect(parseCompanyTickers(companyTickersText(odd), small)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/200 of 200 rows/),
    });
  });

  it('normalizes a CIK written with leading zeros and never lets a key reach a prototype', () => {
    const filler = Array.from({ length: 200 }, (_, i) => [
      i + 1,
      'x',
      `T${i}`,
      'NYSE',
    ]);
    const parsed = parseCompanyTickers(
      companyTickersText([
        ['0000320193', 'Apple Inc.', 'aapl', ' Nasdaq '],
        // A repeat of a ticker already listed for the CIK is skipped.
        [320193, 'Apple Inc.', 'AAPL', 'Nasdaq'],
        ...filler,
      ]),
      small,
    );
    expect(parsed).toMatchObject({ ok: true, skipped: 1 });
    expect(parsed.ok && parsed.table.get('320193')).toEqual([
      { ticker: 'AAPL', exchange: 'Nasdaq' },
    ]);
    expect(
      parseCompanyTickers(
        '{"fields":["cik","ticker"],"data":[["__proto__","X"]]}',
        small,
      ),
    ).toMatchObject({ ok: false });
  });

  it('never throws, whatever it is given', () => {
    for (const input of [
      undefined,
      42,
      {},
      '{"fields":null}',
      '1e999999',
      '"x"',
    ])
      expect(() =>
        parseCompanyTickers(input as unknown as string),
      ).not.toThrow();
  });
});
