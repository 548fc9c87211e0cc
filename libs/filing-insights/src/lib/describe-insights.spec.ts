import type {
  FilingInsights,
  OwnershipOwner,
  OwnershipTransaction,
} from '@secfeed/filing-model';
import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { describeInsights } from './describe-insights';
import { insightsFromOwnershipXml } from './ownership-from-xml';
import { insightsFromScheduleXml } from './schedule-from-xml';
import { insightsFromSubmission } from './insights-from-submission';

const owner: OwnershipOwner = {
  cik: '1',
  name: 'Doe Jane',
  director: false,
  officer: false,
  officerTitle: null,
  tenPercentOwner: false,
  other: false,
};
const tx = (fields: Partial<OwnershipTransaction>): OwnershipTransaction => ({
  security: 'Common Stock',
  date: '2025-01-02',
  code: 'S',
  acquired: false,
  shares: 100,
  price: 10,
  sharesAfter: 0,
  derivative: false,
  direct: true,
  ...fields,
});
const ownership = (
  o: Partial<OwnershipOwner>,
  transactions: OwnershipTransaction[],
  tenb51 = false,
): FilingInsights => ({
  ownership: {
    issuer: { cik: '2', name: 'Acme Inc.', ticker: 'ACME' },
    owners: [{ ...owner, ...o }],
    transactions,
    tenb51,
  },
});

