/**
 * Stable codes of a stored-format decoding failure:
 * - `MISSING_FIELD`: a stream entry lacks a field the publisher writes (`accessionNo`, `data`;
 *   on an insights entry, an `insights` object in its document).
 * - `UNKNOWN_KIND`: a stream entry's `kind` is neither absent (a filing) nor `insights`: a kind
 *   added after this reader was built, which it skips.
 * - `NOT_JSON`: a stored document is not JSON.
 * - `NOT_AN_OBJECT`: a stored document is JSON but not an object (array, string, number, null).
 * - `MALFORMED_MEMBER`: a sorted-set member is not `<ms>-<seq>:<accessionNo>`.
 */
export type StoredFormatErrorCode =
  | 'MISSING_FIELD'
  | 'UNKNOWN_KIND'
  | 'NOT_JSON'
  | 'NOT_AN_OBJECT'
  | 'MALFORMED_MEMBER';

/** Why something read from Redis is not in the stored format. `message` is for humans. */
export interface StoredFormatError {
  readonly code: StoredFormatErrorCode;
  readonly message: string;
}

/**
 * What every decoder of the stored format returns: the value, or a coded error. Decoders never
 * throw on bad input, so one corrupt key never fails a page or a fan-out.
 */
export type StoredDecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: StoredFormatError };

/** A failed {@link StoredDecodeResult}. */
export function storedFormatError<T>(
  code: StoredFormatErrorCode,
  message: string,
): StoredDecodeResult<T> {
  return { ok: false, error: { code, message } };
}
