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
 * Run: `npm run bench:dashboard` (builds the gateway and the dashboard first). REDIS_URL
 * overrides the Redis (default redis://127.0.0.1:6379); BENCH_DASHBOARD_PROFILE=<file> records
 * a V8 CPU profile of the page during the live phase (CDP) and prints its hottest functions.
 * Prints figures, then exactly one JSON line as the last line. Every key of the run is deleted
 * at the end; the browser and the gateway are stopped, on failure and on Ctrl-C too.
 */
import { FilingPublisher } from '@secfeed/dedup';
import { createRedisKeys } from '@secfeed/redis-keys';
import { CHROMIUM, CHROMIUM_ARGS, uniqueKeyPrefix } from '@secfeed/test-kit';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { initialBundle } from './dashboard-bundle';
import { publishLive, seedFilings } from './dashboard-filings';
import { startGateway } from './dashboard-gateway';
import {
  INSTRUMENTATION_SCRIPT,
  loadRows,
  loafCauses,
  observersSupported,
  pageNow,
  readWindow,
  rowCount,
  scrollListTo,
  topAccessions,
  type FrameSummary,
  type WindowMetrics,
} from './dashboard-page';
import {
  PageProfiler,
  RendererCounters,
  type ProfileSummary,
} from './dashboard-profile';
import { fmt, intEnv, round, verdict } from './lib/report-format';
import { runBenchmark, startBenchRun } from './lib/bench-run';

const ROOT = resolve(__dirname, '../../..');

const TARGETS = {
  /** No long task (main thread busy > 50 ms) during the live phase. */
  longTaskMs: 50,
  /** 60 fps: a frame every 16.7 ms. */
  frameMs: 1000 / 60,
  /** Initial JavaScript, compressed. */
  initialJsCompressedBytes: 300_000,
};

const kb = (bytes: number): string => `${fmt(bytes / 1000, 1)} kB`;
const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** `uptime` as printed, and its 1-minute load average (the machine is shared). */
function uptime(): { text: string; load1: number } {
  try {
    const text = execFileSync('uptime', { encoding: 'utf8' }).trim();
    const load = /load average:\s*([\d.]+)/.exec(text)?.[1];
    return { text, load1: Number(load ?? Number.NaN) };
  } catch {
    return { text: 'uptime unavailable', load1: Number.NaN };
  }
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? 'Linux';
  } catch {
    return process.platform;
  }
}

const frameLine = (frames: FrameSummary): string =>
  `${fmt(frames.count)} frames (${fmt(frames.fps, 1)} fps): p50 ${fmt(frames.p50, 1)} / p95 ${fmt(frames.p95, 1)} / ` +
  `p99 ${fmt(frames.p99, 1)} / max ${fmt(frames.max, 1)} ms; over 16.7 ms ${fmt(frames.over16, 1)} %, over 33 ms ${fmt(frames.over33, 1)} %`;

const frameJson = (frames: FrameSummary) => ({
  count: frames.count,
  fps: round(frames.fps, 1),
  p50: round(frames.p50, 1),
  p95: round(frames.p95, 1),
  p99: round(frames.p99, 1),
  max: round(frames.max, 1),
  over16: round(frames.over16, 1),
  over33: round(frames.over33, 1),
});

async function openDashboard(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  await page.addInitScript({ content: INSTRUMENTATION_SCRIPT });
  await page.goto(url, { waitUntil: 'load' });
  await page
    .locator('[data-testid="connection-status"][data-status="live"]')
    .waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () =>
      Number(
        (
          document.querySelector('[data-testid="row-count"]')?.textContent ?? ''
        ).replace(/[^\d]/g, ''),
      ) > 0,
    undefined,
    { timeout: 20_000 },
  );
  return page;
}

