import { edgarDocument, FIXTURES } from '../test-support/edgar-documents';
import { itemsFromHeader } from './items-from-header';

const T502 =
  'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers';
const T901 = 'Financial Statements and Exhibits';

describe('itemsFromHeader', () => {
  it.each([
    [
      FIXTURES.eightKSubNvidia,
      [
        { code: '5.02', title: T502 },
        { code: '9.01', title: T901 },
      ],
    ],
    [FIXTURES.eightKSub1895, [{ code: '5.02', title: T502 }]],
    [FIXTURES.eightKSub3m, [{ code: '8.01', title: 'Other Events' }]],
  ])(
    'maps the ITEM INFORMATION titles of a full submission header to codes (%s)',
    (name, items) => {
      expect(itemsFromHeader(edgarDocument(name))).toEqual({ items });
    },
  );

  it('reads <ITEMS> codes of the .nc feed format with lone CR line endings (Acorn Energy)', () => {
    const nc = edgarDocument(FIXTURES.eightKNcAcorn);
    expect(nc.includes('\r<ITEMS>')).toBe(true);
    expect(itemsFromHeader(nc)).toEqual({
      items: [
        { code: '5.02', title: T502 },
        { code: '9.01', title: T901 },
      ],
    });
  });

  it('reads an -index-headers.html page once, from its tag-style header (23andMe)', () => {
    expect(
      itemsFromHeader(edgarDocument(FIXTURES.eightKHeader23andMe)),
    ).toEqual({
      items: [
        { code: '7.01', title: 'Regulation FD Disclosure' },
        { code: '9.01', title: T901 },
      ],
    });
  });

  it('says ITEMS_MISSING for the header of a filing with no items (a Form 4)', () => {
    expect(itemsFromHeader(edgarDocument(FIXTURES.form4HeaderUfp))).toEqual({
      problems: [
        { code: 'ITEMS_MISSING', message: 'the header names no 8-K item' },
      ],
    });
  });

  it('matches titles whatever their case and punctuation, and old pre-2004 titles', () => {
    const header = [
      '<SEC-HEADER>0000000000-04-000001.hdr.sgml : 20040105',
      'ACCESSION NUMBER:\t\t0000000000-04-000001',
      'ITEM INFORMATION:\t\tOther events',
      'ITEM INFORMATION:\t\tfinancial statements and exhibits',
      'ITEM INFORMATION:\t\tDeparture of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; Compensatory Arrangements of Certain Officers',
      'ITEM INFORMATION:\t\tAcquisition or disposition of assets',
    ].join('\n');
    expect(itemsFromHeader(header).items?.map((item) => item.code)).toEqual([
      '8.01',
      '9.01',
      '5.02',
      '2.01',
    ]);
  });

  it('keeps the known items and reports an unknown title or code', () => {
    const text = itemsFromHeader(
      'ACCESSION NUMBER: 1\nITEM INFORMATION:\tResults of Operations and Financial Condition\nITEM INFORMATION:\tSomething New\n',
    );
    expect(text).toEqual({
      items: [
        {
          code: '2.02',
          title: 'Results of Operations and Financial Condition',
        },
      ],
      problems: [
        { code: 'ITEM_UNKNOWN', message: 'unknown 8-K item "Something New"' },
      ],
    });
    const tags = itemsFromHeader(
      '<SUBMISSION>\n<ITEMS>2.02\n<ITEMS>7.09\n<ITEMS>2.02\n',
    );
    expect(tags.items).toEqual([
      { code: '2.02', title: 'Results of Operations and Financial Condition' },
      { code: '7.09', title: '' },
    ]);
    expect(tags.problems).toEqual([
      { code: 'ITEM_UNKNOWN', message: 'unknown 8-K item code "7.09"' },
    ]);
  });

  it('says HEADER_MISSING for text that is no header, and INPUT_NOT_TEXT for no text', () => {
    expect(
      itemsFromHeader('<html><body>hello</body></html>').problems?.[0].code,
    ).toBe('HEADER_MISSING');
    expect(itemsFromHeader(42).problems?.[0].code).toBe('INPUT_NOT_TEXT');
  });

  it('reads no item lines past the end of the header (a document quoting one)', () => {
    const submission =
      '<SEC-HEADER>x\nACCESSION NUMBER: 1\nITEM INFORMATION:\tOther Events\n</SEC-HEADER>\n<DOCUMENT>\n<TEXT>\nITEM INFORMATION:\tRegulation FD Disclosure\n</TEXT>';
    expect(itemsFromHeader(submission).items?.map((item) => item.code)).toEqual(
      ['8.01'],
    );
  });
});
