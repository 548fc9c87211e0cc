import type { RoutedCommands } from '@secfeed/service-runtime';

/**
 * Raises the stream's last generated ID and its `max-deleted-entry-id` to `position`, never
 * lowering either (KEYS[1] the stream, ARGV[1] the position). A missing stream (everything lost)
 * is created empty with those IDs by adding and deleting one entry in the same atomic call.
 *
 * Afterwards every new entry gets an ID above `position` (whatever the new master's clock), and
 * a gateway asked to resume from a position at or below it answers `recovered: false`: the
 * stream says entries up to there are gone, so no replay can be complete (docs/protocol.md).
 */
export const MARK_LOST_SCRIPT = `
local target = ARGV[1]
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function max_id(a, b)
  local ams, aseq = parse(a)
  local bms, bseq = parse(b)
  if ams > bms or (ams == bms and aseq >= bseq) then return a end
  return b
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('XADD', KEYS[1], target, 'lost', '1')
  redis.call('XDEL', KEYS[1], target)
  return target
end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local last, deleted = '0-0', '0-0'
for i = 1, #info, 2 do
  if info[i] == 'last-generated-id' then last = info[i + 1] end
  if info[i] == 'max-deleted-entry-id' then deleted = info[i + 1] end
end
local new_last = max_id(last, target)
redis.call('XSETID', KEYS[1], new_last, 'MAXDELETEDID', max_id(deleted, target))
return new_last
`;

/** Marks every position up to `position` as lost in `streamKey` (see {@link MARK_LOST_SCRIPT}). */
export async function markLostPositions(
  commands: RoutedCommands,
  streamKey: string,
  position: string,
): Promise<void> {
  await commands.sendCommand([
    'EVAL',
    MARK_LOST_SCRIPT,
    '1',
    streamKey,
    position,
  ]);
}

/** The position right after `position` (`<ms>-<seq+1>`): one no entry has had yet. */
export function nextPosition(position: string): string {
  const [ms, seq] = position.split('-');
  return `${ms}-${BigInt(seq) + 1n}`;
}

/** Whether stream position `a` comes after `b` (both `<ms>-<seq>`; compared as numbers). */
export function isAfter(a: string, b: string): boolean {
  const [ams, aseq] = a.split('-').map(BigInt);
  const [bms, bseq] = b.split('-').map(BigInt);
  return ams > bms || (ams === bms && aseq > bseq);
}
