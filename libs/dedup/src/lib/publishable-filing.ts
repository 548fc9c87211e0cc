/**
 * The fields the publisher needs from a filing. The normalized `Filing` of `@secfeed/filing-model`
 * satisfies it; every other field of the object given is stored too, since the publisher stores
 * `JSON.stringify(filing)` of the whole object.
 */
export interface PublishableFiling {
  /** Identity of the filing, e.g. `0000320193-25-000079`. */
  readonly accessionNo: string;
  /** Filer CIK, digits (leading zeros are ignored for the index key). */
  readonly cik: string;
  /** Primary ticker, or `""` when the filer has none (then no ticker set is written). */
  readonly ticker: string;
  /** Form type such as `8-K` or `10-K/A`. */
  readonly formType: string;
  /** Filer name, searched by the history API (`q=`). */
  readonly companyName: string;
  /** `filedAt` in epoch milliseconds: the score of every index. */
  readonly filedAtMs: number;
}
