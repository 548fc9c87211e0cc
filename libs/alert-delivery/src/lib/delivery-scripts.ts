// The Lua scripts of the delivery store. Each runs atomically on the node that owns the feed's
// hash tag, so a step of a delivery is either recorded whole or not at all.

const PAD = `
local function pad(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return string.rep('0', 16 - #ms) .. ms .. '-' .. string.rep('0', 10 - #seq) .. seq
end
`;

/**
 * Hands one stream entry to its matching rules and acknowledges it, or does nothing when another
 * consumer already acknowledged it (it claimed the entry after this one stalled).
 * KEYS: stream, active, then queue and jobs of each rule. ARGV: group, entry id, padded id,
 * job JSON, then the rule ids. Returns -1 (already handled) or the deliveries queued.
 */
export const ENQUEUE = `
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return -1 end
local queued = 0
for i = 5, #ARGV do
  local q = KEYS[3 + (i - 5) * 2]
  local jobs = KEYS[4 + (i - 5) * 2]
  if redis.call('ZADD', q, 'NX', 0, ARGV[3]) == 1 then
    redis.call('HSET', jobs, ARGV[3], ARGV[4])
    queued = queued + 1
  end
  redis.call('SADD', KEYS[2], ARGV[i])
end
return queued
`;

/**
 * The next delivery of a rule, if it may go now. It may not while an older stream entry is still
 * pending in the consumer group (not yet matched): that entry may belong before it.
 * KEYS: queue, jobs, stream, active, rules, state. ARGV: group, rule id.
 */
export const HEAD = `${PAD}
local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
if not head then
  redis.call('SREM', KEYS[4], ARGV[2])
  return {'empty'}
end
local rule = redis.call('HGET', KEYS[5], ARGV[2])
if not rule then return {'gone'} end
local pending = redis.call('XPENDING', KEYS[3], ARGV[1])
if tonumber(pending[1]) > 0 and pad(pending[2]) <= head then return {'wait'} end
local job = redis.call('HGET', KEYS[2], head) or ''
local st = redis.call('HMGET', KEYS[6], 'head', 'attempts', 'nextAt')
local attempts, nextAt = '0', '0'
if st[1] == head then attempts, nextAt = st[2] or '0', st[3] or '0' end
return {'ready', head, job, rule, attempts, nextAt}
`;

/**
 * Records a delivery as done, if the caller still holds the rule's lease.
 * KEYS: lease, queue, jobs, state, log, active. ARGV: token, member, rule id, entry id, log
 * record, log length. Returns 1, or 0 when the lease is lost.
 */
export const DELIVERED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[4], 'lastDelivered', ARGV[4], 'head', '', 'attempts', 0, 'nextAt', 0)
redis.call('HINCRBY', KEYS[4], 'delivered', 1)
redis.call('LPUSH', KEYS[5], ARGV[5])
redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[6]) - 1)
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[6], ARGV[3]) end
return 1
`;

/**
 * Records a failed attempt and when the next is due, if the caller holds the lease.
 * KEYS: lease, state, log. ARGV: token, member, attempts, next at (ms), log record, log length.
 */
export const FAILED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], 'head', ARGV[2], 'attempts', ARGV[3], 'nextAt', ARGV[4])
redis.call('HINCRBY', KEYS[2], 'failedAttempts', 1)
redis.call('LPUSH', KEYS[3], ARGV[5])
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[6]) - 1)
return 1
`;

/**
 * Moves the head delivery to the rule's dead letters, if the caller holds the lease.
 * KEYS: lease, queue, jobs, state, log, dead, active. ARGV: token, member, rule id, log record,
 * dead record, log length, dead-letter length.
 */
export const DEAD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[4], 'head', '', 'attempts', 0, 'nextAt', 0)
redis.call('HINCRBY', KEYS[4], 'deadLettered', 1)
redis.call('LPUSH', KEYS[5], ARGV[4])
redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[6]) - 1)
redis.call('LPUSH', KEYS[6], ARGV[5])
redis.call('LTRIM', KEYS[6], 0, tonumber(ARGV[7]) - 1)
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[7], ARGV[3]) end
return 1
`;

/**
 * Puts every dead letter of a rule back in its queue (in stream order, ahead of newer ones),
 * with the give-up clock restarted. KEYS: dead, queue, jobs, active. ARGV: rule id, now (ms).
 */
export const RETRY_DEAD = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
local queued = 0
for _, raw in ipairs(items) do
  local dead = cjson.decode(raw)
  if redis.call('ZADD', KEYS[2], 'NX', 0, dead.member) == 1 then
    local job = cjson.decode(dead.job)
    job.retriedAt = tonumber(ARGV[2])
    redis.call('HSET', KEYS[3], dead.member, cjson.encode(job))
    queued = queued + 1
  end
end
redis.call('DEL', KEYS[1])
if queued > 0 then redis.call('SADD', KEYS[4], ARGV[1]) end
return queued
`;

/** Renews a lease the caller holds. KEYS: lease. ARGV: token, ms. */
export const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** Gives a lease back. KEYS: lease. ARGV: token. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;
