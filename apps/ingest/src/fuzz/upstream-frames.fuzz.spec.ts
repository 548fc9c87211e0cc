// Bad-input fuzz of the sec-api path: generated and mutated frames go through a real WebSocket
// into the real IngestService (sec-api source, publish pipeline, dead-letter writer) on the real
// Redis. Each run sends a batch of frames and checks that every valid filing is in the stream
// exactly once and every refusal is counted and dead-lettered with its code; at the end, that
// nothing was dropped and the heap stayed bounded. Seeded: FUZZ_SEED=<n> replays a failure,
// FUZZ_RUNS=<frames> runs longer (`npm run fuzz`).
import { decodeStreamEntry } from '@secfeed/dedup';
import { parseStreamFrame, type Filing } from '@secfeed/filing-model';
import { createRedisKeys } from '@secfeed/redis-keys';
import { createLogger } from '@secfeed/service-runtime';
import { uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import { secApiSource } from '@secfeed/upstream-sources';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { createClient, type RedisClientType } from 'redis';
import { loadIngestConfig } from '../app/config/ingest-config';
import { IngestService } from '../app/ingest-service';
import {
  createIngestMetrics,
  type IngestMetrics,
} from '../app/metrics/ingest-metrics';
import { DEAD_LETTER_RAW_BYTES } from '../app/pipeline/dead-letter-writer';
import { startEmptyQueryApi } from '../test-support/ingest-harness';
import { FuzzUpstream } from './test-support/fuzz-upstream';
import { heapAfterGc } from './test-support/heap-after-gc';
import {
  FrameRenderer,
  frameSpec,
  type RenderedFrame,
} from './test-support/upstream-frames';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20200103);
const FRAMES = Number(process.env['FUZZ_RUNS'] ?? 10_000);
const FRAMES_PER_RUN = 25;
const REDIS_URL = 'redis://127.0.0.1:6379';
const API_KEY = 'fuzz-key-7d1c';
/** Heap growth allowed over the whole fuzz, whatever its length: bounded means constant. */
const HEAP_GROWTH_MIB = 48;
jest.setTimeout(Math.max(120_000, FRAMES * 20));

/** Counter values by label (`code` or `source`). */
async function byLabel(
  metrics: IngestMetrics,
  name: string,
): Promise<Map<string, number>> {
  const found = (await metrics.registry.getMetricsAsJSON()).find(
    (m) => m.name === name,
  );
  const out = new Map<string, number>();
  for (const { labels, value } of found?.values ?? []) {
    const label = String(labels['code'] ?? labels['source'] ?? '');
    out.set(label, (out.get(label) ?? 0) + value);
  }
  return out;
}

const total = (counts: Map<string, number>) =>
  [...counts.values()].reduce((a, b) => a + b, 0);

/** The counters the fuzz balances, summed over their labels. */
async function countersOf(metrics: IngestMetrics) {
  const byCode = await byLabel(metrics, 'secfeed_ingest_rejected_total');
  const sum = async (name: string) =>
    total(await byLabel(metrics, `secfeed_ingest_${name}`));
  return {
    received: await sum('filings_received_total'),
    published: await sum('filings_published_total'),
    duplicates: await sum('filings_duplicate_total'),
    rejected: total(byCode),
    unstorable: byCode.get('FILING_UNSTORABLE') ?? 0,
    transport:
      (await byLabel(metrics, 'secfeed_ingest_source_errors_total')).get(
        'TRANSPORT_ERROR',
      ) ?? 0,
    overflow: await sum('buffer_overflow_total'),
    publishErrors: await sum('publish_errors_total'),
    byCode,
  };
}

