/**
 * The stable codes of the EDGAR source (README.md in this folder lists when each one occurs).
 * `error` events carry the feed-level codes; `rejects` events carry `EDGAR_ENTRY_INVALID`.
 */
export const EDGAR_ERROR_CODES = {
  /** The body is not well-formed XML, or not an Atom `<feed>`. The next poll comes as usual. */
  feedInvalid: 'EDGAR_FEED_INVALID',
  /** One entry could not become a filing; the others of the page still do. */
  entryInvalid: 'EDGAR_ENTRY_INVALID',
  /** No HTTP answer: DNS, connection refused or reset, TLS, or the request timed out. */
  unreachable: 'EDGAR_UNREACHABLE',
  /**
   * Paging back for filings the consumer dropped ended at `maxRecoveryPages` or at the end of
   * the feed before reaching the oldest of them; the older ones stay lost. Polling goes on.
   */
  recoveryIncomplete: 'EDGAR_RECOVERY_INCOMPLETE',
} as const;

/** `EDGAR_HTTP_<status>` for an answer outside 2xx, e.g. `EDGAR_HTTP_403`. */
export function edgarHttpCode(status: number): string {
  return `EDGAR_HTTP_${status}`;
}
