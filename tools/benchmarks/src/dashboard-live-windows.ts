import type { Page } from 'playwright-core';
import type { LivePhase } from './dashboard-live-phase';
import { readWindow, type WindowMetrics } from './dashboard-page';

/** Frames and long tasks of the live window: whole, while scrolling, and the calm rest. */
export interface LiveWindows {
  whole: WindowMetrics;
  scrolling: WindowMetrics;
  calm: WindowMetrics;
}

/** Reads the page's records over the live phase's three windows. */
export async function readLiveWindows(
  page: Page,
  { liveFrom, liveTo, marks }: LivePhase,
): Promise<LiveWindows> {
  const whole = await readWindow(page, [[liveFrom, liveTo]]);
  const scrolling = await readWindow(page, [
    [marks.scrollFrom, marks.scrollTo],
  ]);
  const calm = await readWindow(page, [
    [liveFrom, marks.scrollFrom],
    [marks.scrollTo, liveTo],
  ]);
  return { whole, scrolling, calm };
}
