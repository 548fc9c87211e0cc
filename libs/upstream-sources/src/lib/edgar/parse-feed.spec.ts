import { parseFeed } from './parse-feed';
import {
  atomEntry,
  atomFeed,
  fixtureFeedBytes,
} from './test-support/atom-feed';

const fixtureText = () => new TextDecoder('latin1').decode(fixtureFeedBytes());

describe('parseFeed', () => {
  it('reads all 40 entries of the real feed, newest first', () => {
    const result = parseFeed(fixtureText());
    if (!result.ok) throw new Error(result.message);
    expect(result.rejects).toEqual([]);
    expect(result.entries).toHaveLength(40);
    expect(result.entries[1]).toEqual({
      accessionNo: '0000092230-16-000125',
      cik: '92230',
      companyName: 'BB&T CORP',
      role: 'Filer',
      formType: '10-K',
      filedAt: '2016-02-25T17:25:57-05:00',
      indexUrl:
        'http://www.sec.gov/Archives/edgar/data/92230/000009223016000125/0000092230-16-000125-index.htm',
      items: [],
    });
  });

  it('keeps names with dashes and parentheses whole, and forms as strings', () => {
    const result = parseFeed(
      atomFeed([
        {
          form: '4',
          name: 'SMITH JOHN - TRUST (2010) A',
          cik: '0000000042',
          role: 'Reporting',
          accessionNo: '0001234567-25-000001',
          updated: '2025-11-03T16:05:12-05:00',
        },
      ]),
    );
    expect(result.ok && result.entries[0]).toMatchObject({
      formType: '4',
      companyName: 'SMITH JOHN - TRUST (2010) A',
      cik: '42',
      role: 'Reporting',
    });
  });

  it('reads the 8-K items of the summary', () => {
    const result = parseFeed(
      atomFeed([
        {
          form: '8-K',
          name: 'APPLE INC.',
          cik: '0000320193',
          role: 'Filer',
          accessionNo: '0000320193-25-000077',
          updated: '2025-10-30T16:30:41-04:00',
          summary:
            '<b>Filed:</b> 2025-10-30 <b>AccNo:</b> 0000320193-25-000077 <b>Size:</b> 1 MB<br>Item 2.02: Results of Operations and Financial Condition<br>Item 9.01: Financial Statements and Exhibits',
        },
      ]),
    );
    expect(result.ok && result.entries[0].items).toEqual([
      'Item 2.02: Results of Operations and Financial Condition',
      'Item 9.01: Financial Statements and Exhibits',
    ]);
  });

  it('rejects an unreadable entry and keeps the others', () => {
    const good = atomEntry({
      form: '10-Q',
      name: 'GOOD CO',
      cik: '0000000007',
      role: 'Filer',
      accessionNo: '0000000007-25-000001',
      updated: '2025-11-03T16:00:00-05:00',
    });
    const bad = '<entry><title>garbage</title><id>tag:x</id></entry>';
    const result = parseFeed(atomFeed([bad, good]));
    if (!result.ok) throw new Error(result.message);
    expect(result.entries.map((e) => e.accessionNo)).toEqual([
      '0000000007-25-000001',
    ]);
    expect(result.rejects).toEqual([
      {
        code: 'EDGAR_ENTRY_INVALID',
        source: 'edgar',
        raw: { title: 'garbage', id: 'tag:x' },
        reasons: [
          {
            field: 'title',
            reason: 'must look like "FORM - NAME (CIK) (ROLE)"',
          },
          {
            field: 'id',
            reason:
              'must be urn:tag:sec.gov,2008:accession-number=<accession number>',
          },
          { field: 'updated', reason: 'is required' },
        ],
      },
    ]);
  });

  it('derives the index page when the entry has no link', () => {
    const entry = atomEntry({
      form: '10-K',
      name: 'NO LINK CO',
      cik: '0000000099',
      role: 'Filer',
      accessionNo: '0000000099-25-000003',
      updated: '2025-11-03T16:00:00-05:00',
    }).replace(/<link[^>]*\/>/, '');
    const result = parseFeed(atomFeed([entry]));
    expect(result.ok && result.entries[0].indexUrl).toBe(
      'https://www.sec.gov/Archives/edgar/data/99/000000009925000003/0000000099-25-000003-index.htm',
    );
  });

  it('accepts a feed with no entries', () => {
    expect(parseFeed(atomFeed([]))).toEqual({
      ok: true,
      entries: [],
      rejects: [],
    });
  });

  it.each([
    ['an HTML error page', '<html><body><p>Slow down<br></p></body></html>'],
    ['an unclosed entry', '<feed><entry><title>x</title></feed>'],
    ['a non-Atom document', '<?xml version="1.0"?><rss><channel/></rss>'],
    ['an empty body', ''],
  ])('refuses %s', (_, text) => {
    const result = parseFeed(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toEqual(expect.any(String));
  });
});
