/** The JSON body of one Query API page request. */
export interface BackfillRequestBody {
  readonly query: string;
  readonly from: string;
  readonly size: string;
  readonly sort: ReadonlyArray<
    Record<string, { readonly order: 'asc' | 'desc' }>
  >;
}

/**
 * The Query API request for the filings accepted at or after `from`, oldest first, one page at
 * `offset`. The range is inclusive on purpose: several filings share an acceptance second, and
 * the publish pipeline drops the ones we already have.
 *
 * The timestamp goes into the Lucene range as a quoted phrase, so that its colons and its
 * offset sign are not read as query syntax; `"` and `\` are escaped should they ever appear.
 * `from` and `size` are strings, as the sec-api.io docs specify them.
 *
 * @example
 * ```ts
 * backfillRequestBody('2025-10-31T06:01:26-04:00', 50, 50).query;
 * // 'filedAt:["2025-10-31T06:01:26-04:00" TO *]'
 * ```
 */
export function backfillRequestBody(
  from: string,
  offset: number,
  size: number,
): BackfillRequestBody {
  const quoted = `"${from.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return {
    query: `filedAt:[${quoted} TO *]`,
    from: String(offset),
    size: String(size),
    sort: [{ filedAt: { order: 'asc' } }],
  };
}
