import { FILING_LIMITS } from './filing-limits';
import { WireString } from './wire-decorators';

const { shortString, text, url } = FILING_LIMITS;

/**
 * One document of a filing (`documentFormatFiles`) or one data file (`dataFiles`, XBRL).
 *
 * All values stay strings as on the wire, `size` included; the complete submission text file
 * has `sequence` and `type` set to a single space, which is kept as is.
 */
export class FilingDocumentFile {
  /** Position in the submission, e.g. `1`; `" "` for the complete submission text file. */
  @WireString(shortString, { optional: true })
  sequence?: string;

  @WireString(text, { optional: true })
  description?: string;

  /** Absolute URL on www.sec.gov. At most 2048 characters. */
  @WireString(url, { optional: true })
  documentUrl?: string;

  /** Document type, e.g. `10-K`, `EX-31.1`, `GRAPHIC`. */
  @WireString(shortString, { optional: true })
  type?: string;

  /** Size in bytes, as a decimal string. */
  @WireString(shortString, { optional: true })
  size?: string;
}
