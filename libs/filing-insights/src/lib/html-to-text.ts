const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '-',
  mdash: '-',
  rsquo: "'",
  lsquo: "'",
  rdquo: '"',
  ldquo: '"',
};

/**
 * The words of an HTML or plain-text EDGAR document: tags removed, the common entities decoded,
 * whitespace collapsed to single spaces. Every pattern is linear in the input (a tag never
 * spans a `<`), so hostile markup cannot make it slow; no DOM, so it runs anywhere.
 */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^<>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, decodeEntity)
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntity(whole: string, ref: string): string {
  if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole;
  const code =
    ref[1] === 'x' || ref[1] === 'X'
      ? parseInt(ref.slice(2), 16)
      : parseInt(ref.slice(1), 10);
  if (code === 160) return ' ';
  const valid =
    code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return valid ? String.fromCodePoint(code) : whole;
}
