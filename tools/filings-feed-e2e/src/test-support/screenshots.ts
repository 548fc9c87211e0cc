import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { WORKSPACE } from './workspace';

/**
 * Where screenshots go: `docs/screenshots` (committed) when `UPDATE_SCREENSHOTS=1`, else
 * `tmp/filings-feed-e2e/screenshots`, so that an ordinary `npm test` never rewrites committed
 * images (ages and accession numbers differ on every run).
 */
export const SCREENSHOT_DIR =
  process.env['UPDATE_SCREENSHOTS'] === '1'
    ? join(WORKSPACE, 'docs/screenshots')
    : join(WORKSPACE, 'tmp/filings-feed-e2e/screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Hide the text caret, which blinks into some shots and not others.
  await page.screenshot({ path, caret: 'hide', animations: 'disabled' });
  return path;
}
