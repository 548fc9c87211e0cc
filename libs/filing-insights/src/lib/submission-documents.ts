/** One `<DOCUMENT>` of a full submission: its `<TYPE>` and where its text lies. */
export interface SubmissionDocument {
  /** `<TYPE>` as written, trimmed, e.g. `4`, `EX-24`, `SC 13G`, `SCHEDULE 13D`. */
  readonly type: string;
  /** The text between `<TEXT>` and `</TEXT>` (to the document's end when unclosed). */
  text(): string;
  /** The text between `<XML>` and `</XML>` inside it, or null when it has none. */
  xml(): string | null;
}

/**
 * The documents of an EDGAR full submission (`<accession>.txt`, or the `.nc` feed format), in
 * order, read lazily: only the `<TYPE>` line is looked at until a document's text is asked for.
 * A truncated last document runs to the end of the text.
 */
export function* submissionDocuments(
  submission: string,
): Generator<SubmissionDocument> {
  let start = submission.indexOf('<DOCUMENT>');
  while (start !== -1) {
    const next = submission.indexOf('<DOCUMENT>', start + 10);
    const closed = submission.indexOf('</DOCUMENT>', start);
    const end =
      closed !== -1 && (next === -1 || closed < next)
        ? closed
        : next === -1
          ? submission.length
          : next;
    yield documentAt(submission, start + 10, end);
    start = next;
  }
}

function documentAt(
  submission: string,
  from: number,
  to: number,
): SubmissionDocument {
  const type = /<TYPE>[ \t]*([^\r\n<]*)/.exec(
    submission.slice(from, Math.min(to, from + 1000)),
  );
  const between = (open: string, close: string, lo: number, hi: number) => {
    const at = submission.indexOf(open, lo);
    if (at === -1 || at >= hi) return null;
    const stop = submission.indexOf(close, at);
    return submission.slice(
      at + open.length,
      stop === -1 || stop > hi ? hi : stop,
    );
  };
  return {
    type: type ? type[1].trim() : '',
    text: () => between('<TEXT>', '</TEXT>', from, to) ?? '',
    xml: () => {
      const text = between('<TEXT>', '</TEXT>', from, to);
      if (text === null) return null;
      const open = text.indexOf('<XML>');
      if (open === -1) return null;
      const close = text.indexOf('</XML>', open);
      return text.slice(open + 5, close === -1 ? text.length : close).trim();
    },
  };
}
