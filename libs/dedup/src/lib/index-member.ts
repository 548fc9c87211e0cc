// Both halves of a stream ID are zero-padded so that string order equals position order:
// within one score, a ZSET orders members as strings, and the newest position must sort last.
const MS_DIGITS = 16;
const SEQ_DIGITS = 10;
const MEMBER = /^(\d+)-(\d+):(.+)$/;

const unpad = (digits: string): string => digits.replace(/^0+(?=\d)/, '');

/** A history index member split into its parts. */
export interface IndexMember {
  /** Stream position of the filing (`<ms>-<seq>`, no padding). */
  readonly position: string;
  readonly accessionNo: string;
}

/**
 * The member under which a filing is stored in every sorted set (score = `filedAtMs`):
 * `<ms, 16 digits>-<seq, 10 digits>:<accessionNo>`. The publish script builds the same string.
 *
 * @example
 * encodeIndexMember('1736000000000-3', '0000320193-25-000079');
 * // '0001736000000000-0000000003:0000320193-25-000079'
 */
export function encodeIndexMember(
  position: string,
  accessionNo: string,
): string {
  const [ms, seq] = position.split('-');
  return `${ms.padStart(MS_DIGITS, '0')}-${(seq ?? '0').padStart(SEQ_DIGITS, '0')}:${accessionNo}`;
}

/**
 * Splits a sorted-set member back into its stream position and accession number, or returns
 * `undefined` when it is not a member the publisher wrote.
 */
export function decodeIndexMember(member: string): IndexMember | undefined {
  const match = MEMBER.exec(member);
  if (match === null) return undefined;
  const [, ms, seq, accessionNo] = match;
  return { position: `${unpad(ms)}-${unpad(seq)}`, accessionNo };
}
