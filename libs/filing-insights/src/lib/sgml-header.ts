// Reading EDGAR's SGML submission header in both of its spellings: the text style of
// `<accession>.txt` (`ACCEPTANCE-DATETIME`, then `KEY:<tabs>value` lines in indented blocks)
// and the tag style of `.hdr.sgml`, `-index-headers.html` and the `.nc` feed
// (`<CONFORMED-NAME>value`, blocks closed by `</SUBJECT-COMPANY>`).

/** The header part of a submission: up to `</SEC-HEADER>`, else up to the first `<DOCUMENT>`. */
export function sgmlHeader(text: string): string {
  const end = text.indexOf('</SEC-HEADER>');
  if (end !== -1) return text.slice(0, end);
  const document = text.indexOf('<DOCUMENT>');
  return document === -1 ? text : text.slice(0, document);
}

/** True when `header` has the marks of an EDGAR submission header. */
export function looksLikeHeader(header: string): boolean {
  return /<SEC-HEADER>|<SUBMISSION>|<ACCESSION-NUMBER>|ACCESSION NUMBER:/.test(
    header,
  );
}

/**
 * The conformed name of the first company in the `role` block (`SUBJECT COMPANY` /
 * `<SUBJECT-COMPANY>`, `ISSUER`, `FILER`, `FILED BY`), or `''`.
 */
export function headerCompanyName(header: string, role: string): string {
  const tag = `<${role.replace(/ /g, '-')}>`;
  const tagStart = header.indexOf(tag);
  if (tagStart !== -1) {
    const name = /<CONFORMED-NAME>[ \t]*([^\r\n<]*)/.exec(
      header.slice(tagStart, tagStart + 4000),
    );
    if (name) return name[1].trim();
  }
  const textStart = header.search(new RegExp(`^${role}:`, 'm'));
  if (textStart !== -1) {
    const name = /COMPANY CONFORMED NAME:[ \t]*([^\r\n]*)/.exec(
      header.slice(textStart, textStart + 4000),
    );
    if (name) return name[1].trim();
  }
  return '';
}
