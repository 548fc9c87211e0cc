import { WireCik } from './cik';
import { FILING_LIMITS } from './filing-limits';
import { WireString } from './wire-decorators';

const { shortString, name, text } = FILING_LIMITS;

/**
 * One company or person a filing is about (filer, issuer, reporting owner, subject company).
 *
 * Every field is optional because sec-api.io omits what EDGAR's header omits. Keys this class
 * does not declare are dropped on the way in: real data carries a junk key named `undefined`
 * (`"undefined": "06 Technology)"` in Apple's 10-K), and it must never fail a filing.
 */
export class FilingEntity {
  /** Name with the role in parentheses, e.g. `Apple Inc. (Filer)`. At most 512 characters. */
  @WireString(name, { optional: true })
  companyName?: string;

  /** CIK without leading zeros; a CIK with them is normalized, non-digits are rejected. */
  @WireCik()
  @WireString(shortString, { optional: true })
  cik?: string;

  /** IRS employer identification number. */
  @WireString(shortString, { optional: true })
  irsNo?: string;

  @WireString(shortString, { optional: true })
  stateOfIncorporation?: string;

  /** `MMDD`, e.g. `0927`. */
  @WireString(shortString, { optional: true })
  fiscalYearEnd?: string;

  /** The form type as filed for this entity. */
  @WireString(shortString, { optional: true })
  type?: string;

  /** Securities act, e.g. `34`. */
  @WireString(shortString, { optional: true })
  act?: string;

  @WireString(shortString, { optional: true })
  fileNo?: string;

  @WireString(shortString, { optional: true })
  filmNo?: string;

  /** Standard industrial classification code and title, e.g. `3571 Electronic Computers`. */
  @WireString(text, { optional: true })
  sic?: string;
}
