import { FILING_LIMITS } from './filing-limits';
import { WireObjectArray, WireString } from './wire-decorators';

const { shortString, name, arrayItems } = FILING_LIMITS;

/** One class or contract of a fund series (investment company filings). */
export class FilingClassContract {
  /** EDGAR class identifier, e.g. `C000012345`. */
  @WireString(shortString, { optional: true })
  classContract?: string;

  @WireString(name, { optional: true })
  name?: string;

  @WireString(shortString, { optional: true })
  ticker?: string;
}

/**
 * One entry of `seriesAndClassesContractsInformation`: a fund series and its share classes.
 * Empty for operating companies.
 */
export class FilingSeries {
  /** EDGAR series identifier, e.g. `S000012345`. */
  @WireString(shortString, { optional: true })
  series?: string;

  @WireString(name, { optional: true })
  name?: string;

  /** At most 1000 classes. */
  @WireObjectArray(() => FilingClassContract, arrayItems)
  classesContracts!: FilingClassContract[];
}
