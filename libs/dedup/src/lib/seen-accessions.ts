import { createHash } from 'node:crypto';
import type { RedisKeys } from '@secfeed/redis-keys';
import type { ScriptCall, ScriptClient } from './script-client';

/** One `EXISTS` per seen-mark, in one call: every key shares the hash tag, so one node answers. */
const SEEN_SCRIPT = `
local seen = {}
for i, key in ipairs(KEYS) do seen[i] = redis.call('EXISTS', key) end
return seen
`;
const SEEN_SCRIPT_SHA = createHash('sha1').update(SEEN_SCRIPT).digest('hex');
/** Seen-marks asked per script call at most. */
const BATCH = 500;

/**
 * Which of `accessionNos` secfeed has published within the retention: those with a seen-mark,
 * the very mark the publish script checks, so a filing this says is missing is one that
 * `publish` would publish. Accession numbers that cannot name a key are reported missing.
 *
 * @returns the accession numbers that have a seen-mark.
 * @throws the Redis error when Redis fails.
 * @example
 * const have = await seenAccessions(client, keys, ['0000320193-25-000079']);
 */
export async function seenAccessions(
  client: ScriptClient,
  keys: Pick<RedisKeys, 'seen'>,
  accessionNos: readonly string[],
): Promise<Set<string>> {
  const keyed: { accessionNo: string; key: string }[] = [];
  for (const accessionNo of accessionNos) {
    try {
      keyed.push({ accessionNo, key: keys.seen(accessionNo) });
    } catch {
      // Not a key: never published, since publish refuses it too.
    }
  }
  const seen = new Set<string>();
  for (let at = 0; at < keyed.length; at += BATCH) {
    const batch = keyed.slice(at, at + BATCH);
    const call: ScriptCall = { keys: batch.map((k) => k.key), arguments: [] };
    let reply: unknown;
    try {
      reply = await client.evalSha(SEEN_SCRIPT_SHA, call);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT'))
        throw error;
      reply = await client.eval(SEEN_SCRIPT, call);
    }
    const flags = Array.isArray(reply) ? reply : [];
    batch.forEach(({ accessionNo }, i) => {
      if (Number(flags[i]) === 1) seen.add(accessionNo);
    });
  }
  return seen;
}
