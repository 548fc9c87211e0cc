/**
 * Upper bounds on every string and array of a filing object.
 *
 * Real sec-api.io filings sit far below these caps; they exist so that a broken or hostile
 * upstream cannot push a megabyte ticker or a million exhibits through the gateway to every
 * browser. A value above a cap is rejected with a field-level reason, never truncated, because
 * a silently shortened link or name would be wrong data.
 *
 * | cap | value | applies to |
 * |---|---|---|
 * | `shortString` | 64 | `id`, `ticker`, `exchange`, `formType`, `filedAt`, dates, entity and file codes |
 * | `name` | 512 | company names, entity names, series and class names |
 * | `text` | 2048 | descriptions, `sic`, group members, items |
 * | `url` | 2048 | every `linkTo*` and `documentUrl` |
 * | `arrayItems` | 1000 | `entities`, `documentFormatFiles`, `dataFiles`, series, classes, `groupMembers` |
 * | `items` | 100 | `items` (8-K items) |
 *
 * `accessionNo` and `cik` have exact formats and need no separate cap.
 *
 * @example
 * ```ts
 * if (companyName.length > FILING_LIMITS.name) { ... }
 * ```
 */
export const FILING_LIMITS = Object.freeze({
  shortString: 64,
  name: 512,
  text: 2048,
  url: 2048,
  arrayItems: 1000,
  items: 100,
});
