import type { Page } from 'playwright-core';
import {
  loadRows,
  pageNow,
  readWindow,
  type LoadResult,
  type WindowMetrics,
} from './dashboard-page';
import { fmt } from './lib/report-format';

/** How loading the history went, and the page's frames and long tasks meanwhile. */
export interface LoadPhase {
  load: LoadResult;
  metrics: WindowMetrics;
}

/** Phase 3: scrolls to the end until `targetRows` rows show or history ends (90 s at most). */
export async function loadPhase(
  page: Page,
  targetRows: number,
  log: (line: string) => void,
): Promise<LoadPhase> {
  const from = await pageNow(page);
  const load = await loadRows(page, targetRows, 90_000, (rows, ms) =>
    log(`  ${fmt(rows)} rows after ${fmt(ms / 1000, 1)} s`),
  );
  const to = await pageNow(page);
  const metrics = await readWindow(page, [[from, to]]);
  log(
    `  ${fmt(load.rows)} rows in ${fmt(load.ms / 1000, 1)} s (${load.growths} older pages, stopped: ${load.reason})`,
  );
  return { load, metrics };
}
