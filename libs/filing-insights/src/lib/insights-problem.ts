import type { InsightsProblem } from '@secfeed/filing-model';

/**
 * The stable codes of {@link InsightsProblem}. The README lists what each means; messages are
 * for people and may change.
 */
export type InsightsProblemCode =
  | 'INPUT_NOT_TEXT'
  | 'DOCUMENT_TOO_LARGE'
  | 'DOCUMENT_MISSING'
  | 'HEADER_MISSING'
  | 'XML_MALFORMED'
  | 'XML_DOCTYPE'
  | 'XML_TOO_DEEP'
  | 'XML_UNEXPECTED_ROOT'
  | 'FIELD_MISSING'
  | 'VALUE_INVALID'
  | 'TRANSACTION_UNREADABLE'
  | 'ITEMS_MISSING'
  | 'ITEM_UNKNOWN'
  | 'STAKE_UNREADABLE';

/** Every code, in the order the README documents them. */
export const INSIGHTS_PROBLEM_CODES: readonly InsightsProblemCode[] = [
  'INPUT_NOT_TEXT',
  'DOCUMENT_TOO_LARGE',
  'DOCUMENT_MISSING',
  'HEADER_MISSING',
  'XML_MALFORMED',
  'XML_DOCTYPE',
  'XML_TOO_DEEP',
  'XML_UNEXPECTED_ROOT',
  'FIELD_MISSING',
  'VALUE_INVALID',
  'TRANSACTION_UNREADABLE',
  'ITEMS_MISSING',
  'ITEM_UNKNOWN',
  'STAKE_UNREADABLE',
];

/** A problem with a code of this library. */
export function problem(
  code: InsightsProblemCode,
  message: string,
): InsightsProblem {
  return { code, message };
}