/** Whether dedup can name the filing's keys (the rule of libs/redis-keys). */
function storable(filing: Filing): boolean {
  const keys = createRedisKeys();
  try {
    keys.filing(filing.accessionNo);
    keys.cik(filing.cik);
    keys.formType(filing.formType);
    if (filing.ticker.trim() !== '') keys.ticker(filing.ticker);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the frames of one run must come to, by the model's own parser: the filings it accepts
 * (repeats included), the refusals in dead-letter order, and the filings accepted by the model
 * that no Redis key can name (`FILING_UNSTORABLE`, dead-lettered when their turn to publish comes).
 */
function expectedOf(frames: readonly RenderedFrame[]) {
  const accessions: string[] = [];
  const codes: string[] = [];
  const unstorable = new Set<string>();
  let killers = 0;
  for (const frame of frames) {
    if (frame.killer) killers += 1;
    else if (frame.binary) codes.push('FRAME_BINARY');
    else {
      const parsed = parseStreamFrame(String(frame.data), {
        source: 'sec-api',
        receivedAt: new Date().toISOString(),
      });
      accessions.push(...parsed.filings.map((f) => f.accessionNo));
      for (const filing of parsed.filings)
        if (!storable(filing)) unstorable.add(filing.accessionNo);
      codes.push(...parsed.rejects.map((r) => r.code));
      // The generator's valid filings are valid to the model too: the oracle is not vacuous.
      expect(accessions).toEqual(expect.arrayContaining([...frame.valid]));
    }
  }
  const stored = [...new Set(accessions)].filter((a) => !unstorable.has(a));
  const late = [...unstorable].map(() => 'FILING_UNSTORABLE');
  // Upstream units: each filing the model accepted, each frame or element it refused.
  const units = accessions.length + codes.length;
  return { accessions, stored, codes: [...codes, ...late], killers, units };
}

/** A failure names the seed, the run and the cause; the batch itself runs to megabytes. */
async function shortReport<T>(details: fc.RunDetails<T>): Promise<void> {
  if (!details.failed) return;
  const example = JSON.stringify(details.counterexample)?.slice(0, 1500);
  throw new Error(
    `fuzz failed with seed ${details.seed} at run ${details.numRuns} (replay: FUZZ_SEED=${details.seed}): ` +
      `${String((details.errorInstance as Error)?.message)}\nbatch (cut): ${example}`,
  );
}

describe('ingest under upstream fuzz (sec-api frames over a real socket into real Redis)', () => {
  const prefix = uniqueKeyPrefix('fuzz-ingest');
  const keys = createRedisKeys(prefix);
  const metrics = createIngestMetrics(false);
  const logLines = { count: 0 };
  let upstream: FuzzUpstream;
  let queryApi: Awaited<ReturnType<typeof startEmptyQueryApi>>;
  let redis: RedisClientType;
  let service: IngestService;
  let heapBefore = 0;
  const sent = { frames: 0, units: 0, killers: 0 };
  const counters = () => countersOf(metrics);

  beforeAll(async () => {
    upstream = await FuzzUpstream.start();
    queryApi = await startEmptyQueryApi();
    redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const config = loadIngestConfig({
      REDIS_URL,
      SECFEED_KEY_PREFIX: prefix,
      INGEST_SOURCE: 'sec-api',
      SEC_API_KEY: API_KEY,
      SEC_STREAM_URL: upstream.url,
      SEC_QUERY_API_URL: queryApi.url,
    });
    // Logs go through pino as in production, then are only counted: keeping them would be
    // the test's memory, not the service's.
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.count += 1;
        done();
      },
    });
    service = new IngestService({
      config,
      logger: createLogger('ingest', 'info', sink),
      metrics,
      // The production source; only the backoff is shortened, since invalid UTF-8 costs a
      // reconnect (RFC 6455: the client fails the connection with 1007).
      createSource: (context) =>
        secApiSource({
          apiKey: API_KEY,
          streamUrl: config.streamUrl,
          queryApiUrl: config.queryApiUrl,
          lastFiledAt: () => context.lastFiledAt(),
          retry: { minDelayMs: 1, maxDelayMs: 20 },
        }),
    });
    await service.start();
    await upstream.connected(1);
    heapBefore = heapAfterGc();
  });

  afterAll(async () => {
    await service?.stop();
    await upstream?.close();
    await queryApi?.close();
    for await (const batch of redis.scanIterator({
      MATCH: `${prefix}*`,
      COUNT: 1000,
    })) {
      if (batch.length) await redis.unlink(batch);
    }
    await redis?.quit();
  });

  /** Sends the frames in order; after a connection-killing frame, waits for the reconnect. */
  async function sendAll(frames: readonly RenderedFrame[]): Promise<void> {
    for (const frame of frames) {
      const connections = upstream.connections;
      await upstream.send(frame.data, frame.binary);
      if (frame.killer) await upstream.connected(connections + 1);
    }
  }

  /** Frees the run's keys so that a long fuzz keeps Redis small too. */
  async function forget(accessions: readonly string[]): Promise<void> {
    const unique = [...new Set(accessions)];
    if (unique.length)
      await redis.unlink(unique.flatMap((a) => [keys.seen(a), keys.filing(a)]));
    await redis.xTrim(keys.stream, 'MAXLEN', 0);
    await redis.xTrim(keys.deadLetters, 'MAXLEN', 0);
  }

  it(`publishes every valid filing of ${FRAMES} fuzzed frames exactly once and codes every refusal (seed ${SEED})`, async () => {
    const renderer = new FrameRenderer();
    const run = async (specs: Parameters<FrameRenderer['render']>[0][]) => {
      const frames = specs.map((spec) => renderer.render(spec));
      const expected = expectedOf(frames);
      const before = await counters();
      await sendAll(frames);
      let now = before;
      await waitUntil(
        async () => {
          now = await counters();
          return (
            now.received - before.received === expected.accessions.length &&
            now.rejected - before.rejected === expected.codes.length &&
            now.transport - before.transport === expected.killers &&
            now.received === now.published + now.duplicates + now.unstorable &&
            (await redis.xLen(keys.deadLetters)) === expected.codes.length
          );
        },
        'the run to settle',
        15_000,
      ).catch((error: Error) => {
        const { accessions, codes, killers } = expected;
        throw new Error(
          `${error.message}: expected ${accessions.length} filings, ${codes.length} rejects, ` +
            `${killers} reconnects; counters went from ${JSON.stringify(before)} to ${JSON.stringify(now)}`,
        );
      });
      // Refusals: counted by code and dead-lettered in order, each with its reasons.
      for (const code of new Set(expected.codes))
        expect(
          (now.byCode.get(code) ?? 0) - (before.byCode.get(code) ?? 0),
        ).toBe(expected.codes.filter((c) => c === code).length);
      // In order, but an unstorable filing is refused when its turn to publish comes.
      const dead = await redis.xRange(keys.deadLetters, '-', '+');
      const codes = dead.map((e) => e.message['code']);
      const late = (c: string) => c === 'FILING_UNSTORABLE';
      expect(codes.filter((c) => !late(c))).toEqual(
        expected.codes.filter((c) => !late(c)),
      );
      for (const { message } of dead) {
        expect(JSON.parse(message['reasons']).length).toBeGreaterThan(0);
        expect(message['raw'].length).toBeLessThan(DEAD_LETTER_RAW_BYTES + 64);
      }
      // Filings: each valid one once, in upstream order; nothing that was not sent.
      const stream = await redis.xRange(keys.stream, '-', '+');
      expect(
        stream.map((e) => decodeStreamEntry(e.message).accessionNo),
      ).toEqual(expected.stored);
      sent.frames += frames.length;
      sent.units += expected.units;
      sent.killers += expected.killers;
      await forget(expected.accessions);
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(frameSpec, {
          minLength: FRAMES_PER_RUN,
          maxLength: FRAMES_PER_RUN,
        }),
        run,
      ),
      {
        seed: SEED,
        numRuns: Math.ceil(FRAMES / FRAMES_PER_RUN),
        // One service lives through every run, so a shrunk rerun would not start clean.
        endOnFailure: true,
        asyncReporter: shortReport,
      },
    );
    expect(sent.frames).toBeGreaterThanOrEqual(FRAMES);
    // sent = published + duplicates + coded rejects, over the whole fuzz; nothing else lost.
    const { byCode, ...counts } = await counters();
    expect(counts.published + counts.duplicates + counts.rejected).toBe(
      sent.units,
    );
    expect(counts.received).toBe(
      counts.published + counts.duplicates + counts.unstorable,
    );
    expect(counts).toMatchObject({ overflow: 0, publishErrors: 0 });
    expect(service.readiness()).toMatchObject({ ready: true });
    process.stdout.write(
      `ingest fuzz: seed ${SEED}, ${sent.frames} frames, ${sent.units} filings and rejects, ` +
        `${JSON.stringify(counts)}, rejects ${JSON.stringify(Object.fromEntries(byCode))}, ${sent.killers} invalid UTF-8 frames (reconnects), ` +
        `${upstream.connections} connections, ${logLines.count} log lines\n`,
    );
  });

  it('keeps the heap bounded over the whole fuzz', () => {
    const heapAfter = heapAfterGc();
    process.stdout.write(
      `ingest fuzz heap after GC: ${heapBefore.toFixed(1)} MiB before, ${heapAfter.toFixed(1)} MiB after; ` +
        `rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB\n`,
    );
    expect(heapAfter - heapBefore).toBeLessThan(HEAP_GROWTH_MIB);
  });
});
