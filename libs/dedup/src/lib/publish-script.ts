import { createHash } from 'node:crypto';
import { STREAM_FIELDS } from '@secfeed/filing-model/stored';
import { STREAM_AGE_TRIM } from './expire-script';

/**
 * How much longer a seen-mark lives than its stream entry may stay: 1 s, so that no difference
 * between Redis's clocks inside a script can let the mark go first.
 */
export const SEEN_MARK_GRACE_MS = 1000;

/**
 * Publishes one filing atomically, unless its accession number was seen.
 *
 * KEYS: 1 stream, 2 seen-mark, 3 document, 4 latest set, 5 history index (all), 6 index by CIK,
 * 7 index by form type, 8 ticker set (absent when the ticker is "").
 * ARGV: 1 accessionNo, 2 filing JSON (both as `encodeStreamEntry` of `@secfeed/filing-model/stored`
 * encodes them), 3 filedAtMs (score), 4 the caller's now in ms, 5 retention
 * in ms, 6 stream MAXLEN, 7 latest cap, 8 ticker cap.
 * Returns {'published', position} or {'duplicate', position of the first publication}.
 *
 * Redis runs a script without interleaving other commands, but does not roll back one that fails
 * half-way (a WRONGTYPE key, a write refused): whatever ran before the failure stays. So the
 * stream entry is written FIRST and the seen-mark right AFTER it. Any failure before XADD leaves
 * no trace and the retry publishes; a failure after it can at worst publish twice on retry. The
 * seed's order (mark, then publish) could leave a filing marked seen that nobody ever received.
 * The `#!lua` shebang (Redis 7) makes Redis refuse the whole script up front when it is out of
 * memory, instead of failing at the first write.
 *
 * Exactly once while replayable: every call first trims the stream exactly (`XTRIM MINID =`) to
 * the entries whose ID is at least Redis's `TIME` minus the retention; a document expires at its
 * entry's ID + retention and a seen-mark {@link SEEN_MARK_GRACE_MS} later (`PXAT`). Both sides
 * are one number on one clock, Redis's, which stamps the IDs and expires the keys: whatever the
 * skew between publishers, a clock step or a failover to a node with another clock, a call
 * never finds a seen-mark gone while its entry survives the trim, so it never publishes an
 * accession number whose first copy is still in the stream. The grace covers the difference
 * between `TIME` and the instant by which Redis expires keys during a script (the script's
 * start, a fraction of a millisecond earlier, in Redis 7.0); for that one second a re-sent
 * filing is still a duplicate of a copy that just left. `MINID ~` would keep up to a node of
 * older entries, hence `=`. Between calls nothing trims: in a quiet spell the stream keeps
 * entries past the retention until the next publish or `FilingPublisher.trimExpired()`
 * (expire-script.ts).
 *
 * The sorted sets are ordered by `filedAtMs`, the upstream's clock, so their horizon is the
 * caller's now minus the retention, the same cut-off the gateway's REST reader applies with its
 * own clock. Every set a call touches loses its members filed before it; a filing filed before
 * it is indexed nowhere; otherwise it is added, the capped sets drop their surplus by count, and
 * the set's TTL (an idle set's bound) starts again. A filing published anew can find its earlier
 * copy's member still there, under the same `filedAtMs`, when the caller's clock runs behind
 * Redis's: that member (the accession number after the 28 characters of the position) goes, so
 * a set holds one member per accession number.
 */
export const PUBLISH_SCRIPT = `#!lua
local retention = tonumber(ARGV[5])
${STREAM_AGE_TRIM}

local seen = redis.call('GET', KEYS[2])
if seen then
  return {'duplicate', seen}
end
local position = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[6], '*',
  '${STREAM_FIELDS.accessionNo}', ARGV[1], '${STREAM_FIELDS.data}', ARGV[2])
local ms, seq = string.match(position, '^(%d+)-(%d+)$')
local expires_at = tonumber(ms) + retention
redis.call('SET', KEYS[2], position, 'PXAT',
  string.format('%d', expires_at + ${SEEN_MARK_GRACE_MS}))
redis.call('SET', KEYS[3], ARGV[2], 'PXAT', string.format('%d', expires_at))

local member = string.rep('0', 16 - #ms) .. ms .. '-' .. string.rep('0', 10 - #seq) .. seq
  .. ':' .. ARGV[1]
local score = ARGV[3]
local cutoff = tonumber(ARGV[4]) - retention
local fresh = tonumber(score) >= cutoff

local function index(key, cap)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('(%d', cutoff))
  if fresh then
    for _, old in ipairs(redis.call('ZRANGE', key, score, score, 'BYSCORE')) do
      if string.sub(old, 29) == ARGV[1] then
        redis.call('ZREM', key, old)
      end
    end
    redis.call('ZADD', key, score, member)
    if cap then
      redis.call('ZREMRANGEBYRANK', key, 0, -cap - 1)
    end
    redis.call('PEXPIRE', key, retention)
  end
end
index(KEYS[4], tonumber(ARGV[7]))
if KEYS[8] then
  index(KEYS[8], tonumber(ARGV[8]))
end
for i = 5, 7 do
  index(KEYS[i])
end
return {'published', position}
`;

/** SHA1 of {@link PUBLISH_SCRIPT}, the name `EVALSHA` knows it by. */
export const PUBLISH_SCRIPT_SHA = createHash('sha1')
  .update(PUBLISH_SCRIPT)
  .digest('hex');
