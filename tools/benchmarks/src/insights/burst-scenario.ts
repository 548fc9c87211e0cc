import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ServiceProcess } from '@secfeed/test-kit';
import type { WireFiling } from '@secfeed/sec-api-simulator';
import type { CleanupStack } from '../lib/cleanup-stack';
import { summarize, type LatencySummary } from '../lib/percentiles';
import type { ArrivalSummary } from './arrival-log';
import { burstAccessions, replicaDay } from './burst-filings';
import {
  replicaUserAgent,
  startGateway,
  startIngestReplica,
  startUpstream,
  type StackContext,
} from './burst-stack';
import { startEdgarStandIn, type StandInRequest } from './edgar-stand-in';
import { connectFeedClient, type FeedClient } from './feed-client';
import { requestRate, type RequestRate } from './request-rate';

/** Knobs shared by every scenario (`insights-settings.ts`). */
export interface BurstSettings {
  readonly root: string;
  readonly redisUrl: string;
  readonly filings: number;
  /** `EDGAR_REQUESTS_PER_SECOND` given to ingest; undefined leaves ingest's default. */
  readonly requestsPerSecond: number | undefined;
  /** The budget the figures are checked against (the default's 8 when not given). */
  readonly budget: number;
  readonly archiveDelayMs: number;
  readonly leadMs: number;
  /** After the last insights, how long the client keeps listening for repeats. */
  readonly graceMs: number;
}

export interface BurstResult {
  readonly label: string;
  readonly replicas: number;
  readonly arrivals: ArrivalSummary;
  readonly lag: LatencySummary;
  readonly rate: RequestRate;
  readonly requestsByReplica: readonly number[];
  readonly notFound: number;
  /** Replicas connected to their upstream when it sent the burst (each should be 1). */
  readonly connectedAtBurst: readonly number[];
  /**
   * The longest event-loop stall of this process (stand-in, client, simulators) during the
   * scenario, ms: requests arriving in a stall are stamped together, bunched.
   */
  readonly benchLoopDelayMaxMs: number;
}

/** What a scenario is given besides the settings. */
export interface BurstRun {
  readonly prefix: string;
  readonly cleanup: CleanupStack;
  /** The full submission the stand-in serves. */
  readonly document: string;
  /** The replayed day's first filing: the wire shape the burst's filings copy. */
  readonly template: WireFiling;
  log(line: string): void;
}

/**
 * One burst: `settings.filings` Form 4s at once, split over `replicas` ingest replicas (one
 * upstream each, one Redis prefix), their insights read from the EDGAR stand-in under the one
 * shared budget, received by one client of the gateway. Everything is stopped at the end.
 */
export async function runBurst(
  label: string,
  replicas: number,
  settings: BurstSettings,
  run: BurstRun,
): Promise<BurstResult> {
  const context: StackContext = {
    root: settings.root,
    redisUrl: settings.redisUrl,
    prefix: run.prefix,
    cleanup: run.cleanup,
    stops: [],
  };
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  try {
    const archive = await startEdgarStandIn(
      run.document,
      settings.archiveDelayMs,
    );
    context.stops.push(
      run.cleanup.push('close stand-in', () => archive.close()),
    );
    const client = await connectFeedClient(await startGateway(context));
    context.stops.push(run.cleanup.push('close client', () => client.close()));
    const accessions = burstAccessions(settings.filings);
    const { ingests, connectedAtBurst } = await startReplicas(
      context,
      { replicas, accessions, archiveUrl: archive.url },
      settings,
      run.template,
    );
    run.log(
      `${label}: ${replicas} ingest replica(s) started; burst of ${settings.filings} in ${settings.leadMs} ms`,
    );
    await waitForInsights(client, accessions, ingests, settings, run.log);
    const arrivals = client.arrivals.summary(accessions);
    return {
      label,
      replicas,
      arrivals,
      lag: summarize(arrivals.lagsMs),
      rate: requestRate(archive.requests.map((r) => r.atMs)),
      requestsByReplica: requestsByReplica(archive.requests, replicas),
      notFound: archive.requests.filter((r) => r.status !== 200).length,
      connectedAtBurst,
      benchLoopDelayMaxMs: loopDelay.max / 1e6,
    };
  } finally {
    loopDelay.disable();
    for (const stop of context.stops.reverse()) await stop();
  }
}

/** One upstream and one ingest replica per share of the burst. */
async function startReplicas(
  context: StackContext,
  burst: { replicas: number; accessions: string[]; archiveUrl: string },
  settings: BurstSettings,
  template: WireFiling,
): Promise<{ ingests: ServiceProcess[]; connectedAtBurst: number[] }> {
  const { replicas, accessions } = burst;
  const connectedAtBurst: number[] = [];
  const ingests: ServiceProcess[] = [];
  for (let r = 0; r < replicas; r++) {
    const day = replicaDay(template, accessions, r, replicas, settings.leadMs);
    const upstream = await startUpstream(context, day, (_, connections) =>
      connectedAtBurst.push(connections),
    );
    ingests.push(
      startIngestReplica(
        context,
        r,
        upstream,
        burst.archiveUrl,
        settings.requestsPerSecond,
      ),
    );
  }
  return { ingests, connectedAtBurst };
}

/** Documents served to each replica, told apart by their `User-Agent`. */
function requestsByReplica(
  requests: readonly StandInRequest[],
  replicas: number,
): number[] {
  return Array.from(
    { length: replicas },
    (_, r) =>
      requests.filter(
        (q) => q.status === 200 && q.userAgent === replicaUserAgent(r),
      ).length,
  );
}

/** Until every insights arrived (then `graceMs` more), a replica exited, or the deadline. */
async function waitForInsights(
  client: FeedClient,
  accessions: readonly string[],
  ingests: readonly ServiceProcess[],
  settings: BurstSettings,
  log: (line: string) => void,
): Promise<void> {
  const deadline =
    Date.now() +
    settings.leadMs +
    60_000 +
    (accessions.length * 2000) / settings.budget;
  let reported = Date.now();
  while (client.arrivals.insightsOf(accessions) < accessions.length) {
    const dead = ingests.find((i) => !i.running);
    if (dead) throw new Error(`ingest ${dead.pid} exited: ${dead.stderr}`);
    if (Date.now() > deadline) {
      log(
        `deadline passed with ${client.arrivals.insightsOf(accessions)} insights`,
      );
      return;
    }
    if (Date.now() - reported >= 10_000) {
      reported = Date.now();
      log(
        `  ${client.arrivals.insightsOf(accessions)} of ${accessions.length} insights so far`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, settings.graceMs));
}
