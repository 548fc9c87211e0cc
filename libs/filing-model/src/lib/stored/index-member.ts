import {
  storedFormatError,
  type StoredDecodeResult,
} from './stored-decode-result';

// Both halves of a stream ID are zero-padded so that string order equals position order:
// within one score, a ZSET orders members as strings, and the newest position must sort last.
// The publish script of @secfeed/dedup builds the same string in Lua (it must, to stay atomic);
// its spec checks that the two agree.
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
 * `<ms, 16 digits>-<seq, 10 digits>:<accessionNo>`.
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
 * Splits a sorted-set member back into its stream position and accession number. Never throws.
 *
 * @returns the parts, or `MALFORMED_MEMBER` when it is not a member the publisher wrote.
 */
export function decodeIndexMember(
  member: string,
): StoredDecodeResult<IndexMember> {
  const match = MEMBER.exec(member);
  if (match === null) {
    return storedFormatError(
      'MALFORMED_MEMBER',
      'not an index member <ms>-<seq>:<accessionNo>',
    );
  }
  const [, ms, seq, accessionNo] = match;
  return {
    ok: true,
    value: { position: `${unpad(ms)}-${unpad(seq)}`, accessionNo },
  };
}
