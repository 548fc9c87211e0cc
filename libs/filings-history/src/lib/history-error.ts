/**
 * Stable codes of the history API's error replies (docs/rest.md lists each with its status).
 * Clients branch on the code, never on the message.
 */
export type HistoryErrorCode =
  | 'INVALID_LIMIT'
  | 'INVALID_CURSOR'
  | 'INVALID_DATE'
  | 'INVALID_RANGE'
  | 'INVALID_TICKER'
  | 'INVALID_CIK'
  | 'INVALID_FORM_TYPE'
  | 'INVALID_INCLUDE_AMENDMENTS'
  | 'INVALID_ITEM'
  | 'INVALID_TRANSACTION_CODE'
  | 'INVALID_MIN_TRANSACTION_VALUE'
  | 'INVALID_TENB51'
  | 'INVALID_MIN_STAKE_PERCENT'
  | 'INVALID_ACCESSION_NO'
  | 'TOO_MANY_VALUES'
  | 'DUPLICATE_PARAMETER'
  | 'UNKNOWN_PARAMETER'
  | 'QUERY_TOO_LONG'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'REDIS_UNAVAILABLE';

const STATUS: Record<HistoryErrorCode, number> = {
  INVALID_LIMIT: 400,
  INVALID_CURSOR: 400,
  INVALID_DATE: 400,
  INVALID_RANGE: 400,
  INVALID_TICKER: 400,
  INVALID_CIK: 400,
  INVALID_FORM_TYPE: 400,
  INVALID_INCLUDE_AMENDMENTS: 400,
  INVALID_ITEM: 400,
  INVALID_TRANSACTION_CODE: 400,
  INVALID_MIN_TRANSACTION_VALUE: 400,
  INVALID_TENB51: 400,
  INVALID_MIN_STAKE_PERCENT: 400,
  INVALID_ACCESSION_NO: 400,
  TOO_MANY_VALUES: 400,
  DUPLICATE_PARAMETER: 400,
  UNKNOWN_PARAMETER: 400,
  QUERY_TOO_LONG: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REDIS_UNAVAILABLE: 503,
};

/**
 * A refusal the history API answers with `{"error":{"code","message"}}` and the status of its
 * code. Thrown by the parsers and caught once, in the handler; anything else that escapes is
 * a Redis failure or a bug.
 */
export class HistoryError extends Error {
  /** The HTTP status of {@link code}. */
  readonly status: number;

  constructor(
    readonly code: HistoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HistoryError';
    this.status = STATUS[code];
  }
}