async function main(): Promise<number> {
  const targetRows = intEnv('BENCH_ROWS', 10_000);
  const liveRate = intEnv('BENCH_LIVE_RATE', 50);
  const liveSeconds = intEnv('BENCH_LIVE_SECONDS', 30);
  const profileFile = process.env['BENCH_DASHBOARD_PROFILE'];
  const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
  const keyPrefix = uniqueKeyPrefix('bench-dashboard');
  const browserDir = join(ROOT, 'dist/apps/filings-feed/browser');
  const startedAt = Date.now();
  const log = (line: string) => console.log(line);

  const { cleanup, redis } = await startBenchRun(redisUrl, keyPrefix, log);
  try {
    const loadStart = uptime();
    const machine = {
      cores: availableParallelism(),
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      os: osName(),
      node: process.version,
    };
    log(
      `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
    );
    log(
      `uptime: ${loadStart.text} (the machine is shared: load skews frame times)`,
    );
    log(`Key prefix of this run: ${keyPrefix}*`);

    // 1. Initial JavaScript of the build output.
    const bundle = initialBundle(
      browserDir,
      join(ROOT, 'apps/filings-feed/project.json'),
    );
    const initialRawBytes = bundle.jsRawBytes + bundle.cssRawBytes;
    log(
      `\n[1/4] Initial JS (${bundle.js.map((f) => f.file).join(', ')}): ${kb(bundle.jsRawBytes)} raw, ` +
        `${kb(bundle.jsGzipBytes)} gzip -9, ${kb(bundle.jsBrotliBytes)} brotli`,
    );

    // 2. Seed.
    const publisher = new FilingPublisher(redis, {
      keys: createRedisKeys(keyPrefix),
    });
    const seedStarted = performance.now();
    const newestSeedMs = Date.now() - 60_000;
    const spacingMs = 15_000; // 10,000 filings over ~42 hours
    const seeded = await seedFilings(
      publisher,
      targetRows,
      newestSeedMs,
      spacingMs,
    );
    log(
      `[2/4] Seeded ${fmt(seeded.published)} filings (${seeded.duplicates} duplicates) in ` +
        `${fmt(performance.now() - seedStarted)} ms, filedAt from ${new Date(newestSeedMs - (targetRows - 1) * spacingMs).toISOString()} ` +
        `to ${new Date(newestSeedMs).toISOString()}`,
    );

    // 3. Gateway, browser, load the rows.
    const gateway = await startGateway({
      main: join(ROOT, 'dist/apps/gateway/main.js'),
      cwd: ROOT,
      redisUrl,
      keyPrefix,
      staticDir: browserDir,
      onSpawn: ({ pid, kill }) => {
        cleanup.push(`kill gateway ${pid}`, kill);
      },
    });
    cleanup.push('stop gateway', () => gateway.stop());
    const url = `http://127.0.0.1:${gateway.port}/`;
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
    cleanup.push('close browser', () => browser.close());
    const chromiumVersion = browser.version();
    log(
      `[3/4] Gateway pid ${gateway.pid} on ${url}; Chromium ${chromiumVersion}; loading ${fmt(targetRows)} rows`,
    );
    const pageErrors: string[] = [];
    const page = await openDashboard(browser, url);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const support = await observersSupported(page);
    if (!support.longTask)
      throw new Error('this Chromium has no longtask PerformanceObserver');

    const loadFrom = await pageNow(page);
    const load = await loadRows(page, targetRows, 90_000, (rows, ms) =>
      log(`  ${fmt(rows)} rows after ${fmt(ms / 1000, 1)} s`),
    );
    const loadTo = await pageNow(page);
    const loadMetrics = await readWindow(page, [[loadFrom, loadTo]]);
    log(
      `  ${fmt(load.rows)} rows in ${fmt(load.ms / 1000, 1)} s (${load.growths} older pages, stopped: ${load.reason})`,
    );

    // 4. Live filings, from the top of the list (where a reader watches them arrive).
    await scrollListTo(page, 0);
    await sleep(1500);
    const box = await page.locator('[data-testid="filing-list"]').boundingBox();
    if (box)
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const rowsBefore = await rowCount(page);
    const counters = await RendererCounters.attach(page);
    const profiler = profileFile ? await PageProfiler.start(page) : null;
    log(
      `[4/4] Live: ${liveRate} filings/s for ${liveSeconds} s onto ${fmt(rowsBefore)} rows` +
        `${profiler ? ' (CPU profile recording)' : ''}; wheel-scrolling from ${fmt(liveSeconds / 3)} s to ${fmt((2 * liveSeconds) / 3)} s`,
    );
    const liveFrom = await pageNow(page);
    const countersFrom = await counters.read();
    const scrollFromS = liveSeconds / 3;
    const scrollToS = (2 * liveSeconds) / 3;
    const marks = { scrollFrom: 0, scrollTo: 0 };
    const scrolling = (async () => {
      await sleep(scrollFromS * 1000);
      marks.scrollFrom = await pageNow(page);
      const until = performance.now() + (scrollToS - scrollFromS) * 1000;
      let wheels = 0;
      while (performance.now() < until) {
        await page.mouse.wheel(0, 40); // 40 px every 50 ms: ~800 px/s, 14 rows/s
        wheels += 1;
        await sleep(50);
      }
      marks.scrollTo = await pageNow(page);
      return wheels;
    })();
    const live = await publishLive(
      publisher,
      liveRate,
      liveSeconds,
      targetRows + 1,
    );
    const wheels = await scrolling;
    const liveTo = await pageNow(page);
    const work = RendererCounters.difference(
      countersFrom,
      await counters.read(),
    );
    const liveSpanMs = liveTo - liveFrom;
    const busy = (ms: number) => (100 * ms) / liveSpanMs;
    const profile: ProfileSummary | null = profiler
      ? await profiler.stop(resolve(profileFile as string))
      : null;

    // Did they arrive? Row count, then the newest rows at the top of the list.
    const expected = rowsBefore + live.published;
    const deliveryDeadline = performance.now() + 10_000;
    let rowsAfter = await rowCount(page);
    while (rowsAfter < expected && performance.now() < deliveryDeadline) {
      await sleep(200);
      rowsAfter = await rowCount(page);
    }
    await scrollListTo(page, 0);
    await sleep(500);
    const top = await topAccessions(page, 5);
    const newest = live.accessionNos.slice(-5).reverse();
    const newestOnTop = newest.every((accession, i) => top[i] === accession);
    const delivered = rowsAfter - rowsBefore;
    const deliveredOk = delivered === live.published && newestOnTop;

    const whole = await readWindow(page, [[liveFrom, liveTo]]);
    const scrollWindow = await readWindow(page, [
      [marks.scrollFrom, marks.scrollTo],
    ]);
    const calm = await readWindow(page, [
      [liveFrom, marks.scrollFrom],
      [marks.scrollTo, liveTo],
    ]);
    const loadEnd = uptime();

    const longTasksMet = whole.longTasks.max <= TARGETS.longTaskMs;
    const framesMet =
      whole.frames.over16 < 1 && whole.frames.p99 <= TARGETS.frameMs + 1;
    const jsMet = bundle.jsGzipBytes <= TARGETS.initialJsCompressedBytes;
    const budgetMet =
      bundle.budget === null || initialRawBytes <= bundle.budget.warningBytes;

    const windowLines = (label: string, metrics: WindowMetrics) => [
      `  ${label}: ${frameLine(metrics.frames)}`,
      `    long tasks: ${metrics.longTasks.count} (max ${fmt(metrics.longTasks.max)} ms, ${fmt(metrics.longTasks.totalMs)} ms in all)`,
    ];
    const causes = loafCauses(whole.loafs).slice(0, 5);
    const lines = [
      '',
      '=== Dashboard benchmark ===',
      `Chromium ${chromiumVersion} (headless, 1280x800), gateway LOG_LEVEL=info on port ${gateway.port}; ${machine.cores} cores, load average ${loadStart.load1} at start, ${loadEnd.load1} at end`,
      `Initial JS (${bundle.js.map((f) => f.file).join(', ')}): ${kb(bundle.jsRawBytes)} raw, ${kb(bundle.jsGzipBytes)} gzip -9, ${kb(bundle.jsBrotliBytes)} brotli`,
      `  target <= ${kb(TARGETS.initialJsCompressedBytes)} compressed: ${verdict(jsMet)} (${fmt((100 * bundle.jsGzipBytes) / TARGETS.initialJsCompressedBytes)} % of it)`,
      bundle.budget
        ? `  Angular initial budget (JS ${kb(bundle.jsRawBytes)} + CSS ${kb(bundle.cssRawBytes)} = ${kb(initialRawBytes)} raw): warning ${kb(bundle.budget.warningBytes)}, error ${kb(bundle.budget.errorBytes)}: ${budgetMet ? 'within' : 'OVER'}`
        : '  no Angular initial budget found',
      `Loading history: ${fmt(load.rows)} rows in ${fmt(load.ms / 1000, 1)} s by scrolling to the end (${load.growths} older pages of 100; ${load.reason})`,
      ...windowLines('during loading', loadMetrics),
      `Live: ${fmt(live.published)} filings published at ${liveRate}/s over ${liveSeconds} s (pacing lag max ${fmt(live.maxLagMs)} ms), ${wheels} wheel steps of 40 px`,
      `  arrived: rows ${fmt(rowsBefore)} -> ${fmt(rowsAfter)} (+${fmt(delivered)} of ${fmt(live.published)}); newest 5 published on top: ${newestOnTop ? 'yes' : `NO (top ${top.join(', ')})`}`,
      `  renderer main thread CPU time (CDP Performance.getMetrics, thread ticks): ${fmt(busy(work.taskMs))} % of the window ` +
        `(script ${fmt(busy(work.scriptMs))} %, style ${fmt(busy(work.styleMs))} %, layout ${fmt(busy(work.layoutMs))} %); ` +
        `${fmt(work.layouts)} layouts, ${fmt(work.styleRecalcs)} style recalcs (${fmt(work.layouts / (liveSpanMs / 1000), 1)} layouts/s)`,
      ...windowLines('whole live window', whole),
      ...windowLines('  while scrolling', scrollWindow),
      ...windowLines('  not scrolling', calm),
      `  target no long task over ${TARGETS.longTaskMs} ms: ${verdict(longTasksMet)}` +
        (longTasksMet
          ? ''
          : ` (${whole.longTasks.count} long tasks, longest ${fmt(whole.longTasks.max)} ms: ${whole.longTasks.longest
              .slice(0, 8)
              .map((d) => fmt(d))
              .join(', ')} ms)`),
      `  target 60 fps (frames within 16.7 ms): ${verdict(framesMet)} (p99 ${fmt(whole.frames.p99, 1)} ms, ${fmt(whole.frames.over16, 1)} % of frames late)`,
    ];
    if (causes.length > 0) {
      lines.push(
        '  long animation frames (> 50 ms) by their longest script:',
        ...causes.map(
          (cause) =>
            `    ${cause.invoker}: ${cause.frames} frames, ${fmt(cause.totalMs)} ms, max ${fmt(cause.maxMs)} ms`,
        ),
      );
    }
    if (profile) {
      lines.push(
        `CPU profile of the live window written to ${profile.file} (main thread busy ${fmt(profile.busyPercent)} % of ${fmt(profile.totalMs / 1000, 1)} s); hottest self time:`,
        ...profile.hot.map(
          (hot) =>
            `    ${fmt(hot.selfMs)} ms (${fmt(hot.selfPercent, 1)} %) ${hot.where}`,
        ),
      );
    }
    if (pageErrors.length > 0)
      lines.push(
        `Page errors (${pageErrors.length}): ${pageErrors.slice(-3).join(' | ')}`,
      );
    const gatewayWarnings = gateway.warnings();
    if (gatewayWarnings.length > 0)
      lines.push(
        `Gateway warnings (${gatewayWarnings.length}): ${gatewayWarnings.slice(-3).join(' | ')}`,
      );
    lines.push(`Total time ${fmt((Date.now() - startedAt) / 1000, 1)} s`);
    for (const line of lines) log(line);

    const summary = {
      benchmark: 'dashboard',
      at: new Date(startedAt).toISOString(),
      machine: { ...machine, chromium: chromiumVersion },
      loadAverage: { start: loadStart.load1, end: loadEnd.load1 },
      uptime: loadEnd.text,
      rows: {
        target: targetRows,
        loaded: load.rows,
        loadMs: Math.round(load.ms),
        pages: load.growths,
        stopped: load.reason,
        before: rowsBefore,
        after: rowsAfter,
      },
      live: {
        rate: liveRate,
        seconds: liveSeconds,
        published: live.published,
        delivered,
        newestOnTop,
        ok: deliveredOk,
      },
      mainThread: {
        busyPercent: round(busy(work.taskMs), 1),
        scriptPercent: round(busy(work.scriptMs), 1),
        stylePercent: round(busy(work.styleMs), 1),
        layoutPercent: round(busy(work.layoutMs), 1),
        layoutsPerSecond: round(work.layouts / (liveSpanMs / 1000), 1),
      },
      longTasks: {
        count: whole.longTasks.count,
        max: round(whole.longTasks.max, 1),
        totalMs: round(whole.longTasks.totalMs, 0),
        whileScrolling: scrollWindow.longTasks.count,
        duringLoad: {
          count: loadMetrics.longTasks.count,
          max: round(loadMetrics.longTasks.max, 1),
        },
        targetMs: TARGETS.longTaskMs,
        met: longTasksMet,
      },
      frames: {
        ...frameJson(whole.frames),
        scrolling: frameJson(scrollWindow.frames),
        notScrolling: frameJson(calm.frames),
        met: framesMet,
      },
      initialJs: {
        files: bundle.js.map((f) => f.file),
        raw: bundle.jsRawBytes,
        gzip: bundle.jsGzipBytes,
        brotli: bundle.jsBrotliBytes,
        targetCompressed: TARGETS.initialJsCompressedBytes,
        met: jsMet,
        initialRawWithCss: initialRawBytes,
        budget: bundle.budget,
        withinBudget: budgetMet,
      },
      pageErrors: pageErrors.length,
      durationS: round((Date.now() - startedAt) / 1000),
    };
    await cleanup.runAll();
    console.log(JSON.stringify(summary));
    return load.rows >= targetRows && deliveredOk ? 0 : 1;
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('dashboard', main);
