import { findDataFile } from '@secfeed/service-runtime';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real Latest Filings feed of 2016-02-25 (40 10-K entries), ISO-8859-1 bytes. */
export const FIXTURE_FEED_PATH = join(
  __dirname,
  '../../../../../../../shared/fixtures/edgar/getcurrent-10-K.atom.xml',
);

export function fixtureFeedBytes(): Buffer {
  return readFileSync(FIXTURE_FEED_PATH);
}

/** The shipped CIK → ticker map. */
export function realTickers(): Record<string, string> {
  const path = findDataFile('edgar/cik-tickers.json', __dirname);
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

/** One entry in the shape of the real feed. */
export interface TestEntry {
  form: string;
  name: string;
  /** 10 digits, as EDGAR prints it. */
  cik: string;
  role: string;
  accessionNo: string;
  updated: string;
  /** HTML of the summary, before XML escaping. */
  summary?: string;
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An entry element built the way EDGAR writes them (see the fixture). */
export function atomEntry(entry: TestEntry): string {
  const cik = entry.cik.replace(/^0+/, '');
  const folder = entry.accessionNo.replace(/-/g, '');
  const summary =
    entry.summary ??
    `<b>Filed:</b> ${entry.updated.slice(0, 10)} <b>AccNo:</b> ${entry.accessionNo} <b>Size:</b> 9 KB`;
  return `<entry>
<title>${escape(`${entry.form} - ${entry.name} (${entry.cik}) (${entry.role})`)}</title>
<link rel="alternate" type="text/html" href="https://www.sec.gov/Archives/edgar/data/${cik}/${folder}/${entry.accessionNo}-index.htm"/>
<summary type="html">
 ${escape(summary)}
</summary>
<updated>${entry.updated}</updated>
<category scheme="http://www.sec.gov/" label="form type" term="${escape(entry.form)}"/>
<id>urn:tag:sec.gov,2008:accession-number=${entry.accessionNo}</id>
</entry>`;
}

/** A whole feed document around the given entry elements (or raw XML strings). */
export function atomFeed(entries: Array<TestEntry | string>): string {
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Latest Filings</title>
<link rel="self" href="/cgi-bin/browse-edgar?action=getcurrent"/>
<id>http://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent</id>
<updated>2025-11-03T17:00:00-05:00</updated>
${entries.map((e) => (typeof e === 'string' ? e : atomEntry(e))).join('\n')}
</feed>
`;
}

/**
 * `count` distinct 8-K entries, newest first, one second apart going back from 17:00:00;
 * accession numbers `0000000001-25-<offset + i>`.
 */
export function generatedEntries(count: number, offset = 0): TestEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const at = new Date(Date.parse('2025-11-03T22:00:00Z') - n * 1000);
    const hms = at.toISOString().slice(11, 19);
    const hh = String(Number(hms.slice(0, 2)) - 5).padStart(2, '0');
    return {
      form: '8-K',
      name: `GENERATED CO ${n}`,
      cik: String(1_000_000 + n).padStart(10, '0'),
      role: 'Filer',
      accessionNo: `0000000001-25-${String(n).padStart(6, '0')}`,
      updated: `2025-11-03T${hh}${hms.slice(2)}-05:00`,
    };
  });
}
