import type { FieldError } from '@secfeed/filing-model';
import type { FeedEntry } from './feed-entry';

const ACCESSION_URN = 'urn:tag:sec.gov,2008:accession-number=';
const SEC_ORIGIN = 'https://www.sec.gov/';
// `FORM - NAME (CIK) (ROLE)`. A name may itself hold " - " or parentheses, so the CIK and role
// are taken from the end and the form is everything before the first " - ".
const TITLE = /^(.+?) - (.+) \((\d{1,10})\) \(([^()]+)\)$/s;

/** The outcome of {@link parseFeedEntry}. */
export type ParseFeedEntryResult =
  | { readonly ok: true; readonly entry: FeedEntry }
  | { readonly ok: false; readonly reasons: FieldError[] };

/**
 * Reads one `<entry>` as fast-xml-parser gives it (attributes prefixed `@_`, `link` and
 * `category` as arrays). Checks only what is needed to read the entry; `toFiling` validates
 * the filing later. Never throws: every problem becomes a reason with the element's name.
 */
export function parseFeedEntry(raw: unknown): ParseFeedEntryResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      reasons: [{ field: '', reason: 'must be an element with children' }],
    };
  }
  const node = raw as Record<string, unknown>;
  const reasons: FieldError[] = [];
  const title = TITLE.exec(textOf(node['title']).trim());
  if (!title) {
    reasons.push({
      field: 'title',
      reason: 'must look like "FORM - NAME (CIK) (ROLE)"',
    });
  }
  const id = textOf(node['id']).trim();
  if (!id.startsWith(ACCESSION_URN) || id.length === ACCESSION_URN.length) {
    reasons.push({
      field: 'id',
      reason: `must be ${ACCESSION_URN}<accession number>`,
    });
  }
  const filedAt = textOf(node['updated']).trim();
  if (!filedAt) reasons.push({ field: 'updated', reason: 'is required' });
  if (!title || reasons.length > 0) return { ok: false, reasons };

  const [, titleForm, companyName, paddedCik, role] = title;
  const accessionNo = id.slice(ACCESSION_URN.length);
  const cik = paddedCik.replace(/^0+(?=\d)/, '');
  return {
    ok: true,
    entry: {
      accessionNo,
      cik,
      companyName: companyName.trim(),
      role: role.trim(),
      formType: categoryTerm(node['category']) || titleForm.trim(),
      filedAt,
      indexUrl: indexUrl(node['link']) ?? defaultIndexUrl(cik, accessionNo),
      items: summaryItems(textOf(node['summary'])),
    },
  };
}

/** The text of an element: a plain string, or `#text` when it has attributes. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const text = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' ? text : '';
  }
  return '';
}

function attributeOf(value: unknown, name: string): string {
  if (typeof value !== 'object' || value === null) return '';
  const attribute = (value as Record<string, unknown>)[`@_${name}`];
  return typeof attribute === 'string' ? attribute.trim() : '';
}

function categoryTerm(categories: unknown): string {
  const list = Array.isArray(categories) ? categories : [];
  return (
    list.map((category) => attributeOf(category, 'term')).find(Boolean) ?? ''
  );
}

/** The `alternate` link (Atom's default relation), made absolute against www.sec.gov. */
function indexUrl(links: unknown): string | undefined {
  const list = Array.isArray(links) ? links : [];
  const alternate = list.find((link) =>
    ['', 'alternate'].includes(attributeOf(link, 'rel')),
  );
  const href = attributeOf(alternate, 'href');
  if (!href) return undefined;
  try {
    return new URL(href, SEC_ORIGIN).href;
  } catch {
    return undefined;
  }
}

function defaultIndexUrl(cik: string, accessionNo: string): string {
  const folder = accessionNo.replace(/-/g, '');
  return `${SEC_ORIGIN}Archives/edgar/data/${cik}/${folder}/${accessionNo}-index.htm`;
}

/**
 * The `Item x.xx: ...` lines of the summary. The summary is an HTML fragment (`<b>Filed:</b>
 * ... <br>Item 2.02: ...`), already entity-decoded by the XML parser and not well-formed XML
 * (`<br>` is never closed), so it is split on its tags as plain text.
 */
function summaryItems(summaryHtml: string): string[] {
  return summaryHtml
    .split(/<[^>]*>/)
    .map((segment) => segment.replace(/\s+/g, ' ').trim())
    .filter((segment) => /^Item \d/.test(segment));
}
