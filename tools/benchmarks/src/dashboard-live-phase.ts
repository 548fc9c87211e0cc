import type { FilingPublisher } from '@secfeed/dedup';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { publishLive, type LiveRun } from './dashboard-filings';
import { pageNow, rowCount, scrollListTo } from './dashboard-page';
import {
  PageProfiler,
  RendererCounters,
  type ProfileSummary,
  type RendererTimes,
} from './dashboard-profile';
import type { DashboardSettings } from './dashboard-settings';
import { fmt } from './lib/report-format';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Page clock (`performance.now()` of the page) where the wheel scrolling began and ended. */
export interface ScrollMarks {
  scrollFrom: number;
  scrollTo: number;
}

/** What the live phase did and what the renderer spent on it. */
export interface LivePhase {
  rowsBefore: number;
  live: LiveRun;
  /** Wheel steps of 40 px. */
  wheels: number;
  /** Page clock at the start and the end of the live window. */
  liveFrom: number;
  liveTo: number;
  marks: ScrollMarks;
  /** Renderer main-thread work over the window (CDP counters). */
  work: RendererTimes;
  profile: ProfileSummary | null;
}

/** 40 px every 50 ms (~800 px/s, 14 rows/s) from `fromS` to `toS` seconds of the window. */
async function wheelScroll(
  page: Page,
  fromS: number,
  toS: number,
  marks: ScrollMarks,
): Promise<number> {
  await sleep(fromS * 1000);
  marks.scrollFrom = await pageNow(page);
  const until = performance.now() + (toS - fromS) * 1000;
  let wheels = 0;
  while (performance.now() < until) {
    await page.mouse.wheel(0, 40);
    wheels += 1;
    await sleep(50);
  }
  marks.scrollTo = await pageNow(page);
  return wheels;
}

/** The list at its top (where a reader watches filings arrive), the mouse over it. */
async function settleAtTop(page: Page): Promise<void> {
  await scrollListTo(page, 0);
  await sleep(1500);
  const box = await page.locator('[data-testid="filing-list"]').boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Phase 4: live filings at the set rate for the set time, the list wheel-scrolled during the
 * middle third; renderer counters always, a CPU profile when asked.
 */
export async function livePhase(
  page: Page,
  publisher: FilingPublisher,
  settings: DashboardSettings,
  log: (line: string) => void,
): Promise<LivePhase> {
  const { liveRate, liveSeconds, profileFile } = settings;
  await settleAtTop(page);
  const rowsBefore = await rowCount(page);
  const counters = await RendererCounters.attach(page);
  const profiler = profileFile ? await PageProfiler.start(page) : null;
  log(
    `[4/4] Live: ${liveRate} filings/s for ${liveSeconds} s onto ${fmt(rowsBefore)} rows` +
      `${profiler ? ' (CPU profile recording)' : ''}; wheel-scrolling from ${fmt(liveSeconds / 3)} s to ${fmt((2 * liveSeconds) / 3)} s`,
  );
  const liveFrom = await pageNow(page);
  const countersFrom = await counters.read();
  const marks = { scrollFrom: 0, scrollTo: 0 };
  const scrolling = wheelScroll(
    page,
    liveSeconds / 3,
    (2 * liveSeconds) / 3,
    marks,
  );
  const live = await publishLive(
    publisher,
    liveRate,
    liveSeconds,
    settings.targetRows + 1,
  );
  const wheels = await scrolling;
  const liveTo = await pageNow(page);
  const work = RendererCounters.difference(countersFrom, await counters.read());
  const profile = profiler
    ? await profiler.stop(resolve(profileFile as string))
    : null;
  return { rowsBefore, live, wheels, liveFrom, liveTo, marks, work, profile };
}
