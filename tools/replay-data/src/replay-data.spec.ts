import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { acceptanceSecond, easternIso, seededRandom } from './acceptance-times';
import { groupByAccession, parseMasterIndex } from './master-index';
import { ReplayFiling, toReplayFiling } from './replay-filing';
import {
  SecCompanyTickersExchange,
  shippedCompanyTickers,
} from './share-class-table';
import { SecCompanyTickers, tickerMap } from './ticker-map';

const root = join(__dirname, '../../..');
const fixtures = join(root, '../shared/fixtures/edgar');
const indexText = readFileSync(join(fixtures, 'master.20200103.idx'), 'latin1');
const secTickers = JSON.parse(
  readFileSync(join(fixtures, 'company_tickers.json'), 'utf8'),
) as SecCompanyTickers;

describe('parseMasterIndex on the real daily index', () => {
  const rows = parseMasterIndex(indexText);

  it('reads every entity row and none of the free-text header', () => {
    expect(rows).toHaveLength(7989);
    expect(rows[0]).toEqual({
      cik: '1000229',
      companyName: 'CORE LABORATORIES N V',
      formType: '4',
      dateFiled: '20200103',
      accessionNo: '0001209191-20-000788',
    });
  });

  it('groups one filing per accession number, entities together', () => {
    const groups = groupByAccession(rows);
    expect(groups).toHaveLength(4655);
    expect(
      groups.every((g) => g.every((r) => r.accessionNo === g[0].accessionNo)),
    ).toBe(true);
    expect(groups.some((g) => g.length > 1)).toBe(true);
  });
});

describe('tickerMap', () => {
  it('maps CIKs without leading zeros to the primary (first listed) ticker', () => {
    const map = tickerMap(secTickers);
    expect(map['320193']).toBe('AAPL');
    // Alphabet lists GOOGL before GOOG.
    expect(map['1652044']).toBe('GOOGL');
  });
});

describe('shippedCompanyTickers', () => {
  const source = JSON.parse(
    readFileSync(join(fixtures, 'company_tickers_exchange.json'), 'utf8'),
  ) as SecCompanyTickersExchange;
  const shipped = shippedCompanyTickers(source);

  it('keeps every listed security in the SEC order, without the name column', () => {
    expect(shipped.fields).toEqual(['cik', 'ticker', 'exchange']);
    expect(shipped.data).toHaveLength(source.data.length);
    expect(shipped.data[0]).toEqual([320193, 'AAPL', 'Nasdaq']);
    expect(shipped.data.filter(([cik]) => cik === 1067983)).toEqual([
      [1067983, 'BRK-B', 'NYSE'],
      [1067983, 'BRK-A', 'NYSE'],
    ]);
    expect(shipped.data).toContainEqual([2007855, 'VG', null]);
    // The SEC's file has a ticker with a trailing space.
    expect(shipped.data).toContainEqual([2033770, 'DAIC', null]);
  });

  it('refuses a row of the wrong types', () => {
    expect(() =>
      shippedCompanyTickers({
        fields: ['cik', 'name', 'ticker', 'exchange'],
        data: [[320193, 'Apple Inc.', 42, 'Nasdaq']],
      }),
    ).toThrow(/row 0/);
  });

  it('matches the committed copy (data/edgar)', () => {
    const committed = JSON.parse(
      readFileSync(
        join(root, 'data/edgar/company-tickers-exchange.json'),
        'utf8',
      ),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(shipped)));
  });
});

describe('acceptance times', () => {
  it('are reproducible for a seed and differ across seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('fall within EDGAR hours, with insider forms later in the day than company forms', () => {
    const random = seededRandom(1);
    const insider = Array.from({ length: 2000 }, () =>
      acceptanceSecond('4', random),
    );
    const company = Array.from({ length: 2000 }, () =>
      acceptanceSecond('8-K', random),
    );
    for (const s of [...insider, ...company]) {
      expect(s).toBeGreaterThanOrEqual(6 * 3600);
      expect(s).toBeLessThan(22 * 3600);
    }
    const afterSix = (xs: number[]) =>
      xs.filter((s) => s >= 18 * 3600).length / xs.length;
    expect(afterSix(insider)).toBeGreaterThan(afterSix(company) * 2);
  });

  it('are written in ISO 8601 with the Eastern offset', () => {
    expect(easternIso('20200103', 16 * 3600 + 5 * 60 + 9)).toBe(
      '2020-01-03T16:05:09-05:00',
    );
  });
});

describe('toReplayFiling', () => {
  const tickers = tickerMap(secTickers);

  it('takes the entity with a ticker as the filer (the issuer of an insider form)', () => {
    const rows = [
      {
        cik: '1234567',
        companyName: 'DOE JOHN',
        formType: '4',
        dateFiled: '20200103',
        accessionNo: '0001209191-20-000001',
      },
      {
        cik: '320193',
        companyName: 'Apple Inc.',
        formType: '4',
        dateFiled: '20200103',
        accessionNo: '0001209191-20-000001',
      },
    ];
    const filing = toReplayFiling(rows, tickers, seededRandom(1), '20200103');
    expect(filing).toMatchObject({
      accessionNo: '0001209191-20-000001',
      cik: '320193',
      ticker: 'AAPL',
      companyName: 'Apple Inc.',
      formType: '4',
      description:
        'Form 4 - Statement of changes in beneficial ownership of securities',
      linkToHtml:
        'https://www.sec.gov/Archives/edgar/data/320193/000120919120000001/0001209191-20-000001-index.htm',
      linkToTxt:
        'https://www.sec.gov/Archives/edgar/data/320193/0001209191-20-000001.txt',
    });
    expect(filing.entities).toEqual([
      { companyName: 'DOE JOHN', cik: '1234567' },
      { companyName: 'Apple Inc.', cik: '320193' },
    ]);
    expect(filing.filedAt).toMatch(
      /^2020-01-03T(0[6-9]|1\d|2[01]):\d\d:\d\d-05:00$/,
    );
  });
});

describe('the committed data set (data/replay)', () => {
  const filings = gunzipSync(
    readFileSync(join(root, 'data/replay/edgar-2020-01-03.jsonl.gz')),
  )
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ReplayFiling);

  it('holds the whole day once per accession, in acceptance order', () => {
    expect(filings).toHaveLength(4655);
    expect(new Set(filings.map((f) => f.accessionNo)).size).toBe(4655);
    const times = filings.map((f) => f.filedAt);
    expect([...times].sort()).toEqual(times);
    expect(times.every((t) => t.startsWith('2020-01-03T'))).toBe(true);
  });

  it('peaks in the hour after the 16:00 close, like a real EDGAR day', () => {
    const perHour = new Map<string, number>();
    for (const f of filings)
      perHour.set(
        f.filedAt.slice(11, 13),
        (perHour.get(f.filedAt.slice(11, 13)) ?? 0) + 1,
      );
    const busiest = [...perHour.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(busiest).toBe('16');
  });
});
