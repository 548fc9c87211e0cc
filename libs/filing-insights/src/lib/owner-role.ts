import type { OwnershipOwner } from '@secfeed/filing-model';

/** Officer titles abbreviated the way traders write them; the first that matches wins. */
const TITLES: [RegExp, string][] = [
  [/\bchief executive officer\b|\bCEO\b/i, 'CEO'],
  [/\bchief financial officer\b|\bCFO\b/i, 'CFO'],
  [/\bchief operating officer\b|\bCOO\b/i, 'COO'],
  [/\bchief technology officer\b|\bCTO\b/i, 'CTO'],
  [/\bchief legal officer\b|\bCLO\b/i, 'CLO'],
  [/\bgeneral counsel\b|\bGC\b/i, 'GC'],
  [/\bchief accounting officer\b|\bCAO\b/i, 'CAO'],
];

/** `CFO`, a title as written (30 characters at most), `Director`, or the owner's name. */
export function roleOf(owner: OwnershipOwner): string {
  // "See Remarks" (or "See remarks below") sends the reader elsewhere: no title to show.
  const written = owner.officerTitle ?? '';
  const title = /^see remarks?\b/i.test(written) ? '' : written;
  if (owner.officer && title) {
    const known = TITLES.find(([pattern]) => pattern.test(title));
    if (known) return known[1];
    return title.length <= 30 ? title : `${title.slice(0, 29)}…`;
  }
  if (owner.officer) return 'Officer';
  if (owner.director) return 'Director';
  return shortName(owner.name) || 'Insider';
}

const SUFFIX =
  /,?\s+(?:L\.?P\.?|LLC|L\.L\.C\.|LLP|Inc\.?|Incorporated|Ltd\.?|Limited|Corp\.?|Corporation|Co\.?|PLC|N\.V\.|S\.A\.|AG|GmbH)$/i;

/** A name without its legal form: `Commodore Capital LP` → `Commodore Capital`. */
export function shortName(name: string): string {
  let short = name.trim();
  for (let i = 0; i < 2 && SUFFIX.test(short); i++)
    short = short.replace(SUFFIX, '');
  return short.length <= 40 ? short : `${short.slice(0, 39)}…`;
}
