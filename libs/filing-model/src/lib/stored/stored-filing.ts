import {
  storedFormatError,
  type StoredDecodeResult,
} from './stored-decode-result';

/**
 * A stored filing document (`GET doc:...:<accessionNo>`, the `data` field of a stream entry, the
 * `data` of a `sec_filing` message, an item of `GET /api/filings`) read as its readers need it:
 * the whole object, and the fields readers key on, each present only when it has its type.
 * The document is what `@secfeed/dedup` stored, `JSON.stringify` of the filing it was given;
 * nothing else of it is checked here (the publisher's input was validated by `toFiling`).
 */
export interface StoredFiling {
  /** The whole parsed document. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly accessionNo?: string;
  readonly cik?: string;
  readonly ticker?: string;
  readonly formType?: string;
  readonly companyName?: string;
  /** As the upstream wrote it (Eastern offset). */
  readonly filedAt?: string;
  /** Epoch ms of `filedAt`, the score of every history index. */
  readonly filedAtMs?: number;
  /**
   * What the filing's documents say (contracts §6), once ingest has read them: present only
   * when the document's `insights` is a JSON object; its fields are not checked here.
   */
  readonly insights?: Readonly<Record<string, unknown>>;
}

const STRING_FIELDS = [
  'accessionNo',
  'cik',
  'ticker',
  'formType',
  'companyName',
  'filedAt',
] as const;

/**
 * Parses a stored document. Never throws.
 *
 * @returns the document, or `NOT_JSON` / `NOT_AN_OBJECT`.
 * @example
 * const stored = decodeStoredFiling(await redis.get(keys.filing(accessionNo)) ?? '');
 * if (stored.ok && stored.value.filedAt !== undefined) resumeFrom(stored.value.filedAt);
 */
export function decodeStoredFiling(
  document: string,
): StoredDecodeResult<StoredFiling> {
  let value: unknown;
  try {
    value = JSON.parse(document);
  } catch {
    return storedFormatError('NOT_JSON', 'the stored document is not JSON');
  }
  return toStoredFiling(value);
}

/**
 * Reads a stored document that was already parsed as part of a larger JSON value (a
 * `sec_filing` message, a REST page), the same way {@link decodeStoredFiling} does.
 *
 * @returns the document, or `NOT_AN_OBJECT`.
 */
export function toStoredFiling(
  value: unknown,
): StoredDecodeResult<StoredFiling> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return storedFormatError(
      'NOT_AN_OBJECT',
      'the stored document is not a JSON object',
    );
  }
  const document = value as Readonly<Record<string, unknown>>;
  const filing: { -readonly [K in keyof StoredFiling]: StoredFiling[K] } = {
    document,
  };
  for (const name of STRING_FIELDS) {
    const field = document[name];
    if (typeof field === 'string') filing[name] = field;
  }
  if (typeof document['filedAtMs'] === 'number') {
    filing.filedAtMs = document['filedAtMs'];
  }
  const insights = document['insights'];
  if (
    typeof insights === 'object' &&
    insights !== null &&
    !Array.isArray(insights)
  ) {
    filing.insights = insights as Readonly<Record<string, unknown>>;
  }
  return { ok: true, value: filing };
}
