import type { RedisKeys } from '@secfeed/redis-keys';
import type { SecfeedRedis } from '@secfeed/service-runtime';
import type { FiledAtMark, WatermarkStore } from '@secfeed/upstream-sources';

/**
 * Moves the watermark only forward, atomically: a replica holding an older mark, or an advance
 * that arrives late, can never pull it back. Returns 1 when it moved, 0 when it was not newer.
 * The TTL is renewed on every advance, like every other key of the feed's retention.
 */
const ADVANCE = `
local current = tonumber(redis.call('HGET', KEYS[1], 'ms'))
local proposed = tonumber(ARGV[1])
if current ~= nil and current >= proposed then return 0 end
redis.call('HSET', KEYS[1], 'ms', ARGV[1], 'filedAt', ARGV[2], 'advancedAt', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/**
 * The ingest watermark in Redis (`keys.watermark`, a HASH `ms`, `filedAt`, `advancedAt`): every
 * upstream filing with a `filedAt` strictly older than it is known to be in the stream. Durable,
 * so a restart or another replica starts its gap backfill there. Shared by every replica of one
 * feed; each moves it only forward.
 */
export class Watermark implements WatermarkStore {
  constructor(
    private readonly redis: Pick<SecfeedRedis, 'hmGet' | 'eval'>,
    private readonly keys: Pick<RedisKeys, 'watermark'>,
    /** TTL of the key, renewed on every advance: the feed's retention. */
    private readonly retentionMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async read(): Promise<FiledAtMark | undefined> {
    const [ms, filedAt] = await this.redis.hmGet(this.keys.watermark, [
      'ms',
      'filedAt',
    ]);
    const value = Number(ms);
    if (!ms || !filedAt || !Number.isFinite(value)) return undefined;
    return { filedAt, ms: value };
  }

  async advance(mark: FiledAtMark): Promise<boolean> {
    const moved = await this.redis.eval(ADVANCE, {
      keys: [this.keys.watermark],
      arguments: [
        String(mark.ms),
        mark.filedAt,
        new Date(this.now()).toISOString(),
        String(this.retentionMs),
      ],
    });
    return moved === 1;
  }
}
