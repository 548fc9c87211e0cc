import type { TickerLookup } from '@secfeed/upstream-sources';
import type { ShareClass, ShareClassTable } from './share-class';

const NONE: readonly ShareClass[] = Object.freeze([]);

/**
 * CIK → the company's listed securities (share classes), the primary listing first, as the SEC's
 * `company_tickers_exchange.json` lists them. Ingest holds one, loaded from the shipped copy and
 * swapped whole by each good refresh ({@link replace}), so a reader never sees half a map.
 *
 * @example
 * const directory = new TickerDirectory(table);
 * directory.primaryTicker('1067983'); // 'BRK-B'
 * directory.tickersOf('1067983'); // [{ ticker: 'BRK-B', exchange: 'NYSE' }, { ticker: 'BRK-A', exchange: 'NYSE' }]
 */
export class TickerDirectory implements TickerLookup {
  private table: ShareClassTable;

  constructor(table: ShareClassTable = new Map()) {
    this.table = table;
  }

  /** CIKs in the map. */
  get size(): number {
    return this.table.size;
  }

  /** Puts a whole new map in place of the current one. */
  replace(table: ShareClassTable): void {
    this.table = table;
  }

  /** The securities of a CIK (leading zeros or not), primary first; empty when it lists none. */
  tickersOf(cik: string): readonly ShareClass[] {
    return this.table.get(normalizeCik(cik)) ?? NONE;
  }

  /** The primary ticker of a CIK, or undefined when it lists none. */
  primaryTicker(cik: string): string | undefined {
    return this.tickersOf(cik)[0]?.ticker;
  }

  /**
   * The exchange of a CIK's primary listing: a name, null when the SEC gives none, undefined
   * when the CIK lists no security.
   */
  exchangeOf(cik: string): string | null | undefined {
    const primary = this.tickersOf(cik)[0];
    return primary === undefined ? undefined : primary.exchange;
  }
}

function normalizeCik(cik: string): string {
  return typeof cik === 'string' ? cik.replace(/^0+/, '') : '';
}
