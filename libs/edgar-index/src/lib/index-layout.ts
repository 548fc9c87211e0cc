/** Where the columns of a daily index are, read from its header. */
export type IndexLayout =
  | { readonly kind: 'master' }
  /** `form.idx`: the form type before `nameColumn`, the company name from it. */
  | { readonly kind: 'form'; readonly nameColumn: number }
  /** `company.idx`: the company name before `formColumn`, the form type from it. */
  | { readonly kind: 'company'; readonly formColumn: number };

/** The header never runs this long; a file without a rule line in it has no header. */
const HEADER_SEARCH_LINES = 40;
const RULE = /^-{20,}\s*$/;

/**
 * Reads the layout from the column headers above the line of dashes, and where rows begin
 * (the line after the dashes). `company.idx` wraps its column header over two lines
 * ("CIK" / "Date Filed"); only the first is needed.
 */
export function indexLayout(
  lines: readonly string[],
): { readonly layout: IndexLayout; readonly firstRow: number } | undefined {
  const limit = Math.min(lines.length, HEADER_SEARCH_LINES);
  for (let rule = 1; rule < limit; rule++) {
    if (!RULE.test(lines[rule])) continue;
    for (let at = rule - 1; at >= Math.max(0, rule - 3); at--) {
      const layout = layoutOf(lines[at]);
      if (layout) return { layout, firstRow: rule + 1 };
    }
  }
  return undefined;
}

function layoutOf(header: string): IndexLayout | undefined {
  if (/^CIK\|Company Name\|Form Type\|Date Filed\|File ?Name\s*$/i.test(header))
    return { kind: 'master' };
  const form = header.indexOf('Form Type');
  const name = header.indexOf('Company Name');
  if (form === 0 && name > 0) return { kind: 'form', nameColumn: name };
  if (name === 0 && form > 0) return { kind: 'company', formColumn: form };
  return undefined;
}
