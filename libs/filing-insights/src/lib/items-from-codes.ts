import type { FilingItem } from '@secfeed/filing-model';
import { eightKItemByCode, filingItem } from './eight-k-items';

/** `Item 2.02`, `Items 1.01 and 9.01`, `Items 1.01, 3.02 & 9.01`: the codes after the word. */
const ITEM_LIST =
  /\bItems?\s+(\d{1,2}\.\d{2}(?:\s*(?:,|and|&|&amp;)\s*\d{1,2}\.\d{2})*)/gi;
/** The title after one code (`: Results of ...`), up to a line break, a tag or the next item. */
const TITLE_AFTER = /^\s*:\s*([^\n<]*)/;
const TITLE_END = /&lt;|\bItems?\s+\d/i;
const CODE = /\d{1,2}\.\d{2}/g;
const BARE_CODE = /^\s*(\d{1,2}\.\d{2})\s*$/;

/**
 * The 8-K items named by strings as other sources write them: sec-api.io's `items`
 * (`"Item 2.02: Results of Operations and Financial Condition"`), EDGAR Atom feed summaries
 * (`<br>Item 5.02: ...<br>Item 9.01: ...`, or `Items 1.01 and 9.01`) and bare codes (`"9.01"`).
 * Titles come from {@link EIGHT_K_ITEMS}; a code not in the table keeps the title the string
 * gives, or `''`. Codes not of the 8-K shape (Form D's `Item 3C`) are skipped; duplicates are
 * dropped, first occurrence kept. Never throws; anything but strings is ignored.
 *
 * @example
 * ```ts
 * itemsFromCodes(['Item 2.02: Results of Operations and Financial Condition', 'Item 9.01: ...']);
 * // [{ code: '2.02', title: 'Results of Operations and Financial Condition' }, { code: '9.01', ... }]
 * ```
 */
export function itemsFromCodes(codes: readonly unknown[]): FilingItem[] {
  const items: FilingItem[] = [];
  const seen = new Set<string>();
  const add = (code: string, givenTitle: string) => {
    if (seen.has(code)) return;
    seen.add(code);
    const known = eightKItemByCode(code);
    items.push(known ? filingItem(known) : { code, title: givenTitle });
  };
  if (!Array.isArray(codes)) return items;
  for (const entry of codes) {
    if (typeof entry !== 'string') continue;
    const bare = BARE_CODE.exec(entry);
    if (bare) {
      add(bare[1], '');
      continue;
    }
    for (const match of entry.matchAll(ITEM_LIST)) {
      const listed = match[1].match(CODE) ?? [];
      const title =
        listed.length === 1
          ? titleAfter(entry.slice((match.index ?? 0) + match[0].length))
          : '';
      for (const code of listed) add(code, title);
    }
  }
  return items;
}

function titleAfter(rest: string): string {
  const found = TITLE_AFTER.exec(rest.slice(0, 1000));
  if (!found) return '';
  const end = found[1].search(TITLE_END);
  return (end === -1 ? found[1] : found[1].slice(0, end)).trim();
}
