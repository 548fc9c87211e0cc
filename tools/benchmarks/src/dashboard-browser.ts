import { CHROMIUM, CHROMIUM_ARGS } from '@secfeed/test-kit';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startGateway, type GatewayProcess } from './dashboard-gateway';
import { INSTRUMENTATION_SCRIPT, observersSupported } from './dashboard-page';
import type { DashboardSettings } from './dashboard-settings';
import type { CleanupStack } from './lib/cleanup-stack';
import { fmt } from './lib/report-format';

/** The served dashboard open in Chromium, instrumented. */
export interface DashboardSession {
  gateway: GatewayProcess;
  chromiumVersion: string;
  page: Page;
  /** Uncaught page errors and console errors, as they come. */
  pageErrors: string[];
}

/** A 1280x800 page of the dashboard once it is live and shows rows. */
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

/**
 * Starts the built gateway serving the built dashboard and opens it in headless Chromium; both
 * are stopped by `cleanup`. Throws when this Chromium has no longtask observer.
 */
export async function openDashboardSession(
  settings: DashboardSettings,
  cleanup: CleanupStack,
  log: (line: string) => void,
): Promise<DashboardSession> {
  const gateway = await startGateway({
    main: join(settings.root, 'dist/apps/gateway/main.js'),
    cwd: settings.root,
    redisUrl: settings.redisUrl,
    keyPrefix: settings.keyPrefix,
    staticDir: settings.browserDir,
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
    `[3/4] Gateway pid ${gateway.pid} on ${url}; Chromium ${chromiumVersion}; loading ${fmt(settings.targetRows)} rows`,
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
  return { gateway, chromiumVersion, page, pageErrors };
}
