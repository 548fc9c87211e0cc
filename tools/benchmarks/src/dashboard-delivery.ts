import type { Page } from 'playwright-core';
import type { LiveRun } from './dashboard-filings';
import { rowCount, scrollListTo, topAccessions } from './dashboard-page';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Whether every live filing arrived, newest on top. */
export interface Delivery {
  rowsAfter: number;
  /** Live filings the list gained. */
  delivered: number;
  /** The five rows at the top of the list. */
  top: string[];
  /** The five newest published are the five top rows, newest first. */
  newestOnTop: boolean;
  ok: boolean;
}

/**
 * Waits up to 10 s for the row count to grow by what was published, then reads the top of the
 * list.
 */
export async function checkDelivery(
  page: Page,
  rowsBefore: number,
  live: LiveRun,
): Promise<Delivery> {
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
  return {
    rowsAfter,
    delivered,
    top,
    newestOnTop,
    ok: delivered === live.published && newestOnTop,
  };
}
