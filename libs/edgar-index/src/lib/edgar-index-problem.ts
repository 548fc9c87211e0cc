/** Stable codes of what {@link parseEdgarIndex} could not read (listed in the README). */
export const EDGAR_INDEX_PROBLEM_CODES = [
  'INDEX_NOT_TEXT',
  'INDEX_HEADER_MISSING',
  'INDEX_ROW_INVALID',
  'INDEX_ACCESSION_CONFLICT',
] as const;

export type EdgarIndexProblemCode = (typeof EDGAR_INDEX_PROBLEM_CODES)[number];

/** One thing in an index that made no sense; `line` is 1-based when it names a line. */
export interface EdgarIndexProblem {
  readonly code: EdgarIndexProblemCode;
  readonly message: string;
  readonly line?: number;
}
