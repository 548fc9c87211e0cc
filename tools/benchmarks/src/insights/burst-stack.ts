import {
  startSimulator,
  type Simulator,
  type WireFiling,
} from '@secfeed/sec-api-simulator';
import {
  builtServiceMain,
  startServiceProcess,
  waitUntil,
  type ServiceProcess,
} from '@secfeed/test-kit';
import { performance } from 'node:perf_hooks';
import type { CleanupStack } from '../lib/cleanup-stack';

const API_KEY = 'bench-insights-key';

/** What the services of one scenario share. */
export interface StackContext {
  readonly root: string;
  readonly redisUrl: string;
  /** The Redis key prefix of this scenario (under the run's prefix). */
  readonly prefix: string;
  readonly cleanup: CleanupStack;
  /** Stop steps of this scenario, run newest first at its end. */
  readonly stops: Array<() => Promise<void>>;
}

/** `User-Agent` of replica `replica`, so that the stand-in tells the replicas apart. */
export const replicaUserAgent = (replica: number): string =>
  `Secfeed Bench replica-${replica} bench@secfeed.example`;

function service(
  context: StackContext,
  app: 'gateway' | 'ingest',
  env: NodeJS.ProcessEnv,
): ServiceProcess {
  const child = startServiceProcess({
    main: builtServiceMain(app),
    env: {
      REDIS_URL: context.redisUrl,
      SECFEED_KEY_PREFIX: context.prefix,
      ...env,
    },
    cwd: context.root,
  });
  context.stops.push(
    context.cleanup.push(`stop ${app} ${child.pid}`, async () => {
      await child.stop({ graceMs: 8_000 });
    }),
  );
  return child;
}

/** The BUILT gateway on port 0; resolves with its port once it is ready (`/readyz` 200). */
export async function startGateway(context: StackContext): Promise<number> {
  const gateway = service(context, 'gateway', {
    GATEWAY_PORT: '0',
    LOG_LEVEL: 'info',
  });
  const port = Number((await gateway.waitForLog('Gateway listening'))['port']);
  // Until Redis has answered once, the gateway refuses upgrades with 503.
  await waitUntil(
    async () =>
      (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))
        ?.status === 200,
    'the gateway to be ready',
    20_000,
  );
  return port;
}

/** A simulator replaying `day` from now (not waiting for a client), noting its burst frame. */
export async function startUpstream(
  context: StackContext,
  day: WireFiling[],
  onBurst: (atPerfMs: number, connections: number) => void,
): Promise<Simulator> {
  const simulator: Simulator = await startSimulator({
    apiKey: API_KEY,
    speed: 1,
    batchSize: day.length,
    limit: day.length,
    waitForClient: false,
    onFrame: (filings) => {
      if (filings.some((f) => f['formType'] === '4'))
        onBurst(performance.now(), simulator.stats().connections);
    },
    day,
  });
  context.stops.push(
    context.cleanup.push('close simulator', () => simulator.close()),
  );
  return simulator;
}

/** One BUILT ingest replica on `upstream`, reading EDGAR's archive at `archivesUrl`. */
export function startIngestReplica(
  context: StackContext,
  replica: number,
  upstream: Simulator,
  archivesUrl: string,
  requestsPerSecond: number | undefined,
): ServiceProcess {
  return service(context, 'ingest', {
    INGEST_SOURCE: 'sec-api',
    SEC_API_KEY: API_KEY,
    SEC_STREAM_URL: upstream.url,
    SEC_QUERY_API_URL: upstream.queryApiUrl,
    INGEST_PORT: '0',
    LOG_LEVEL: 'warn',
    SEC_USER_AGENT: replicaUserAgent(replica),
    EDGAR_ARCHIVES_URL: archivesUrl,
    INSIGHTS_ENABLED: 'true',
    // Unset: the shipped default (8 a second).
    ...(requestsPerSecond === undefined
      ? {}
      : { EDGAR_REQUESTS_PER_SECOND: String(requestsPerSecond) }),
  });
}
