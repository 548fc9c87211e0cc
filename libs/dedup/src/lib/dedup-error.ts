/**
 * Stable codes of {@link DedupError}:
 * - `INVALID_FILING`: a filing cannot be keyed (empty accession number, CIK not digits, a brace
 *   in a ticker, `filedAtMs` not a finite number...). Nothing was written.
 * - `MALFORMED_STREAM_ENTRY`: a stream entry lacks the fields the publisher writes, or its
 *   `data` is not JSON.
 * - `UNEXPECTED_REPLY`: the publish script answered something it never returns (wrong script
 *   under the same SHA, proxy in between).
 */
export type DedupErrorCode =
  'INVALID_FILING' | 'MALFORMED_STREAM_ENTRY' | 'UNEXPECTED_REPLY';

/** A runtime failure of the dedup library that is not a Redis error, with a stable code. */
export class DedupError extends Error {
  override readonly name = 'DedupError';

  constructor(
    readonly code: DedupErrorCode,
    message: string,
  ) {
    super(message);
  }
}
