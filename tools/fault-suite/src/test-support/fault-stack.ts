import type { RedisClientType } from 'redis';
import { decodeStreamEntry } from '@secfeed/filing-model/stored';
import { createRedisKeys, hashSlot } from '@secfeed/redis-keys';
import {
  loadReplayDay,
  startSimulator,
  type Simulator,
  type SimulatorFaults,
  type WireFiling,
} from '@secfeed/sec-api-simulator';
import {
  connectRawRedis,
  createRedisCluster,
  createRedisProcess,
  reservedPort,
  waitUntil,
  type RedisClusterOptions,
  type RedisClusterProcess,
  type RedisProcess,
} from '@secfeed/test-kit';
import {
  checkInvariant,
  describeReport,
  type CheckedClient,
  type CheckedStreamEntry,
  type InvariantReport,
} from '../lib/invariant-checker';
import { FeedClient } from './feed-client';
import { ServiceProcess } from './service-process';

const API_KEY = 'fault-suite-simulator-key';

/** The clients every scenario starts with: everything, two tickers, two form types. */
export const STANDARD_CLIENTS: ReadonlyArray<{
  name: string;
  filters?: Record<string, unknown>;
}> = [
  { name: 'all' },
  { name: 'tickers', filters: { tickers: ['JPM', 'GLDI'] } },
  { name: 'forms', filters: { formTypes: ['8-K', 'D'] } },
];
const STREAM_KEY = createRedisKeys('').stream;
/** The hash slot of every key of the feed (one hash tag), on a cluster. */
export const FEED_SLOT = hashSlot(STREAM_KEY);
const DAY = loadReplayDay();

export interface FaultStackOptions {
  /** Filings per second the upstream sends. */
  rate: number;
  /** Filings the upstream sends in all; then it goes quiet and the system can settle. */
  limit: number;
  /** Filings per frame. Default 1. */
  batchSize?: number;
  faults?: SimulatorFaults;
  /** Extra gateway variables (`GATEWAY_SEND_BUFFER_BYTES`...). */
  gatewayEnv?: Record<string, string>;
  /**
   * Runs on a private Redis Cluster with these options instead of one redis-server; the
   * services get every node in `REDIS_URL`.
   */
  cluster?: RedisClusterOptions;
}

/**
 * One scenario's world: a private redis-server (AOF on), the sec-api simulator in-process (so
 * the test knows exactly what the upstream sent and can inject faults), built ingest and
 * gateway processes, and WebSocket clients. {@link close} ends every one of them, whatever
 * state the test left them in.
 */
export class FaultStack {
  readonly ingests: ServiceProcess[] = [];
  readonly gateways: ServiceProcess[] = [];
  readonly clients: FeedClient[] = [];
  /** Every data frame the upstream sent, as sent (after live `filedAt` rewriting). */
  readonly frames: WireFiling[][] = [];
  private simulator?: Simulator;

  private constructor(
    private readonly redisStore:
      | { kind: 'server'; server: RedisProcess }
      | { kind: 'cluster'; cluster: RedisClusterProcess },
    private readonly options: FaultStackOptions,
  ) {}

  /** Starts the private Redis (or cluster); everything else is started by the scenario. */
  static async start(options: FaultStackOptions): Promise<FaultStack> {
    if (options.cluster) {
      const cluster = await createRedisCluster(options.cluster);
      return new FaultStack({ kind: 'cluster', cluster }, options);
    }
    const stack = new FaultStack(
      { kind: 'server', server: await createRedisProcess() },
      options,
    );
    try {
      await stack.redis.start();
    } catch (err) {
      await stack.redis.dispose();
      throw err;
    }
    return stack;
  }

  /** The private redis-server (a scenario without `cluster`). */
  get redis(): RedisProcess {
    if (this.redisStore.kind !== 'server')
      throw new Error('this scenario runs on a cluster');
    return this.redisStore.server;
  }

  /** The private Redis Cluster (a scenario with `cluster`). */
  get cluster(): RedisClusterProcess {
    if (this.redisStore.kind !== 'cluster')
      throw new Error('this scenario runs on one redis-server');
    return this.redisStore.cluster;
  }

  /** `REDIS_URL` of the services: the server, or every node of the cluster. */
  get redisUrl(): string {
    return this.redisStore.kind === 'server'
      ? this.redisStore.server.url
      : this.redisStore.cluster.nodeUrls.join(',');
  }

