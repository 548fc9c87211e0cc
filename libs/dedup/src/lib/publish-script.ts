import { createHash } from 'node:crypto';

/**
 * Publishes one filing atomically, unless its accession number was seen.
 *
 * KEYS: 1 stream, 2 seen-mark, 3 document, 4 latest set, 5 history index (all), 6 index by CIK,
 * 7 index by form type, 8 ticker set (absent when the ticker is "").
 * ARGV: 1 accessionNo, 2 filing JSON, 3 filedAtMs (score), 4 now in ms, 5 retention in ms,
 * 6 stream MAXLEN, 7 latest cap, 8 ticker cap.
 * Returns {'published', position} or {'duplicate', position of the first publication}.
 *
 * Redis runs a script without interleaving other commands, but does not roll back one that fails
 * half-way (a WRONGTYPE key, a write refused): whatever ran before the failure stays. So the
 * stream entry is written FIRST and the seen-mark right AFTER it. Any failure before XADD leaves
 * no trace and the retry publishes; a failure after it can at worst publish twice on retry. The
 * seed's order (mark, then publish) could leave a filing marked seen that nobody ever received.
 * The `#!lua` shebang (Redis 7) makes Redis refuse the whole script up front when it is out of
 * memory, instead of failing at the first write. `now` comes as an argument, not from TIME, so
 * the script stays deterministic and testable.
 */
export const PUBLISH_SCRIPT = `#!lua
local seen = redis.call('GET', KEYS[2])
if seen then
  return {'duplicate', seen}
end
local position = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[6], '*',
  'accessionNo', ARGV[1], 'data', ARGV[2])
redis.call('SET', KEYS[2], position, 'PX', ARGV[5])
redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[5])

local ms, seq = string.match(position, '^(%d+)-(%d+)$')
local member = string.rep('0', 16 - #ms) .. ms .. '-' .. string.rep('0', 10 - #seq) .. seq
  .. ':' .. ARGV[1]
local score = ARGV[3]

local function add_capped(key, cap)
  redis.call('ZADD', key, score, member)
  redis.call('ZREMRANGEBYRANK', key, 0, -cap - 1)
  redis.call('PEXPIRE', key, ARGV[5])
end
add_capped(KEYS[4], tonumber(ARGV[7]))
if KEYS[8] then
  add_capped(KEYS[8], tonumber(ARGV[8]))
end

local cutoff = tonumber(ARGV[4]) - tonumber(ARGV[5])
local fresh = tonumber(score) >= cutoff
for i = 5, 7 do
  if fresh then
    redis.call('ZADD', KEYS[i], score, member)
  end
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', string.format('(%d', cutoff))
  redis.call('PEXPIRE', KEYS[i], ARGV[5])
end
return {'published', position}
`;

/** SHA1 of {@link PUBLISH_SCRIPT}, the name `EVALSHA` knows it by. */
export const PUBLISH_SCRIPT_SHA = createHash('sha1')
  .update(PUBLISH_SCRIPT)
  .digest('hex');
