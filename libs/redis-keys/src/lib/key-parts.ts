// Key parts come from upstream data. A brace would move the hash tag (and the slot), and
// whitespace or control characters make keys that nobody can type into redis-cli.
const FORBIDDEN = /[{}\s\p{Cc}]/u;
const MAX_PART_LENGTH = 64;

function checkPart(kind: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`${kind} must be a non-empty string`);
  }
  if (value.length > MAX_PART_LENGTH) {
    throw new Error(
      `${kind} is longer than ${MAX_PART_LENGTH} characters: "${value}"`,
    );
  }
  if (FORBIDDEN.test(value)) {
    throw new Error(
      `${kind} contains a brace, whitespace or a control character: "${value}"`,
    );
  }
  return value;
}

/** Tickers compare case-insensitively (contracts §3), so the key holds the upper-case form. */
export function tickerPart(ticker: string): string {
  return checkPart('ticker', String(ticker).trim().toUpperCase());
}

/**
 * Form types compare case-insensitively. Real form types contain single spaces (`SC 13D`,
 * `DEF 14A`), which become `_` so that keys stay free of whitespace; `SC_13D` is not a form type,
 * so the mapping stays one to one.
 */
export function formTypePart(formType: string): string {
  const normalized = String(formType).trim().toUpperCase().replace(/ +/g, '_');
  return checkPart('form type', normalized);
}

/** A CIK compares as a number (`0000320193` equals `320193`), so leading zeros go. */
export function cikPart(cik: string): string {
  const trimmed = String(cik).trim();
  if (!/^\d{1,10}$/.test(trimmed)) {
    throw new Error(`CIK must be 1 to 10 digits: "${cik}"`);
  }
  return trimmed.replace(/^0+(?=\d)/, '');
}

/** Accession numbers are identities: used verbatim, only checked. */
export function accessionPart(accessionNo: string): string {
  return checkPart('accession number', accessionNo);
}
