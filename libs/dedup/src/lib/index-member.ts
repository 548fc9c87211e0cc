import {
  decodeIndexMember as decodeStoredIndexMember,
  encodeIndexMember,
  type IndexMember,
} from '@secfeed/filing-model/stored';

// The member format is owned by @secfeed/filing-model/stored; the publish script builds the
// same string in Lua, and filing-publisher.spec.ts checks that the two agree.
export { encodeIndexMember };
export type { IndexMember };

/**
 * Splits a sorted-set member back into its stream position and accession number, or returns
 * `undefined` when it is not a member the publisher wrote (`decodeIndexMember` of
 * `@secfeed/filing-model/stored` says why).
 */
export function decodeIndexMember(member: string): IndexMember | undefined {
  const decoded = decodeStoredIndexMember(member);
  return decoded.ok ? decoded.value : undefined;
}
