// One ingest against a scripted sec-api.io (FakeSecApi) and a Redis, for the fault specs: live
// filings, gaps while the socket is down, and the invariant every case ends with.
import { uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import type { SecApiSourceOptions } from '@secfeed/upstream-sources';
import { FakeSecApi, fakeFilings } from './fake-sec-api';
import { startIngest, StreamProbe, type RunningIngest } from './ingest-harness';

/** Acceptance time of filing 0; filing n is n seconds later. */
export const T0 = Date.parse('2026-03-02T15:00:00Z');
const KEY = 'fault-key-5e2';

export class UpstreamScenario {
  ingest?: RunningIngest;
  /** Filings numbered so far (the next one gets this number). */
  private next = 0;

  private constructor(
    readonly upstream: FakeSecApi,
    readonly probe: StreamProbe,
    readonly prefix: string,
    private readonly redisUrl: string,
  ) {}

  static async start(
    redisUrl: string,
    options: {
      env?: NodeJS.ProcessEnv;
      secApi?: Partial<SecApiSourceOptions>;
    } = {},
  ): Promise<UpstreamScenario> {
    const prefix = uniqueKeyPrefix('faults');
    const scenario = new UpstreamScenario(
      await FakeSecApi.start(),
      await StreamProbe.connect(redisUrl, prefix),
      prefix,
      redisUrl,
    );
    await scenario.startIngest(options);
    return scenario;
  }

  /** Starts an ingest (again, after `stopIngest`: a restart) and waits for its socket. */
  async startIngest(
    options: {
      env?: NodeJS.ProcessEnv;
      secApi?: Partial<SecApiSourceOptions>;
    } = {},
  ): Promise<RunningIngest> {
    const before = this.upstream.connections;
    this.ingest = await startIngest(
      {
        REDIS_URL: this.redisUrl,
        SECFEED_KEY_PREFIX: this.prefix,
        INGEST_SOURCE: 'sec-api',
        SEC_API_KEY: KEY,
        SEC_STREAM_URL: this.upstream.streamUrl,
        SEC_QUERY_API_URL: this.upstream.queryApiUrl,
        ...options.env,
      },
      options.secApi,
    );
    await waitUntil(
      () => this.upstream.connections > before && this.upstream.open > 0,
      'ingest connected upstream',
    );
    return this.ingest;
  }

  /** The running ingest; throws when none runs. */
  get running(): RunningIngest {
    if (!this.ingest) throw new Error('no ingest is running');
    return this.ingest;
  }

  async stopIngest(): Promise<void> {
    await this.ingest?.stop();
    this.ingest = undefined;
  }

  /** `count` new filings, each sent live as its own frame. */
  live(count: number): void {
    for (let i = 0; i < count; i++)
      this.upstream.publish(fakeFilings(1, T0, this.next++));
  }

  /** `count` new filings the upstream has while no socket is open. */
  hadOnly(count: number): void {
    this.upstream.hadOnly(fakeFilings(count, T0, this.next));
    this.next += count;
  }

  /** Drops the socket and keeps ingest out while `count` filings happen, then lets it back. */
  async gap(count: number): Promise<void> {
    this.upstream.refuse = true;
    this.upstream.dropSockets();
    await waitUntil(() => this.upstream.open === 0, 'the socket to drop');
    this.hadOnly(count);
    const before = this.upstream.connections;
    this.upstream.refuse = false;
    await waitUntil(
      () => this.upstream.connections > before && this.upstream.open === 1,
      'ingest to reconnect',
    );
  }

  /** Waits until the stream holds as many entries as the upstream had filings. */
  async settle(timeoutMs = 15_000): Promise<void> {
    const had = this.upstream.had.length;
    await waitUntil(
      async () => (await this.probe.accessions()).length >= had,
      `${had} filings in the stream`,
      timeoutMs,
    ).catch(() => undefined); // the assertion below says what is missing
  }

  /** The invariant: every filing the upstream had is in the stream, exactly once. */
  async expectEveryFilingOnce(timeoutMs?: number): Promise<void> {
    await this.settle(timeoutMs);
    const stream = await this.probe.accessions();
    const had = this.upstream.had.map((f) => f.accessionNo);
    const inStream = new Set(stream);
    const missing = had.filter((a) => !inStream.has(a));
    const seen = new Set<string>();
    const twice = stream.filter((a) => seen.has(a) || (seen.add(a), false));
    expect({ missing, twice, extra: stream.length - had.length }).toEqual({
      missing: [],
      twice: [],
      extra: 0,
    });
  }

  /** Messages logged by the running ingest. */
  messages(): unknown[] {
    return this.ingest?.logs.map((l) => l['msg']) ?? [];
  }

  async dispose(): Promise<void> {
    await this.stopIngest();
    await this.upstream.close();
    await this.probe.dispose();
  }
}
