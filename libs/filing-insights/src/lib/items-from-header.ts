import type { FilingInsights, FilingItem } from '@secfeed/filing-model';
import {
  eightKItemByCode,
  eightKItemByTitle,
  filingItem,
} from './eight-k-items';
import { INSIGHTS_LIMITS } from './insights-limits';
import { problem } from './insights-problem';
import { kindOf } from './parse-xml';
import { looksLikeHeader, sgmlHeader } from './sgml-header';

/** Tag style (`.hdr.sgml`, `-index-headers.html`, `.nc`): `<ITEMS>5.02`. */
const ITEM_TAG = /^<ITEMS>[ \t]*([^\r\n<]*)/gm;
/** Text style (the header of `<accession>.txt`): `ITEM INFORMATION:\t\tOther Events`. */
const ITEM_LINE = /^ITEM INFORMATION:[ \t]*([^\r\n]*)/gm;

/**
 * The 8-K items of an SGML submission header, in filing order. EDGAR writes them two ways: as
 * codes in tag-style headers (`<ITEMS>5.02`) and as titles in the text header of the full
 * submission (`ITEM INFORMATION: Financial Statements and Exhibits`); a header with codes is
 * read by its codes, otherwise titles are mapped to codes with {@link EIGHT_K_ITEMS}.
 *
 * Problems: `HEADER_MISSING` when the text is no SGML header, `ITEMS_MISSING` when it names no
 * item, `ITEM_UNKNOWN` for a title or code not in the table (a code is still listed, with title
 * `''`). Reads at most `INSIGHTS_LIMITS.headerChars` characters. Never throws.
 */
export function itemsFromHeader(sgmlHeaderText: unknown): FilingInsights {
  if (typeof sgmlHeaderText !== 'string') {
    return {
      problems: [
        problem(
          'INPUT_NOT_TEXT',
          `expected header text, got ${kindOf(sgmlHeaderText)}`,
        ),
      ],
    };
  }
  const header = sgmlHeader(
    sgmlHeaderText.slice(0, INSIGHTS_LIMITS.headerChars),
  );
  if (!looksLikeHeader(header)) {
    return {
      problems: [problem('HEADER_MISSING', 'no SGML submission header found')],
    };
  }
  const result = readItems(header);
  if (result.items.length === 0 && result.problems.length === 0) {
    result.problems.push(
      problem('ITEMS_MISSING', 'the header names no 8-K item'),
    );
  }
  const insights: FilingInsights = {};
  if (result.items.length > 0) insights.items = result.items;
  if (result.problems.length > 0) insights.problems = result.problems;
  return insights;
}

function readItems(header: string) {
  const items: FilingItem[] = [];
  const problems = [];
  const seen = new Set<string>();
  const add = (item: FilingItem) => {
    if (seen.has(item.code)) return;
    seen.add(item.code);
    items.push(item);
  };
  const codes = [...header.matchAll(ITEM_TAG)].map((m) => m[1].trim());
  if (codes.length > 0) {
    for (const code of codes) {
      const known = eightKItemByCode(code);
      if (known) add(filingItem(known));
      else {
        problems.push(
          problem(
            'ITEM_UNKNOWN',
            `unknown 8-K item code "${code.slice(0, 40)}"`,
          ),
        );
        if (/^\d{1,2}\.\d{2}$/.test(code)) add({ code, title: '' });
      }
    }
    return { items, problems };
  }
  for (const match of header.matchAll(ITEM_LINE)) {
    const title = match[1].trim();
    const known = eightKItemByTitle(title);
    if (known) add(filingItem(known));
    else
      problems.push(
        problem('ITEM_UNKNOWN', `unknown 8-K item "${title.slice(0, 120)}"`),
      );
  }
  return { items, problems };
}
