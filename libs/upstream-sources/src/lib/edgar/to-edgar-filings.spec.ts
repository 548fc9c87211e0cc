import type { TickerLookup } from '../ticker-lookup';
import type { FeedEntry } from './feed-entry';
import { primaryEntry, toEdgarFilings } from './to-edgar-filings';

const receivedAt = '2025-11-03T21:00:01.000Z';

/** A listing as the SEC's `company_tickers_exchange.json` names it. */
interface Listing {
  ticker: string;
  exchange: string | null;
}

/** The ticker directory's answers over a plain table: CIK → its listings, the primary first. */
function directoryOf(table: Record<string, Listing[]>): TickerLookup {
  const primary = (cik: string): Listing | undefined =>
    Object.hasOwn(table, cik) ? table[cik][0] : undefined;
  return {
    primaryTicker: (cik) => primary(cik)?.ticker,
    exchangeOf: (cik) => primary(cik)?.exchange,
  };
}

function entry(overrides: Partial<FeedEntry> = {}): FeedEntry {
  return {
    accessionNo: '0001127602-25-026455',
    cik: '320193',
    companyName: 'Apple Inc.',
    role: 'Issuer',
    formType: '4',
    filedAt: '2025-11-03T16:02:11-05:00',
    indexUrl:
      'https://www.sec.gov/Archives/edgar/data/320193/000112760225026455/0001127602-25-026455-index.htm',
    items: [],
    ...overrides,
  };
}

describe('toEdgarFilings', () => {
  it('merges the entries of one accession into one filing led by the issuer', () => {
    const owner = entry({
      cik: '1214156',
      companyName: 'COOK TIMOTHY D',
      role: 'Reporting',
    });
    const { filings, rejects } = toEdgarFilings([owner, entry()], {
      receivedAt,
      tickers: { '320193': 'aapl' },
    });
    expect(rejects).toEqual([]);
    expect(filings).toHaveLength(1);
    expect(filings[0]).toMatchObject({
      accessionNo: '0001127602-25-026455',
      cik: '320193',
      ticker: 'AAPL',
      companyName: 'Apple Inc.',
      companyNameLong: 'Apple Inc. (Issuer)',
      formType: '4',
      description: 'Form 4',
      filedAt: '2025-11-03T16:02:11-05:00',
      linkToTxt:
        'https://www.sec.gov/Archives/edgar/data/320193/0001127602-25-026455.txt',
      source: 'edgar',
      receivedAt,
      entities: [
        { companyName: 'COOK TIMOTHY D (Reporting)', cik: '1214156' },
        { companyName: 'Apple Inc. (Issuer)', cik: '320193' },
      ],
    });
  });

  it.each([
    [['Reporting', 'Filer'], 'Filer'],
    [['Subject', 'Filed by'], 'Subject'],
    [['Filed by', 'Reporting'], 'Filed by'],
    [['Subject', 'Filer', 'Issuer'], 'Issuer'],
  ])('picks the primary of roles %j: %s', (roles, expected) => {
    expect(primaryEntry(roles.map((role) => entry({ role }))).role).toBe(
      expected,
    );
  });

  it('emits oldest first, ties in acceptance order', () => {
    const feed = [
      entry({
        accessionNo: '0000000001-25-000003',
        filedAt: '2025-11-03T16:00:02-05:00',
      }),
      entry({
        accessionNo: '0000000001-25-000002',
        filedAt: '2025-11-03T16:00:01-05:00',
      }),
      entry({
        accessionNo: '0000000001-25-000001',
        filedAt: '2025-11-03T16:00:01-05:00',
      }),
    ];
    const { filings } = toEdgarFilings(feed, { receivedAt, tickers: {} });
    expect(filings.map((f) => f.accessionNo)).toEqual([
      '0000000001-25-000001',
      '0000000001-25-000002',
      '0000000001-25-000003',
    ]);
    expect(filings.every((f) => f.ticker === '')).toBe(true);
  });

  it('puts the 8-K items in items and the description', () => {
    const items = ['Item 2.02: Results of Operations and Financial Condition'];
    const { filings } = toEdgarFilings(
      [entry({ formType: '8-K', role: 'Filer', items })],
      {
        receivedAt,
        tickers: {},
      },
    );
    expect(filings[0].items).toEqual(items);
    expect(filings[0].description).toBe(
      'Form 8-K - Item 2.02: Results of Operations and Financial Condition',
    );
  });

  it('rejects a filing that toFiling refuses and keeps the others', () => {
    const bad = entry({ accessionNo: 'nope', filedAt: 'yesterday' });
    const { filings, rejects } = toEdgarFilings(
      [bad, entry({ accessionNo: '0000000001-25-000009' })],
      { receivedAt, tickers: {} },
    );
    expect(filings.map((f) => f.accessionNo)).toEqual(['0000000001-25-000009']);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({
      code: 'EDGAR_ENTRY_INVALID',
      source: 'edgar',
    });
    expect(rejects[0].reasons.map((r) => r.field).sort()).toEqual([
      'accessionNo',
      'filedAt',
    ]);
  });

  it("gives a filing its primary listing's ticker and exchange from the directory", () => {
    const directory = directoryOf({
      '1067983': [
        { ticker: 'BRK-B', exchange: 'NYSE' },
        { ticker: 'BRK-A', exchange: 'NYSE' },
      ],
      '320193': [{ ticker: 'AAPL', exchange: 'Nasdaq' }],
      '2007855': [{ ticker: 'VG', exchange: null }],
    });
    const { filings, rejects } = toEdgarFilings(
      [
        entry(),
        entry({
          accessionNo: '0001193125-25-000001',
          cik: '1067983',
          companyName: 'BERKSHIRE HATHAWAY INC',
          role: 'Filer',
          formType: '8-K',
        }),
        entry({ accessionNo: '0002007855-25-000001', cik: '2007855' }),
        entry({ accessionNo: '0001999999-25-000001', cik: '1999999' }),
      ],
      { receivedAt, tickers: directory },
    );
    expect(rejects).toEqual([]);
    const listing = (cik: string) => {
      const filing = filings.find((f) => f.cik === cik);
      return [filing?.ticker, filing?.exchange];
    };
    expect(listing('320193')).toEqual(['AAPL', 'Nasdaq']);
    expect(listing('1067983')).toEqual(['BRK-B', 'NYSE']);
    // Listed without an exchange, or not listed: no exchange at all.
    expect(listing('2007855')).toEqual(['VG', undefined]);
    expect(listing('1999999')).toEqual(['', undefined]);
    expect(filings.filter((f) => 'exchange' in f)).toHaveLength(2);
    // The exchange sits after the ticker, as the model orders it.
    const keys = Object.keys(filings.find((f) => f.cik === '320193') ?? {});
    expect(keys.indexOf('exchange')).toBe(keys.indexOf('ticker') + 1);
  });

  it('gives no exchange with a plain CIK-to-ticker map', () => {
    const { filings } = toEdgarFilings([entry()], {
      receivedAt,
      tickers: { '320193': 'AAPL' },
    });
    expect(filings[0].ticker).toBe('AAPL');
    expect('exchange' in filings[0]).toBe(false);
  });

  it('never takes a ticker from the prototype chain', () => {
    const { filings } = toEdgarFilings([entry({ cik: '1' })], {
      receivedAt,
      tickers: Object.create({ '1': 'EVIL' }) as Record<string, string>,
    });
    expect(filings[0].ticker).toBe('');
  });
});