  /**
   * Starts `gateways` gateways, subscribes the {@link STANDARD_CLIENTS} to each, then the
   * upstream and `ingests` ingest replicas (the feed starts when the first one connects): every
   * client is owed every filing.
   */
  async launch(counts: { ingests: number; gateways: number }): Promise<void> {
    for (let i = 0; i < counts.gateways; i++) await this.startGateway();
    for (let i = 0; i < counts.gateways; i++) {
      for (const { name, filters } of STANDARD_CLIENTS) {
        const suffix = counts.gateways > 1 ? `@gw${i}` : '';
        await this.addClient(`${name}${suffix}`, filters, i);
      }
    }
    await this.startUpstream();
    await Promise.all(
      Array.from({ length: counts.ingests }, () => this.startIngest()),
    );
  }

  /** Resolves once the upstream has sent at least `count` filings. */
  async sentAtLeast(count: number, timeoutMs = 30_000): Promise<number> {
    await waitUntil(
      () => this.sim.stats().filingsSent >= count,
      `the upstream to send ${count} filings`,
      timeoutMs,
    );
    return this.sim.stats().filingsSent;
  }

  get sim(): Simulator {
    if (!this.simulator) throw new Error('startUpstream() first');
    return this.simulator;
  }

  /** The simulator; its feed starts when the first ingest connects. */
  async startUpstream(): Promise<Simulator> {
    this.simulator = await startSimulator({
      apiKey: API_KEY,
      rate: this.options.rate,
      limit: this.options.limit,
      batchSize: this.options.batchSize ?? 1,
      faults: this.options.faults,
      day: DAY,
      onFrame: (filings) => this.frames.push([...filings]),
    });
    return this.simulator;
  }

  /** One more ingest replica on the simulator's `sec-api` path; resolves once it listens. */
  async startIngest(): Promise<ServiceProcess> {
    const ingest = new ServiceProcess('ingest', {
      REDIS_URL: this.redisUrl,
      INGEST_SOURCE: 'sec-api',
      SEC_API_KEY: API_KEY,
      SEC_STREAM_URL: this.sim.url,
      SEC_QUERY_API_URL: this.sim.queryApiUrl,
      INGEST_PORT: '0',
      LOG_LEVEL: 'info',
    });
    this.ingests.push(ingest);
    await ingest.port();
    return ingest;
  }

  /** One more gateway (by default on a reserved port, see reservedPort); resolves once it listens. */
  async startGateway(port?: number): Promise<ServiceProcess> {
    port ??= await reservedPort();
    const gateway = new ServiceProcess('gateway', {
      REDIS_URL: this.redisUrl,
      GATEWAY_PORT: String(port),
      LOG_LEVEL: 'info',
      ...this.options.gatewayEnv,
    });
    this.gateways.push(gateway);
    await gateway.port();
    return gateway;
  }

  /** Kills gateway `index` with `signal` and starts a new one on the same port in its place. */
  async restartGateway(
    index: number,
    signal: NodeJS.Signals,
    beforeStart: () => Promise<void> = async () => undefined,
  ): Promise<number | string> {
    const old = this.gateways[index];
    const port = await old.port();
    const exit = await old.stop(signal);
    await beforeStart();
    await this.startGateway(port);
    this.gateways[index] = this.gateways.pop() as ServiceProcess;
    this.gateways.push(old); // kept for its logs; close() skips exited processes
    return exit;
  }

  async gatewayUrl(index = 0): Promise<string> {
    return `ws://127.0.0.1:${await this.gateways[index].port()}`;
  }

  /** A client of gateway `index`, subscribed (its first `subscribed` received). */
  async addClient(
    name: string,
    filters?: Record<string, unknown>,
    index = 0,
  ): Promise<FeedClient> {
    const client = new FeedClient(name, await this.gatewayUrl(index), filters);
    this.clients.push(client);
    await client.start();
    return client;
  }

  /** The valid filings the upstream sent, in order, each once. */
  sent(): string[] {
    return [...this.sim.sent()];
  }

  /** The filings sent, in order, with the fields filters read (for what a client is owed). */
  sentFilings(): Array<Pick<CheckedStreamEntry, 'accessionNo' | 'filing'>> {
    return this.frames.flat().map((f) => ({
      accessionNo: f.accessionNo,
      filing: {
        ticker: String(f['ticker'] ?? ''),
        cik: String(f['cik']),
        formType: String(f['formType']),
      },
    }));
  }

