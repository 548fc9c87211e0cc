import {
  decodeStreamEntry,
  FilingPublisher,
  type PublishResult,
} from '@secfeed/dedup';
import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createLogger } from '@secfeed/service-runtime';
import { createRedisKeys } from '@secfeed/redis-keys';
import { uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import { Writable } from 'node:stream';
import { createClient } from 'redis';
import {
  createIngestMetrics,
  type IngestMetrics,
} from '../metrics/ingest-metrics';
import {
  BACKLOG_FACTOR,
  BatchPublisher,
  PublishPipeline,
  type PublishPipelineOptions,
} from './publish-pipeline';

/** A publisher in memory: Redis can be "down", and it dedups like the real one. */
class MemoryPublisher implements BatchPublisher {
  down = false;
  readonly stream: string[] = [];
  readonly batches: number[] = [];

  async publishBatch(filings: readonly Filing[]): Promise<PublishResult[]> {
    await Promise.resolve();
    if (this.down) throw new Error('ECONNREFUSED');
    this.batches.push(filings.length);
    return filings.map((f) => {
      const seen = this.stream.indexOf(f.accessionNo);
      if (seen >= 0) return { status: 'duplicate', position: `${seen}-0` };
      this.stream.push(f.accessionNo);
      return { status: 'published', position: `${this.stream.length - 1}-0` };
    });
  }
}

const logLines: string[] = [];
const logger = createLogger(
  'ingest',
  'info',
  new Writable({
    write: (c, _e, done) => (logLines.push(c.toString()), done()),
  }),
);
const fastRetry = { minDelayMs: 1, maxDelayMs: 2 };

async function metricValue(
  metrics: IngestMetrics,
  name: string,
): Promise<number> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find(
    (m) => m.name === name,
  );
  return (metric?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}

const pipelines: PublishPipeline[] = [];
/** A pipeline with fresh metrics and the captured log, closed after its test. */
function startPipeline(
  options: Omit<PublishPipelineOptions, 'metrics' | 'logger'>,
): { pipeline: PublishPipeline; metrics: IngestMetrics } {
  const metrics = createIngestMetrics(false);
  const pipeline = new PublishPipeline({ ...options, metrics, logger });
  pipelines.push(pipeline);
  return { pipeline, metrics };
}

describe('PublishPipeline', () => {
  beforeEach(() => logLines.splice(0));
  afterEach(() => pipelines.splice(0).forEach((p) => p.close()));

  it('publishes in arrival order, in batches, counting published and duplicates', async () => {
    const publisher = new MemoryPublisher();
    const { pipeline, metrics } = startPipeline({
      publisher,
      bufferSize: 100,
      batchSize: 4,
    });
    const filings = Array.from({ length: 10 }, () => makeFiling());
    pipeline.push(filings);
    pipeline.push([filings[3], filings[7]]);
    expect(await pipeline.flush(1000)).toBe(true);
    expect(publisher.stream).toEqual(filings.map((f) => f.accessionNo));
    expect(Math.max(...publisher.batches)).toBeLessThanOrEqual(4);
    expect(
      await metricValue(metrics, 'secfeed_ingest_filings_published_total'),
    ).toBe(10);
    expect(
      await metricValue(metrics, 'secfeed_ingest_filings_duplicate_total'),
    ).toBe(2);
    expect(await metricValue(metrics, 'secfeed_ingest_buffered')).toBe(0);
  });

  it('reports every answer to onResult, published or duplicate, and survives it throwing', async () => {
    const results: string[] = [];
    const { pipeline } = startPipeline({
      publisher: new MemoryPublisher(),
      bufferSize: 100,
      onResult: (filing, status) => {
        results.push(`${filing.source} ${status}`);
        if (results.length === 1) throw new Error('tally broke');
      },
    });
    const first = makeFiling({ source: 'sec-api' });
    const second = makeFiling({ source: 'sec-api' });
    pipeline.push([first, second]);
    pipeline.push([
      { ...first, source: 'edgar' },
      { ...second, source: 'edgar' },
    ]);
    expect(await pipeline.flush(1000)).toBe(true);
    expect(results).toEqual([
      'sec-api published',
      'sec-api published',
      'edgar duplicate',
      'edgar duplicate',
    ]);
    expect(logLines.join('')).toContain('Result step failed');
  });

  it('keeps filings while Redis is down and flushes them in order when it is back', async () => {
    const publisher = new MemoryPublisher();
    const { pipeline, metrics } = startPipeline({
      publisher,
      bufferSize: 100,
      retry: fastRetry,
    });
    const before = makeFiling();
    pipeline.push([before]);
    await pipeline.flush(1000);
    publisher.down = true;
    const during = Array.from({ length: 5 }, () => makeFiling());
    pipeline.push(during);
    expect(await pipeline.flush(50)).toBe(false);
    expect(pipeline.depth).toBe(5);
    expect(pipeline.healthy).toBe(false);
    expect(await metricValue(metrics, 'secfeed_ingest_buffered')).toBe(5);
    publisher.down = false;
    expect(await pipeline.flush(1000)).toBe(true);
    expect(publisher.stream).toEqual(
      [before, ...during].map((f) => f.accessionNo),
    );
    expect(pipeline.healthy).toBe(true);
    expect(
      await metricValue(metrics, 'secfeed_ingest_publish_errors_total'),
    ).toBeGreaterThan(0);
    const messages = logLines.map((l) => JSON.parse(l).msg);
    expect(
      messages.filter((m) => m === 'Redis unavailable; buffering filings'),
    ).toHaveLength(1);
    expect(messages).toContain('Redis back; flushing buffered filings');
  });

  it('counts and logs what overflows the buffer, never silently, and keeps the rest', async () => {
    const publisher = new MemoryPublisher();
    publisher.down = true;
    const { pipeline, metrics } = startPipeline({
      publisher,
      bufferSize: 3,
      retry: fastRetry,
    });
    const filings = Array.from({ length: 5 }, () => makeFiling());
    // Redis is found failing first; from then on the buffer bound applies.
    pipeline.push(filings.slice(0, 1));
    await waitUntil(() => !pipeline.healthy, 'the first failed publish');
    pipeline.push(filings.slice(1));
    expect(pipeline.depth).toBe(3);
    expect(
      await metricValue(metrics, 'secfeed_ingest_buffer_overflow_total'),
    ).toBe(2);
    const overflow = logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg.startsWith('Buffer full'));
    expect(overflow).toMatchObject({
      level: 'error',
      dropped: 2,
      accessionNos: filings.slice(3).map((f) => f.accessionNo),
    });
    publisher.down = false;
    expect(await pipeline.flush(1000)).toBe(true);
    expect(publisher.stream).toEqual(
      filings.slice(0, 3).map((f) => f.accessionNo),
    );
  });

  it('hands the filings it drops to onDropped, at once, so a source can ask for them again', async () => {
    const publisher = new MemoryPublisher();
    publisher.down = true;
    const dropped: string[][] = [];
    const { pipeline } = startPipeline({
      publisher,
      bufferSize: 2,
      retry: fastRetry,
      onDropped: (filings) => dropped.push(filings.map((f) => f.accessionNo)),
    });
    const filings = Array.from({ length: 4 }, () => makeFiling());
    pipeline.push(filings.slice(0, 1));
    await waitUntil(() => !pipeline.healthy, 'the first failed publish');
    pipeline.push(filings.slice(1));
    expect(dropped).toEqual([filings.slice(2).map((f) => f.accessionNo)]);
  });

  it('settles once every filing pushed before the call has left the queue, however long Redis is away', async () => {
    const publisher = new MemoryPublisher();
    const { pipeline, metrics } = startPipeline({
      publisher,
      bufferSize: 100,
      retry: fastRetry,
    });
    expect(await pipeline.settled()).toBe(true); // nothing queued
    publisher.down = true;
    const first = Array.from({ length: 3 }, () => makeFiling());
    pipeline.push(first);
    let settled: boolean | undefined;
    void pipeline.settled().then((ok) => (settled = ok));
    pipeline.push([makeFiling()]); // after the call: not waited for
    await waitUntil(
      async () =>
        (await metricValue(metrics, 'secfeed_ingest_publish_errors_total')) >=
        3,
      'three failed publishes',
    );
    expect(settled).toBeUndefined();
    publisher.down = false;
    await waitUntil(() => settled !== undefined, 'settled');
    expect(settled).toBe(true);
    expect(publisher.stream.slice(0, 3)).toEqual(
      first.map((f) => f.accessionNo),
    );
  });

  it('settles false when closed with filings still queued', async () => {
    const publisher = new MemoryPublisher();
    publisher.down = true;
    const { pipeline } = startPipeline({
      publisher,
      bufferSize: 10,
      retry: fastRetry,
    });
    pipeline.push([makeFiling()]);
    const settled = pipeline.settled();
    pipeline.close();
    expect(await settled).toBe(false);
    expect(await pipeline.settled()).toBe(false);
  });

  it('lets a burst queue deeper than the buffer while Redis answers, and loses none of it', async () => {
    const publisher = new MemoryPublisher();
    const { pipeline, metrics } = startPipeline({
      publisher,
      bufferSize: 3,
      batchSize: 2,
    });
    const burst = Array.from({ length: 3 * BACKLOG_FACTOR }, () =>
      makeFiling(),
    );
    pipeline.push(burst);
    expect(pipeline.depth).toBe(burst.length);
    pipeline.push([makeFiling()]);
    expect(
      await metricValue(metrics, 'secfeed_ingest_buffer_overflow_total'),
    ).toBe(1);
    expect(await pipeline.flush(1000)).toBe(true);
    expect(publisher.stream).toEqual(burst.map((f) => f.accessionNo));
    const dropLog = logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'Backlog full; filings dropped');
    expect(dropLog).toMatchObject({ dropped: 1, redisFailing: false });
  });

  it('observes lag from filedAt and publish latency', async () => {
    const publisher = new MemoryPublisher();
    const now = Date.parse('2026-11-24T15:00:10Z');
    const { pipeline, metrics } = startPipeline({
      publisher,
      bufferSize: 10,
      now: () => now,
    });
    pipeline.push([makeFiling({ filedAt: '2026-11-24T10:00:00-05:00' })]);
    await pipeline.flush(1000);
    const text = await metrics.registry.getSingleMetricAsString(
      'secfeed_ingest_lag_seconds',
    );
    expect(text).toMatch(/^secfeed_ingest_lag_seconds_sum 10$/m);
    expect(text).toMatch(/^secfeed_ingest_lag_seconds_count 1$/m);
  });

  it('refuses a filing dedup cannot key, alone, and publishes the rest in order (real Redis)', async () => {
    // Valid to the model, yet a brace or inner whitespace cannot go into a Redis key: dedup
    // refuses the whole batch. Retrying it forever used to stall every filing behind it.
    const redis = createClient({ url: 'redis://127.0.0.1:6379' });
    await redis.connect();
    const keys = createRedisKeys(uniqueKeyPrefix('pipeline'));
    try {
      const refused: Array<[string, string]> = [];
      const { pipeline, metrics } = startPipeline({
        publisher: new FilingPublisher(redis, { keys }),
        bufferSize: 10,
        retry: fastRetry,
        onUnstorable: (filing, reason) =>
          refused.push([filing.accessionNo, reason]),
      });
      const [first, second] = [makeFiling(), makeFiling()];
      const braced = makeFiling({ ticker: 'A{B}' });
      const spaced = makeFiling({ formType: '10-K\u00a0A' });
      pipeline.push([first, braced, second, spaced, first]);
      expect(await pipeline.flush(2000)).toBe(true);
      const stream = await redis.xRange(keys.stream, '-', '+');
      expect(
        stream.map((e) => decodeStreamEntry(e.message).accessionNo),
      ).toEqual([first.accessionNo, second.accessionNo]);
      expect(refused.map(([accessionNo]) => accessionNo)).toEqual([
        braced.accessionNo,
        spaced.accessionNo,
      ]);
      expect(refused[0][1]).toMatch(/brace/);
      expect(pipeline.healthy).toBe(true);
      expect(
        await metricValue(metrics, 'secfeed_ingest_publish_errors_total'),
      ).toBe(0);
      expect(
        await metricValue(metrics, 'secfeed_ingest_filings_duplicate_total'),
      ).toBe(1);
    } finally {
      const found: string[] = [];
      for await (const batch of redis.scanIterator({
        MATCH: `${keys.prefix}*`,
      }))
        found.push(...batch);
      if (found.length) await redis.unlink(found);
      await redis.quit();
    }
  });

  it('refuses a buffer size that cannot hold a filing', () => {
    const metrics = createIngestMetrics(false);
    expect(
      () =>
        new PublishPipeline({
          publisher: new MemoryPublisher(),
          metrics,
          logger,
          bufferSize: 0,
        }),
    ).toThrow(/bufferSize/);
  });
});
