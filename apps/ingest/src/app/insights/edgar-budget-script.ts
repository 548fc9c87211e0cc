import { createHash } from 'node:crypto';

/**
 * EDGAR's fair-access budget as a token bucket in Redis, one for every ingest replica.
 *
 * KEYS: 1 the bucket (a HASH: `tokens`, `at`). ARGV: 1 `take` or `pause`, 2 the rate in
 * requests per second, 3 the capacity (tokens held at most), 4 for `pause`: milliseconds.
 * `take` reserves one request and returns how many ms the caller waits before sending it (0:
 * now); `pause` pushes every reservation at least that far into the future (after a 429 or
 * 403) and returns 0.
 *
 * A reservation, not a refusal: tokens may go below zero, each caller waiting its turn, so one
 * call per request is enough and the order is first come, first served. With a capacity of one
 * the requests of all replicas leave evenly spaced, `1000 / rate` ms apart, so no window of one
 * second (whatever its phase) holds more than `rate + 1`. The clock is Redis's (`TIME`): the
 * replicas' clocks never matter. The key expires a minute after its last use.
 */
export const EDGAR_BUDGET_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if not tokens or not at then
  tokens = capacity
  at = now
end
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * rate / 1000)
  at = now
end
local wait = 0
if ARGV[1] == 'pause' then
  tokens = math.min(tokens, -tonumber(ARGV[4]) * rate / 1000)
else
  tokens = tokens - 1
  if tokens < 0 then
    wait = math.ceil(-tokens * 1000 / rate)
  end
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%d', at))
redis.call('PEXPIRE', KEYS[1], 60000 + wait)
return wait
`;

/** SHA1 of {@link EDGAR_BUDGET_SCRIPT}, the name `EVALSHA` knows it by. */
export const EDGAR_BUDGET_SCRIPT_SHA = createHash('sha1')
  .update(EDGAR_BUDGET_SCRIPT)
  .digest('hex');