  /**
   * The filing entries of the whole Redis stream (XRANGE - +), with the fields filters read,
   * decoded by the stored format's owner; an entry it cannot decode fails the check.
   */
  async readStream(): Promise<CheckedStreamEntry[]> {
    const entries = await this.withRedis((redis) =>
      redis.xRange(STREAM_KEY, '-', '+'),
    );
    return entries.flatMap((entry) => {
      const decoded = decodeStreamEntry(entry.message);
      if (!decoded.ok)
        throw new Error(`stream entry ${entry.id}: ${decoded.error.message}`);
      if (decoded.value.kind !== 'filing') return [];
      const { accessionNo, filing } = decoded.value;
      return [
        {
          id: entry.id,
          accessionNo,
          filing: {
            ticker: filing.ticker ?? '',
            cik: filing.cik ?? '',
            formType: filing.formType ?? '',
          },
        },
      ];
    });
  }

  /**
   * A short-lived connection (to the master serving the feed, on a cluster): the private Redis
   * may be killed, or fail over, between two reads.
   */
  async withRedis<T>(use: (redis: RedisClientType) => Promise<T>): Promise<T> {
    const url =
      this.redisStore.kind === 'server'
        ? this.redisStore.server.url
        : await this.redisStore.cluster.masterOf(FEED_SLOT);
    // A master the scenario may kill: no CLIENT SETINFO, errors heard (test-kit).
    const redis = await connectRawRedis(url);
    try {
      return await use(redis);
    } finally {
      redis.destroy();
    }
  }

  /**
   * Waits until the upstream has sent all its filings, the stream holds at least as many
   * entries as `sent`, and no client still misses one (or `timeoutMs` passes: the report then
   * says what is wrong). Returns the invariant's report.
   */
  async settle(
    options: {
      /** What the stream must hold, in order. Default: every filing the upstream sent. */
      sent?: () => string[];
      /** The clients to check. Default: every client, everything since it joined. */
      clients?: () => CheckedClient[];
      streamOrder?: 'sent' | 'any';
      timeoutMs?: number;
    } = {},
  ): Promise<InvariantReport> {
    const sent = options.sent ?? (() => this.sent());
    const clients =
      options.clients ?? (() => this.clients.map((c) => c.record()));
    const check = async () =>
      checkInvariant({
        sent: sent(),
        stream: await this.readStream(),
        clients: clients(),
        streamOrder: options.streamOrder,
      });
    let report: InvariantReport | undefined;
    const settled = async () => {
      if (this.sim.stats().filingsSent < this.options.limit) return false;
      const length = await this.withRedis((redis) => redis.xLen(STREAM_KEY));
      if (length < sent().length) return false;
      report = await check();
      return [report.stream, ...Object.values(report.clients)].every(
        (findings) => findings.missing.length === 0,
      );
    };
    await waitUntil(
      settled,
      'the system to settle',
      options.timeoutMs ?? 30_000,
    ).catch(() => undefined);
    return report ?? check();
  }

  /** The report in words, with what the services logged at warn and above (for a failure). */
  explain(report: InvariantReport): string {
    if (report.ok) return describeReport(report);
    const logs = [...this.ingests, ...this.gateways].flatMap((s) =>
      s.logs
        .filter((l) => ['warn', 'error', 'fatal'].includes(String(l['level'])))
        .slice(-10)
        .map((l) => `  ${s.name}: ${JSON.stringify(l)}`),
    );
    return `${describeReport(report)}\n${logs.join('\n')}`;
  }

  /**
   * Kills the private Redis (SIGKILL) and brings up an empty one on the same port: its data
   * directory (the AOF) is deleted in between, as when a host is replaced.
   */
  async replaceRedisEmpty(whileDown: () => Promise<void>): Promise<void> {
    await this.redis.kill();
    this.redis.wipe();
    await whileDown();
    await this.redis.start();
  }

  /** Ends every client, the simulator, every service and the private Redis. */
  async close(): Promise<void> {
    for (const client of this.clients) client.stop();
    const steps: Array<() => Promise<unknown>> = [
      ...[...this.ingests, ...this.gateways].map(
        (service) => () => service.stop('SIGKILL'),
      ),
      async () => this.simulator?.close(),
      () =>
        this.redisStore.kind === 'server'
          ? this.redisStore.server.dispose()
          : this.redisStore.cluster.stop(),
    ];
    for (const step of steps) await step().catch(() => undefined);
  }
}

/**
 * For a spec: returns `start(options, counts)`, which starts a {@link FaultStack} and
 * {@link FaultStack.launch}es it; the stack is closed after each test, passed or failed (also
 * when the launch itself failed half-way).
 */
export function useFaultStack(): (
  options: FaultStackOptions,
  counts?: { ingests: number; gateways: number },
) => Promise<FaultStack> {
  let stack: FaultStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });
  return async (options, counts = { ingests: 1, gateways: 1 }) => {
    stack = await FaultStack.start(options);
    await stack.launch(counts);
    return stack;
  };
}