describe('describeInsights', () => {
  it('says the examples of issue 11', () => {
    expect(
      describeInsights(
        '4',
        ownership(
          { officer: true, officerTitle: 'Chief Financial Officer' },
          [tx({ shares: 12000, price: 31.2 })],
          true,
        ),
      ),
    ).toBe('CFO sold 12,000 sh at $31.20 ($374k), 10b5-1');
    expect(
      describeInsights(
        '4',
        ownership({ director: true }, [
          tx({ code: 'P', acquired: true, shares: 5000, price: 10 }),
        ]),
      ),
    ).toBe('Director bought 5,000 sh at $10.00 ($50k)');
    expect(
      describeInsights('8-K', {
        items: [
          {
            code: '2.02',
            title: 'Results of Operations and Financial Condition',
          },
          { code: '9.01', title: 'Financial Statements and Exhibits' },
        ],
      }),
    ).toBe('Items 2.02, 9.01: results');
    expect(
      describeInsights(
        'SCHEDULE 13G',
        {
          stake: {
            issuer: { name: 'AN2 Therapeutics, Inc.', cusip: '037326105' },
            filers: [{ name: 'Commodore Capital LP', shares: 1, percent: 9.8 }],
            percent: 9.8,
          },
        },
        { ticker: 'AN2' },
      ),
    ).toBe('Commodore Capital 9.8% of AN2');
  });

  it('sums sales at their share-weighted price (Snowflake CFO: five S rows)', () => {
    // 200,000 sh for $30,351,309.77 by hand from the five rows: $151.757 a share.
    const insights = insightsFromOwnershipXml(
      edgarDocument(FIXTURES.form4Scarpelli),
    );
    expect(describeInsights('4', insights)).toBe(
      'CFO sold 200,000 sh at $151.76 ($30M)',
    );
  });

  it('describes the fixtures as a trader would read them', () => {
    const xml = (name: string) => insightsFromOwnershipXml(edgarDocument(name));
    // 265,160 sh for $54,667,179.36: $206.17 a share.
    expect(describeInsights('4', xml(FIXTURES.form4Cook))).toBe(
      'CEO sold 265,160 sh at $206.17 ($55M), 10b5-1',
    );
    expect(describeInsights('4', xml(FIXTURES.form4Levinson))).toBe(
      'Director sold 17,500 sh at $201.69 ($3.5M)',
    );
    expect(describeInsights('4', xml(FIXTURES.form4Water))).toBe(
      'CTO acquired 757,756 sh (grant)',
    );
    expect(describeInsights('5', xml(FIXTURES.form5McMahon))).toBe(
      'Director disposed of 61,386 sh (gift)',
    );
    expect(describeInsights('3', xml(FIXTURES.form3Garrett))).toBe(
      'Director: initial holdings report',
    );
    const sub = (name: string) =>
      insightsFromSubmission('4', edgarDocument(name));
    // 105,554 sh for $4,043,811.93: $38.31 a share.
    expect(describeInsights('4', sub(FIXTURES.form4SubDraftKings))).toBe(
      'CLO sold 105,554 sh at $38.31 ($4M), 10b5-1',
    );
    expect(describeInsights('4', sub(FIXTURES.form4SubAar))).toBe(
      'GC sold 1,500 sh at $66.90 ($100k)',
    );
    expect(describeInsights('4', sub(FIXTURES.form4SubZip))).toBe(
      'President acquired 60,732 sh (option exercise)',
    );
    expect(describeInsights('4', sub(FIXTURES.form4SubBetter))).toBe(
      'SOFTBANK GROUP acquired 628,553 sh (conversion)',
    );
    expect(
      describeInsights(
        'SCHEDULE 13D',
        insightsFromScheduleXml(edgarDocument(FIXTURES.schedule13dArch)),
      ),
    ).toBe('ARCH Venture Fund XII 11.9% of Seaport Therapeutics');
  });

  it('names only 9.01 when it is the only item, and shortens long item lists', () => {
    expect(
      describeInsights('8-K/A', {
        items: [{ code: '9.01', title: 'Financial Statements and Exhibits' }],
      }),
    ).toBe('Item 9.01: exhibits');
    const items = ['1.01', '3.02', '5.02', '5.03', '8.01', '9.01'].map(
      (code) => ({ code, title: '' }),
    );
    expect(describeInsights('8-K', { items })).toBe(
      'Items 1.01, 3.02, 5.02, 5.03, 8.01, 9.01: agreement, unregistered sale, officers or directors, +2 more',
    );
    expect(
      describeInsights('8-K', { items: [{ code: '7.09', title: '' }] }),
    ).toBe('Item 7.09');
  });

  it('says both a purchase and a sale, leaves an unpriced total out, and reads small prices', () => {
    expect(
      describeInsights(
        '4',
        ownership({ director: true }, [
          tx({ code: 'P', acquired: true, shares: 1000, price: 2 }),
          tx({ code: 'S', shares: 400, price: null }),
        ]),
      ),
    ).toBe('Director bought 1,000 sh at $2.00 ($2k); sold 400 sh');
    expect(
      describeInsights(
        '4',
        ownership({ director: true }, [
          tx({ code: 'P', acquired: true, shares: 2500000, price: 0.3325 }),
        ]),
      ),
    ).toBe('Director bought 2,500,000 sh at $0.3325 ($831k)');
  });

  it('says Officer when the title only points to the remarks', () => {
    expect(
      describeInsights(
        '4',
        ownership({ officer: true, officerTitle: 'See Remarks' }, [
          tx({ shares: 10, price: 5 }),
        ]),
      ),
    ).toBe('Officer sold 10 sh at $5.00 ($50)');
  });

  it('names a 10% owner by its name and a stake without percent by its filer', () => {
    expect(
      describeInsights(
        '4',
        ownership({ name: 'Big Fund L.P.', tenPercentOwner: true }, [
          tx({ shares: 3, price: 1 }),
        ]),
      ),
    ).toBe('Big Fund sold 3 sh at $1.00 ($3)');
    expect(
      describeInsights('SC 13G', {
        stake: {
          issuer: { name: 'Acme Corp', cusip: '' },
          filers: [{ name: 'X Capital LLC', shares: null, percent: null }],
          percent: null,
        },
      }),
    ).toBe('X Capital stake in Acme');
  });

  it('gives null when the insights say nothing', () => {
    expect(describeInsights('4', {})).toBeNull();
    expect(
      describeInsights('4', {
        problems: [{ code: 'XML_MALFORMED', message: 'x' }],
      }),
    ).toBeNull();
    expect(describeInsights('8-K', { items: [] })).toBeNull();
    expect(describeInsights('4', null as unknown as FilingInsights)).toBeNull();
  });
});
