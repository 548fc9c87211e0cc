import type {
  OwnershipInsights,
  OwnershipTransaction,
} from '@secfeed/filing-model';
import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { insightsFromOwnershipXml } from './ownership-from-xml';

// Every expected value below was read by hand from the fixture documents.

function ownershipOf(name: string): OwnershipInsights {
  const insights = insightsFromOwnershipXml(edgarDocument(name));
  expect(insights.problems).toBeUndefined();
  if (!insights.ownership) throw new Error(`no ownership in ${name}`);
  return insights.ownership;
}

const person = {
  director: false,
  officer: false,
  officerTitle: null,
  tenPercentOwner: false,
  other: false,
};

function row(
  fields: Partial<OwnershipTransaction> &
    Pick<OwnershipTransaction, 'security' | 'date' | 'code' | 'shares'>,
): OwnershipTransaction {
  return {
    acquired: true,
    price: null,
    sharesAfter: null,
    derivative: false,
    direct: true,
    ...fields,
  };
}

describe('insightsFromOwnershipXml', () => {
  it('reads a Form 4 of schema X0508 with true/false booleans and an A grant in both tables (374Water)', () => {
    expect(ownershipOf(FIXTURES.form4Water)).toEqual({
      issuer: { cik: '933972', name: '374Water Inc.', ticker: 'SCWO' },
      owners: [
        {
          ...person,
          cik: '2064133',
          name: 'Melkote Rajesh Ramaswamy',
          officer: true,
          officerTitle: 'Chief Technology Officer',
        },
      ],
      transactions: [
        row({
          security: 'Common Stock (restricted stock units)',
          date: '2025-04-30',
          code: 'A',
          shares: 757756,
          price: 0,
          sharesAfter: 757756,
        }),
        row({
          security: 'Stock options (right to buy)',
          date: '2025-04-30',
          code: 'A',
          shares: 757576,
          price: 0,
          sharesAfter: 757756,
          derivative: true,
        }),
      ],
      tenb51: false,
    });
  });

  it('reads an X0306 Form 4: M then five weighted-average S rows, holdings left out, one derivative M (Snowflake CFO)', () => {
    const ownership = ownershipOf(FIXTURES.form4Scarpelli);
    expect(ownership.issuer).toEqual({
      cik: '1640147',
      name: 'Snowflake Inc.',
      ticker: 'SNOW',
    });
    expect(ownership.owners).toEqual([
      {
        ...person,
        cik: '1402349',
        name: 'Scarpelli Michael',
        officer: true,
        officerTitle: 'Chief Financial Officer',
      },
    ]);
    const common = { security: 'Class A Common Stock', date: '2022-12-13' };
    const sale = { ...common, code: 'S', acquired: false };
    expect(ownership.transactions).toEqual([
      row({
        ...common,
        code: 'M',
        shares: 200000,
        price: 8.88,
        sharesAfter: 301097,
      }),
      row({ ...sale, shares: 73170, price: 150.841, sharesAfter: 227927 }),
      row({ ...sale, shares: 74907, price: 151.814, sharesAfter: 153020 }),
      row({ ...sale, shares: 41986, price: 152.655, sharesAfter: 111034 }),
      row({ ...sale, shares: 5496, price: 153.872, sharesAfter: 105538 }),
      row({ ...sale, shares: 4441, price: 154.76, sharesAfter: 101097 }),
      row({
        security: 'Stock Option (Right to Buy)',
        date: '2022-12-13',
        code: 'M',
        shares: 200000,
        price: 0,
        sharesAfter: 2219299,
        derivative: true,
      }),
    ]);
    // "for financial and tax planning purposes" says nothing of Rule 10b5-1.
    expect(ownership.tenb51).toBe(false);
  });

  it('reads the 10b5-1 checkbox and 14 indirect sales of an X0508 Form 4 (Dutch Bros)', () => {
    const ownership = ownershipOf(FIXTURES.form4DutchBros);
    expect(ownership.issuer).toEqual({
      cik: '1866581',
      name: 'Dutch Bros Inc.',
      ticker: 'BROS',
    });
    expect(ownership.owners).toEqual([
      {
        cik: '1883154',
        name: 'Boersma Travis',
        director: true,
        officer: true,
        officerTitle: 'Executive Chairman of Board',
        tenPercentOwner: true,
        other: false,
      },
    ]);
    expect(ownership.tenb51).toBe(true);
    const rows: [string, number, number, number][] = [
      ['2025-02-25', 177098, 72.854, 4022003],
      ['2025-02-25', 43073, 73.5652, 3978930],
      ['2025-02-25', 14448, 74.7161, 3964482],
      ['2025-02-25', 432, 75.2289, 3964050],
      ['2025-02-25', 111376, 72.854, 2529403],
      ['2025-02-25', 27087, 73.5652, 2502316],
      ['2025-02-25', 9087, 74.716, 2493229],
      ['2025-02-25', 272, 75.229, 2492957],
      ['2025-02-26', 56147, 74.9862, 3907903],
      ['2025-02-26', 109646, 75.5356, 3798257],
      ['2025-02-26', 123802, 76.6714, 3674455],
      ['2025-02-26', 35310, 74.9862, 2457647],
      ['2025-02-26', 68956, 75.5356, 2388691],
      ['2025-02-26', 77857, 76.6714, 2310834],
    ];
    expect(ownership.transactions).toEqual(
      rows.map(([date, shares, price, sharesAfter]) =>
        row({
          security: 'Class A Common Stock',
          date,
          code: 'S',
          acquired: false,
          shares,
          price,
          sharesAfter,
          direct: false,
        }),
      ),
    );
  });

  it('gives price null where only a footnote prices the row, and finds 10b5-1 in a footnote (Apple CEO)', () => {
    const ownership = ownershipOf(FIXTURES.form4Cook);
    expect(ownership.issuer).toEqual({
      cik: '320193',
      name: 'Apple Inc.',
      ticker: 'AAPL',
    });
    expect(ownership.owners).toEqual([
      {
        ...person,
        cik: '1214156',
        name: 'COOK TIMOTHY D',
        director: true,
        officer: true,
        officerTitle: 'Chief Executive Officer',
      },
    ]);
    const stock = { security: 'Common Stock' };
    expect(ownership.transactions).toEqual([
      row({
        ...stock,
        date: '2019-08-24',
        code: 'M',
        shares: 560000,
        price: null,
        sharesAfter: 1414849,
      }),
      row({
        ...stock,
        date: '2019-08-24',
        code: 'F',
        acquired: false,
        shares: 294840,
        price: 202.64,
        sharesAfter: 1120009,
      }),
      row({
        ...stock,
        date: '2019-08-26',
        code: 'S',
        acquired: false,
        shares: 129555,
        price: 205.75,
        sharesAfter: 990454,
      }),
      row({
        ...stock,
        date: '2019-08-26',
        code: 'S',
        acquired: false,
        shares: 132113,
        price: 206.55,
        sharesAfter: 858341,
      }),
      row({
        ...stock,
        date: '2019-08-26',
        code: 'S',
        acquired: false,
        shares: 3492,
        price: 207.13,
        sharesAfter: 854849,
      }),
      row({
        security: 'Restricted Stock Unit',
        date: '2019-08-24',
        code: 'M',
        acquired: false,
        shares: 560000,
        price: null,
        sharesAfter: 1820000,
        derivative: true,
      }),
    ]);
    // No aff10b5One element (X0306): footnote F7 says "pursuant to a Rule 10b5-1 trading plan".
    expect(ownership.tenb51).toBe(true);
  });

  it('reads an option exercise with a four-decimal price and a derivative row priced 0 (Apple director)', () => {
    const ownership = ownershipOf(FIXTURES.form4Levinson);
    expect(ownership.owners).toEqual([
      { ...person, cik: '1214128', name: 'LEVINSON ARTHUR D', director: true },
    ]);
    expect(ownership.transactions).toEqual([
      row({
        security: 'Common Stock',
        date: '2019-08-12',
        code: 'M',
        shares: 17500,
        price: 23.8257,
        sharesAfter: 1150783,
      }),
      row({
        security: 'Common Stock',
        date: '2019-08-12',
        code: 'S',
        acquired: false,
        shares: 17500,
        price: 201.69,
        sharesAfter: 1133283,
      }),
      row({
        security: 'Director Stock Option (Right to Buy)',
        date: '2019-08-12',
        code: 'M',
        acquired: false,
        shares: 17500,
        price: 0,
        sharesAfter: 0,
        derivative: true,
      }),
    ]);
    expect(ownership.tenb51).toBe(false);
  });

  it('reads a Form 5 gift and leaves its holdings out (Snowflake director)', () => {
    expect(ownershipOf(FIXTURES.form5McMahon)).toEqual({
      issuer: { cik: '1640147', name: 'Snowflake Inc.', ticker: 'SNOW' },
      owners: [
        {
          ...person,
          cik: '1397798',
          name: 'McMahon John Dennis',
          director: true,
        },
      ],
      transactions: [
        row({
          security: 'Class A Common Stock',
          date: '2021-12-23',
          code: 'G',
          acquired: false,
          shares: 61386,
          price: 0,
          sharesAfter: 54666,
        }),
      ],
      tenb51: false,
    });
  });

  it('reads a Form 3 of two 10% owners with holdings only: no transactions (Berkshire, Buffett)', () => {
    expect(ownershipOf(FIXTURES.form3Berkshire)).toEqual({
      issuer: { cik: '1640147', name: 'Snowflake Inc.', ticker: 'SNOW' },
      owners: [
        {
          ...person,
          cik: '1067983',
          name: 'BERKSHIRE HATHAWAY INC',
          tenPercentOwner: true,
        },
        {
          ...person,
          cik: '315090',
          name: 'BUFFETT WARREN E',
          tenPercentOwner: true,
        },
      ],
      transactions: [],
      tenb51: false,
    });
  });

  it('reads a Form 3 with an empty non-derivative table and derivative holdings only (Snowflake director)', () => {
    expect(ownershipOf(FIXTURES.form3Garrett)).toEqual({
      issuer: { cik: '1640147', name: 'Snowflake Inc.', ticker: 'SNOW' },
      owners: [
        { ...person, cik: '1246215', name: 'GARRETT MARK', director: true },
      ],
      transactions: [],
      tenb51: false,
    });
  });

  describe('schema variations', () => {
    const doc = (body: string) =>
      `<?xml version="1.0"?><ownershipDocument><schemaVersion>X0101</schemaVersion>
       <documentType>4</documentType>
       <issuer><issuerCik>0000001234</issuerCik><issuerName>Old &amp; Co</issuerName>
       <issuerTradingSymbol>NONE</issuerTradingSymbol></issuer>${body}</ownershipDocument>`;
    const owner = (relationship: string) =>
      `<reportingOwner><reportingOwnerId><rptOwnerCik>0000009876</rptOwnerCik>
       <rptOwnerName>Doe Jane</rptOwnerName></reportingOwnerId>
       <reportingOwnerRelationship>${relationship}</reportingOwnerRelationship></reportingOwner>`;

    it('reads values written without <value> wrappers, and NONE as no ticker', () => {
      const insights = insightsFromOwnershipXml(
        doc(`${owner('<isDirector>1</isDirector><isOther>true</isOther>')}
        <nonDerivativeTable><nonDerivativeTransaction>
          <securityTitle>Common</securityTitle><transactionDate>2003-07-01</transactionDate>
          <transactionCoding><transactionCode>p</transactionCode></transactionCoding>
          <transactionAmounts><transactionShares>1,000</transactionShares>
          <transactionPricePerShare>12.5</transactionPricePerShare>
          <transactionAcquiredDisposedCode>a</transactionAcquiredDisposedCode></transactionAmounts>
          <postTransactionAmounts><sharesOwnedFollowingTransaction>5000</sharesOwnedFollowingTransaction></postTransactionAmounts>
          <ownershipNature><directOrIndirectOwnership>I</directOrIndirectOwnership></ownershipNature>
        </nonDerivativeTransaction></nonDerivativeTable>`),
      );
      expect(insights).toEqual({
        ownership: {
          issuer: { cik: '1234', name: 'Old & Co', ticker: '' },
          owners: [
            {
              ...person,
              cik: '9876',
              name: 'Doe Jane',
              director: true,
              other: true,
            },
          ],
          transactions: [
            row({
              security: 'Common',
              date: '2003-07-01',
              code: 'P',
              shares: 1000,
              price: 12.5,
              sharesAfter: 5000,
              direct: false,
            }),
          ],
          tenb51: false,
        },
      });
    });

    it('reads booleans 0/false as false and absent relationship flags as false', () => {
      const insights = insightsFromOwnershipXml(
        doc(
          owner(
            '<isDirector>0</isDirector><isOfficer>false</isOfficer><officerTitle></officerTitle>',
          ),
        ),
      );
      expect(insights.ownership?.owners).toEqual([
        { ...person, cik: '9876', name: 'Doe Jane' },
      ]);
    });

    it('leaves out a row with no share count (a derivative row with a total value only) and says so', () => {
      const insights = insightsFromOwnershipXml(
        doc(`${owner('<isOfficer>1</isOfficer>')}<derivativeTable><derivativeTransaction>
          <securityTitle><value>Swap</value></securityTitle><transactionDate><value>2020-01-02</value></transactionDate>
          <transactionCoding><transactionCode>K</transactionCode></transactionCoding>
          <transactionAmounts><transactionTotalValue><value>1000</value></transactionTotalValue>
          <transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode></transactionAmounts>
        </derivativeTransaction></derivativeTable>`),
      );
      expect(insights.ownership?.transactions).toEqual([]);
      expect(insights.problems).toEqual([
        {
          code: 'TRANSACTION_UNREADABLE',
          message: 'derivative row 1 left out: no transactionShares',
        },
      ]);
    });

    it('reports a document with no issuer and no reporting owner', () => {
      const insights = insightsFromOwnershipXml(
        '<ownershipDocument><documentType>4</documentType></ownershipDocument>',
      );
      expect(insights.problems?.map((p) => p.code)).toEqual([
        'FIELD_MISSING',
        'FIELD_MISSING',
      ]);
      expect(insights.ownership?.owners).toEqual([]);
    });

    it('takes 10b5-1 from the remarks, but not from a negated mention', () => {
      const remarks = (text: string) =>
        insightsFromOwnershipXml(
          doc(
            `${owner('<isDirector>1</isDirector>')}<remarks>${text}</remarks>`,
          ),
        ).ownership?.tenb51;
      expect(
        remarks('Sales made under a Rule 10b5-1 plan adopted March 1, 2024.'),
      ).toBe(true);
      expect(
        remarks(
          'These sales were not made pursuant to a Rule 10b5-1 trading plan.',
        ),
      ).toBe(false);
    });
  });

  it('reads a 3 MB document of 1,820 rows (the Dutch Bros rows 130 times) within the size cap', () => {
    const xml = edgarDocument(FIXTURES.form4DutchBros);
    const first = xml.indexOf('<nonDerivativeTransaction>');
    const end =
      xml.lastIndexOf('</nonDerivativeTransaction>') +
      '</nonDerivativeTransaction>'.length;
    const big =
      xml.slice(0, first) + xml.slice(first, end).repeat(130) + xml.slice(end);
    expect(big.length).toBeGreaterThan(2_900_000);
    const started = Date.now();
    const insights = insightsFromOwnershipXml(big);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(insights.problems).toBeUndefined();
    expect(insights.ownership?.transactions).toHaveLength(1820);
    expect(insights.ownership?.transactions[1819]).toEqual(
      row({
        security: 'Class A Common Stock',
        date: '2025-02-26',
        code: 'S',
        acquired: false,
        shares: 77857,
        price: 76.6714,
        sharesAfter: 2310834,
        direct: false,
      }),
    );
  });

  it('gives a problem for the HTML rendering of a Form 4 (xslF345), not the raw XML', () => {
    const code = insightsFromOwnershipXml(
      edgarDocument(FIXTURES.form4RenderedMsft),
    ).problems?.[0].code;
    // Its HTML 4.01 DOCTYPE is refused before any parsing.
    expect(code).toBe('XML_DOCTYPE');
  });

  it('gives a problem, not a throw, for XML of another root and for non-text input', () => {
    expect(
      insightsFromOwnershipXml('<edgarSubmission><a>1</a></edgarSubmission>'),
    ).toEqual({
      problems: [
        {
          code: 'XML_UNEXPECTED_ROOT',
          message: 'no <ownershipDocument> root element',
        },
      ],
    });
    expect(insightsFromOwnershipXml(undefined).problems?.[0].code).toBe(
      'INPUT_NOT_TEXT',
    );
  });
});
