import { FilingPublisher } from '@secfeed/dedup';
import { parseStreamFrame, type Filing } from '@secfeed/filing-model';
import { createRedisKeys } from '@secfeed/redis-keys';
import { filingAt, loadReplayDay } from '@secfeed/sec-api-simulator';
import type { BenchContext } from './bench-context';
import { commandStats } from './redis-helpers';

export interface StageCeilings {
  filings: number;
  /** `parseStreamFrame` (JSON.parse, class-validator, normalization) alone, one core. */
  parseFilingsPerSecond: number;
  parseUsPerFiling: number;
  /** `FilingPublisher.publishBatch` in batches of the pipeline's 500, one connection. */
  publishFilingsPerSecond: number;
  publishUsPerFiling: number;
  /** Redis time per publish script call (INFO commandstats, EVALSHA). */
  scriptUsecPerCall: number;
}

const PIPELINE_BATCH = 500;

/**
 * The two stages of ingest measured apart, in this process, on the same filings: parsing and
 * validating frames, and publishing through the dedup Lua script. Tells where ingest's time
 * goes without a profiler.
 */
export async function stageCeilings(
  context: BenchContext,
  keyPrefix: string,
  count: number,
  frameSize: number,
): Promise<StageCeilings> {
  const day = loadReplayDay();
  const frames: string[] = [];
  for (let i = 0; i < count; i += frameSize) {
    const size = Math.min(frameSize, count - i);
    frames.push(
      JSON.stringify(
        Array.from({ length: size }, (_, k) => filingAt(day, i + k)),
      ),
    );
  }
  const meta = {
    source: 'sec-api' as const,
    receivedAt: new Date().toISOString(),
  };
  // Warm the JIT on a tenth, then time the whole set.
  for (const frame of frames.slice(0, Math.ceil(frames.length / 10)))
    parseStreamFrame(frame, meta);
  const filings: Filing[] = [];
  const parseStart = performance.now();
  for (const frame of frames) {
    const parsed = parseStreamFrame(frame, meta);
    for (const filing of parsed.filings) filings.push(filing);
  }
  const parseMs = performance.now() - parseStart;
  if (filings.length !== count)
    throw new Error(
      `stage ceilings: ${count - filings.length} filings rejected`,
    );

  const client = context.redis.duplicate();
  await client.connect();
  const close = context.cleanup.push('stage publisher client', () =>
    client.destroy(),
  );
  const publisher = new FilingPublisher(client, {
    keys: createRedisKeys(keyPrefix),
  });
  await publisher.publishBatch(filings.slice(0, 1)); // loads the script
  const before = await commandStats(context.redis, 'evalsha');
  const publishStart = performance.now();
  for (let i = 1; i < filings.length; i += PIPELINE_BATCH) {
    await publisher.publishBatch(filings.slice(i, i + PIPELINE_BATCH));
  }
  const publishMs = performance.now() - publishStart;
  const after = await commandStats(context.redis, 'evalsha');
  await close();
  const published = filings.length - 1;
  return {
    filings: count,
    parseFilingsPerSecond: (count * 1000) / parseMs,
    parseUsPerFiling: (parseMs * 1000) / count,
    publishFilingsPerSecond: (published * 1000) / publishMs,
    publishUsPerFiling: (publishMs * 1000) / published,
    scriptUsecPerCall:
      after.calls > before.calls
        ? (after.usec - before.usec) / (after.calls - before.calls)
        : Number.NaN,
  };
}
