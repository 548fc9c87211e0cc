/**
 * The dashboard benchmark (docs/benchmarks.md, "Dashboard"): the BUILT dashboard
 * (dist/apps/filings-feed/browser) served by the BUILT gateway (`node dist/apps/gateway/main.js`,
 * a child process) on the local Redis, in Debian's Chromium driven by playwright-core.
 *
 *   1. initial JavaScript: the files index.html loads, raw, gzip -9 and brotli, against the
 *      300 KB compressed target and the Angular `initial` budget of apps/filings-feed.
 *   2. seed: BENCH_ROWS filings (default 10,000) with filedAt over the last ~2 days, published
 *      through FilingPublisher (pipelined publishBatch, 500 a batch) under a key prefix of
 *      this run.
 *   3. load: the dashboard opens; its virtual list (data-testid="filing-list") is scrolled to the
 *      bottom again and again (the app then loads the next older page) until the row count
 *      shows BENCH_ROWS or history ends; the time it took.
 *   4. live: BENCH_LIVE_RATE filings/s (default 50) for BENCH_LIVE_SECONDS (default 30)
 *      published through FilingPublisher, while the page records long tasks
 *      (PerformanceObserver 'longtask', buffered, installed by addInitScript) and frame times
 *      (requestAnimationFrame deltas); the list is scrolled gently (mouse wheel) during the
 *      middle third. Then: did every live filing arrive (row count, newest rows)?
 *
 * Each phase is a `dashboard-*-phase.ts` beside this file; `dashboard-report.ts` and
 * `dashboard-summary.ts` print the figures.
 *
 * Run: `npm run bench:dashboard` (builds the gateway and the dashboard first). REDIS_URL
 * overrides the Redis (default redis://127.0.0.1:6379); BENCH_DASHBOARD_PROFILE=<file> records
 * a V8 CPU profile of the page during the live phase (CDP) and prints its hottest functions.
 * Prints figures, then exactly one JSON line as the last line. Every key of the run is deleted
 * at the end; the browser and the gateway are stopped, on failure and on Ctrl-C too.
 */
import { FilingPublisher } from '@secfeed/dedup';
import { createRedisKeys } from '@secfeed/redis-keys';
import { join, resolve } from 'node:path';
import { openDashboardSession } from './dashboard-browser';
import { initialBundle, type InitialBundle } from './dashboard-bundle';
import { checkDelivery } from './dashboard-delivery';
import { livePhase } from './dashboard-live-phase';
import { readLiveWindows } from './dashboard-live-windows';
import { loadPhase } from './dashboard-load-phase';
import {
  dashboardMachine,
  uptime,
  type DashboardMachine,
  type Uptime,
} from './dashboard-machine';
import { dashboardReportLines, kb } from './dashboard-report';
import type { DashboardRun } from './dashboard-run';
import { seedPhase } from './dashboard-seed-phase';
import {
  readDashboardSettings,
  type DashboardSettings,
} from './dashboard-settings';
import { dashboardSummary } from './dashboard-summary';
import { dashboardVerdicts } from './dashboard-verdicts';
import { runBenchmark, startBenchRun } from './lib/bench-run';

const ROOT = resolve(__dirname, '../../..');

function printMachine(
  machine: DashboardMachine,
  loadStart: Uptime,
  keyPrefix: string,
  log: (line: string) => void,
): void {
  log(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
  );
  log(
    `uptime: ${loadStart.text} (the machine is shared: load skews frame times)`,
  );
  log(`Key prefix of this run: ${keyPrefix}*`);
}

/** Phase 1: the initial JavaScript of the build output. */
function initialJsPhase(
  settings: DashboardSettings,
  log: (line: string) => void,
): InitialBundle {
  const bundle = initialBundle(
    settings.browserDir,
    join(settings.root, 'apps/filings-feed/project.json'),
  );
  log(
    `\n[1/4] Initial JS (${bundle.js.map((f) => f.file).join(', ')}): ${kb(bundle.jsRawBytes)} raw, ` +
      `${kb(bundle.jsGzipBytes)} gzip -9, ${kb(bundle.jsBrotliBytes)} brotli`,
  );
  return bundle;
}

async function main(): Promise<number> {
  const settings = readDashboardSettings(ROOT);
  const { targetRows, redisUrl, keyPrefix } = settings;
  const startedAt = Date.now();
  const log = (line: string) => console.log(line);

  const { cleanup, redis } = await startBenchRun(redisUrl, keyPrefix, log);
  try {
    const loadStart = uptime();
    const machine = dashboardMachine();
    printMachine(machine, loadStart, keyPrefix, log);
    const bundle = initialJsPhase(settings, log);
    const publisher = new FilingPublisher(redis, {
      keys: createRedisKeys(keyPrefix),
    });
    await seedPhase(publisher, targetRows, log);
    const session = await openDashboardSession(settings, cleanup, log);
    const loading = await loadPhase(session.page, targetRows, log);
    const live = await livePhase(session.page, publisher, settings, log);
    const delivery = await checkDelivery(
      session.page,
      live.rowsBefore,
      live.live,
    );
    const windows = await readLiveWindows(session.page, live);
    const run: DashboardRun = {
      settings,
      machine,
      startedAt,
      loadStart,
      loadEnd: uptime(),
      bundle,
      session,
      loading,
      live,
      delivery,
      windows,
      verdicts: dashboardVerdicts(bundle, windows.whole),
    };
    dashboardReportLines(run).forEach(log);
    const summary = dashboardSummary(run);
    await cleanup.runAll();
    console.log(JSON.stringify(summary));
    return loading.load.rows >= targetRows && delivery.ok ? 0 : 1;
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('dashboard', main);
