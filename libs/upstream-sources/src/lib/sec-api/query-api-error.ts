/** Why a Query API request failed; stable, listed in the README. */
export type QueryApiErrorCode =
  | 'QUERY_API_HTTP_STATUS'
  | 'QUERY_API_BAD_RESPONSE'
  | 'QUERY_API_UNREACHABLE'
  | 'QUERY_API_TIMEOUT';

/**
 * A failed Query API request. The message never carries the API key (it is scrubbed before the
 * error is built), so it may be logged as is.
 */
export class QueryApiError extends Error {
  override readonly name = 'QueryApiError';

  constructor(
    readonly code: QueryApiErrorCode,
    message: string,
    /** The HTTP status, for `QUERY_API_HTTP_STATUS`. */
    readonly status?: number,
    /** The answer's `Retry-After`, in ms, when it had one (a 429 or 503). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
