import { createHash } from 'node:crypto';

/**
 * Lua that trims the stream (KEYS[1]) to the entries not older than Redis's `TIME` minus the
 * retention (`retention`, a local of the script including it), exactly (`MINID =`), and leaves
 * the number removed in `trimmed`. Shared by the publish and the expire scripts, so both cut at
 * the same point on the same clock as the seen-marks' `PXAT`.
 */
export const STREAM_AGE_TRIM = `local time = redis.call('TIME')
local redis_now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local trimmed = redis.call('XTRIM', KEYS[1], 'MINID', '=',
  string.format('%d', math.max(0, redis_now - retention)))`;

/**
 * Removes what is past the retention without publishing: the stream entries (as the publish
 * script does first) and the latest set's members filed before the caller's now minus the
 * retention. Between publishes nothing else trims them, so a quiet spell would leave entries
 * replayable past their seen-marks.
 *
 * KEYS: 1 stream, 2 latest set. ARGV: 1 the caller's now in ms, 2 retention in ms.
 * Returns the number of stream entries removed.
 *
 * `allow-oom`: it only deletes, so it may run (and free memory) when Redis is full.
 */
export const EXPIRE_SCRIPT = `#!lua flags=allow-oom
local retention = tonumber(ARGV[2])
${STREAM_AGE_TRIM}
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf',
  string.format('(%d', tonumber(ARGV[1]) - retention))
return trimmed
`;

/** SHA1 of {@link EXPIRE_SCRIPT}, the name `EVALSHA` knows it by. */
export const EXPIRE_SCRIPT_SHA = createHash('sha1')
  .update(EXPIRE_SCRIPT)
  .digest('hex');
