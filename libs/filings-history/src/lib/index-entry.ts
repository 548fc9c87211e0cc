/**
 * One entry of a history sorted set: score = `filedAtMs`, member = the index member of the
 * stored format (`<padded position>:<accessionNo>`, `encodeIndexMember` of
 * `@secfeed/filing-model/stored`, which also decodes it).
 */
export interface IndexEntry {
  readonly score: number;
  readonly member: string;
}

/**
 * Orders entries as `GET /api/filings` lists them: newest `filedAt` first, ties newest stream
 * position first. Redis orders equal scores by member bytes and the padded position makes
 * that position order, so this is exactly `ZRANGE ... REV` order; members are ASCII, so
 * JavaScript's string comparison is byte order. Negative when `a` is listed before `b`.
 */
export function compareNewestFirst(a: IndexEntry, b: IndexEntry): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.member === b.member) return 0;
  return a.member > b.member ? -1 : 1;
}

/** Whether `entry` is listed strictly after `cursor` (older), i.e. not yet on an earlier page. */
export function isAfter(entry: IndexEntry, cursor: IndexEntry): boolean {
  return compareNewestFirst(entry, cursor) > 0;
}
