import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { itemsFromCodes } from './items-from-codes';

const T502 =
  'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers';

/** The decoded `<summary>` of the Atom entry with this accession number. */
function atomSummary(accessionNo: string): string {
  const atom = edgarDocument(FIXTURES.eightKAtom);
  const entry = atom
    .split('<entry>')
    .find((e) => e.includes(`accession-number=${accessionNo}`));
  const summary = /<summary type="html">([\s\S]*?)<\/summary>/.exec(
    entry ?? '',
  );
  if (!summary) throw new Error(`no summary for ${accessionNo}`);
  return summary[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

describe('itemsFromCodes', () => {
  it('reads sec-api.io item strings, titles from the table', () => {
    expect(
      itemsFromCodes([
        'Item 2.02: Results of Operations and Financial Condition',
        'Item 9.01: Financial Statements and Exhibits',
      ]),
    ).toEqual([
      { code: '2.02', title: 'Results of Operations and Financial Condition' },
      { code: '9.01', title: 'Financial Statements and Exhibits' },
    ]);
  });

  it('reads an Atom feed summary with six items (Bleichroeder Acquisition Corp. II)', () => {
    const summary = atomSummary('0001213900-26-002963');
    expect(itemsFromCodes([summary]).map((item) => item.code)).toEqual([
      '1.01',
      '3.02',
      '5.02',
      '5.03',
      '8.01',
      '9.01',
    ]);
  });

  it('reads the Atom summaries of an 8-K/A and of co-registrants', () => {
    expect(itemsFromCodes([atomSummary('0001437749-26-000991')])).toEqual([
      { code: '5.02', title: T502 },
    ]);
    expect(itemsFromCodes([atomSummary('0001654954-26-000233')])).toEqual([
      { code: '9.01', title: 'Financial Statements and Exhibits' },
    ]);
    expect(
      itemsFromCodes([atomSummary('0001193125-26-009027')]).map((i) => i.code),
    ).toEqual(['1.01', '2.03', '8.01', '9.01']);
  });

  it('reads the Items block of filing index pages (NVIDIA, Adobe)', () => {
    expect(itemsFromCodes([edgarDocument(FIXTURES.eightKIndexNvidia)])).toEqual(
      [
        { code: '5.02', title: T502 },
        { code: '9.01', title: 'Financial Statements and Exhibits' },
      ],
    );
    expect(itemsFromCodes([edgarDocument(FIXTURES.eightKIndexAdobe)])).toEqual([
      { code: '2.02', title: 'Results of Operations and Financial Condition' },
      { code: '9.01', title: 'Financial Statements and Exhibits' },
    ]);
  });

  it('reads an Atom summary still HTML-escaped', () => {
    expect(
      itemsFromCodes([
        '&lt;b&gt;Filed:&lt;/b&gt; 2026-01-09 &lt;br&gt;Item 7.01: Regulation FD Disclosure&lt;br&gt;Item 9.01: Financial Statements and Exhibits',
      ]).map((i) => i.code),
    ).toEqual(['7.01', '9.01']);
  });

  it('reads "Items 1.01 and 9.01", lists with commas and ampersands, and bare codes', () => {
    expect(itemsFromCodes(['Items 1.01 and 9.01']).map((i) => i.code)).toEqual([
      '1.01',
      '9.01',
    ]);
    expect(
      itemsFromCodes(['Items 2.02, 7.01 & 9.01']).map((i) => i.code),
    ).toEqual(['2.02', '7.01', '9.01']);
    expect(itemsFromCodes(['5.07', ' 8.01 '])).toEqual([
      {
        code: '5.07',
        title: 'Submission of Matters to a Vote of Security Holders',
      },
      { code: '8.01', title: 'Other Events' },
    ]);
  });

  it('keeps the given title of a code not in the table, drops duplicates and non-8-K codes', () => {
    expect(
      itemsFromCodes([
        'Item 7.09: A Future Item',
        'Item 3C: Investment Company Act Section 3(c)',
        'Item 3C.7: Section 3(c)(7)',
        'Item 9.01: Financial Statements and Exhibits',
        '9.01',
      ]),
    ).toEqual([
      { code: '7.09', title: 'A Future Item' },
      { code: '9.01', title: 'Financial Statements and Exhibits' },
    ]);
  });

  it('ignores what is not a list of strings', () => {
    expect(
      itemsFromCodes([42, null, { code: '2.02' }, 'no items here']),
    ).toEqual([]);
    expect(itemsFromCodes('2.02' as unknown as string[])).toEqual([]);
  });
});
