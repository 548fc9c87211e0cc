/**
 * The status page of the built dashboard, in a real headless Chromium: reached from the feed's
 * header, it shows each source's first-delivered count and lag and the day's completeness with
 * the missing filings linked to EDGAR. The gateway's REST answers are stand-ins inside the
 * browser (playwright's `route`); what ingest counts belongs to ingest's and the gateway's specs.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '@secfeed/test-kit';
import { chromium, type Browser, type Page } from 'playwright-core';
import { eventually } from './test-support/eventually';
import { WORKSPACE } from './test-support/workspace';

const STATIC_DIR = join(WORKSPACE, 'dist/apps/filings-feed/browser');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ico': 'image/x-icon',
};

const SOURCES = {
  sources: [
    {
      source: 'sec-api',
      first: 30,
      duplicates: 10,
      lagSeconds: { p50: 1, p90: 2 },
    },
    {
      source: 'edgar',
      first: 10,
      duplicates: 30,
      lagSeconds: { p50: 30, p90: 120 },
    },
  ],
};
const MISSING = ['0000320193-20-000010', '0001104659-20-034541'];

/** The built dashboard's files, as the gateway serves them (index.html for any other path). */
function serveDashboard(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(STATIC_DIR, path);
    const found =
      file.startsWith(STATIC_DIR) && existsSync(file) && extname(file) !== '';
    const served = found ? file : join(STATIC_DIR, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
    });
    createReadStream(served).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server)),
  );
}

describe('the status page, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const pageErrors: string[] = [];
  const asked: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html')))
      throw new Error(
        'dist/apps/filings-feed is missing: run through Nx (npx nx test filings-feed-e2e builds it first)',
      );
    server = await serveDashboard();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function open(checkedAt: string | null): Promise<void> {
    const context = await browser.newContext();
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.route('**/api/filings**', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'Stream-Position': '1-0' },
        contentType: 'application/json',
        body: JSON.stringify({ filings: [], next: null }),
      }),
    );
    await page.routeWebSocket(/\/ws/, () => undefined);
    await page.route('**/api/sources**', (route) => {
      const date = new URL(route.request().url()).searchParams.get('date');
      asked.push(`sources ${date}`);
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ date, ...SOURCES }),
      });
    });
    await page.route('**/api/completeness**', (route) => {
      const date = new URL(route.request().url()).searchParams.get('date');
      asked.push(`completeness ${date}`);
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          date,
          indexed: checkedAt ? 2666 : 0,
          have: checkedAt ? 2664 : 0,
          missing: checkedAt ? MISSING : [],
          late: checkedAt ? 3 : 0,
          checkedAt,
        }),
      });
    });
  }

  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  const text = async (testId: string) =>
    (await page.getByTestId(testId).first().textContent())?.trim();

  it('opens from the feed header and shows sources, completeness and the missing filings', async () => {
    await open('2020-03-19T03:00:00.000Z');
    await page.goto(`${origin}/`);
    await page.getByTestId('nav-status').click();
    await eventually('the status page', async () =>
      expect(new URL(page.url()).pathname).toBe('/status'),
    );
    const secApi = page.locator('tr[data-source="sec-api"]');
    await secApi.waitFor();
    expect((await secApi.getByTestId('first').textContent())?.trim()).toBe(
      '30',
    );
    expect(await secApi.textContent()).toContain('75%');
    expect(
      (
        await page
          .locator('tr[data-source="edgar"]')
          .getByTestId('p90')
          .textContent()
      )?.trim(),
    ).toBe('≤ 2 min');
    expect(await text('indexed')).toBe('2666');
    expect(await text('late')).toBe('3');
    const links = page.getByTestId('missing').locator('a');
    expect(await links.allTextContents()).toEqual(MISSING);
    expect(await links.first().getAttribute('href')).toBe(
      'https://www.sec.gov/Archives/edgar/data/320193/000032019320000010/0000320193-20-000010-index.htm',
    );
    expect(await page.title()).toBe('secfeed · status');
  });

  it('says a day is not reconciled yet, and reads the day picked', async () => {
    await open(null);
    await page.goto(`${origin}/status`);
    await page.getByTestId('not-reconciled').waitFor();
    expect(await text('not-reconciled')).toContain('not reconciled yet');
    await page.getByTestId('status-date').fill('2020-03-18');
    await eventually('the picked day read', async () =>
      expect(asked).toEqual(
        expect.arrayContaining([
          'sources 2020-03-18',
          'completeness 2020-03-18',
        ]),
      ),
    );
    await eventually('the picked day shown', async () =>
      expect(await text('not-reconciled')).toContain('2020-03-18'),
    );
  });
});
