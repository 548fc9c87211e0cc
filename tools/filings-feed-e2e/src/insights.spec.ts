/**
 * Insights in the built dashboard, in a real headless Chromium: a `sec_filing_insights` message
 * fills in the row of its filing ("CFO sold 12,000 sh at $31.20 ($374k), 10b5-1") and the
 * detail panel shows the transaction table. The gateway is a stand-in inside the browser
 * (playwright's `routeWebSocket` and `route`): which insights a real document gives, and when,
 * belongs to ingest's specs; here the test decides every frame, so each step is exact.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS } from '@secfeed/test-kit';
import {
  chromium,
  type Browser,
  type Page,
  type WebSocketRoute,
} from 'playwright-core';
import { eventually } from './test-support/eventually';
import { screenshot } from './test-support/screenshots';
import { WORKSPACE } from './test-support/workspace';

const STATIC_DIR = join(WORKSPACE, 'dist/apps/filings-feed/browser');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ico': 'image/x-icon',
};

const FORM_4 = {
  accessionNo: '0001209191-25-012345',
  cik: '1000',
  ticker: 'ACME',
  companyName: 'Acme Corp',
  formType: '4',
  description: 'Statement of changes in beneficial ownership of securities',
  filedAt: '2025-03-04T16:05:09-05:00',
  linkToHtml:
    'https://www.sec.gov/Archives/edgar/data/1000/000120919125012345/0001209191-25-012345-index.htm',
  entities: [],
  documentFormatFiles: [],
  dataFiles: [],
  seriesAndClassesContractsInformation: [],
  source: 'sec-api',
  receivedAt: '2025-03-04T21:05:10.000Z',
};

const CFO_SALE = {
  ownership: {
    issuer: { cik: '1000', name: 'Acme Corp', ticker: 'ACME' },
    owners: [
      {
        cik: '2000',
        name: 'Jane Roe',
        director: false,
        officer: true,
        officerTitle: 'Chief Financial Officer',
        tenPercentOwner: false,
        other: false,
      },
    ],
    transactions: [
      {
        security: 'Common Stock',
        date: '2025-03-03',
        code: 'S',
        acquired: false,
        shares: 12000,
        price: 31.2,
        sharesAfter: 88000,
        derivative: false,
        direct: true,
      },
    ],
    tenb51: true,
  },
};

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

describe('insights in the dashboard, in Chromium', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const subscribes: Record<string, unknown>[] = [];
  let gateway: WebSocketRoute | undefined;

  beforeAll(async () => {
    if (!existsSync(join(STATIC_DIR, 'index.html')))
      throw new Error(
        'dist/apps/filings-feed is missing: run through Nx (npx nx test filings-feed-e2e builds it first)',
      );
    server = await serveDashboard();
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

  beforeEach(async () => {
    const context = await browser.newContext();
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    // History: nothing yet, complete up to position 1-0.
    await page.route('**/api/filings**', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'Stream-Position': '1-0' },
        contentType: 'application/json',
        body: JSON.stringify({ filings: [], next: null }),
      }),
    );
    await page.routeWebSocket(/\/ws/, (ws) => {
      gateway = ws;
      ws.onMessage((data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (message['action'] === 'ping') ws.send('{"type":"pong"}');
        if (message['action'] !== 'subscribe_sec_filings') return;
        subscribes.push(message);
        ws.send(
          JSON.stringify({
            type: 'subscribed',
            position: '1-0',
            recovered: true,
            filters: message['filters'] ?? {},
          }),
        );
      });
    });
  });

  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  const send = (message: object) => {
    if (!gateway) throw new Error('the page has not connected');
    gateway.send(JSON.stringify(message));
  };
  const text = async (testId: string) =>
    (await page.getByTestId(testId).first().textContent())?.trim();

  it('fills the row in when the insights arrive and shows the transaction table in the details', async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await page.goto(`${origin}/?forms=4`);
    await eventually('the subscription', () =>
      expect(subscribes.at(-1)).toEqual({
        action: 'subscribe_sec_filings',
        filters: { formTypes: ['4'] },
        since: '1-0',
      }),
    );

    send({ type: 'sec_filing', position: '2-0', data: FORM_4 });
    await eventually('the row, described as EDGAR lists it', async () =>
      expect(await text('row-summary')).toBe(FORM_4.description),
    );

    send({
      type: 'sec_filing_insights',
      position: '3-0',
      accessionNo: FORM_4.accessionNo,
      insights: CFO_SALE,
      filing: { ...FORM_4, insights: CFO_SALE },
    });
    await eventually('the row saying what the filing says', async () =>
      expect(await text('row-summary')).toBe(
        'CFO sold 12,000 sh at $31.20 ($374k), 10b5-1',
      ),
    );
    expect(await page.getByTestId('filing-row').count()).toBe(1);

    await page.getByTestId('filing-row').first().dblclick();
    const table = page.getByTestId('insights-transactions');
    await table.waitFor();
    const cells = await table.locator('tbody tr').first().locator('td');
    expect(await cells.allTextContents()).toEqual([
      '2025-03-03',
      'Common Stock',
      'S',
      'D',
      '12,000',
      '$31.20',
      '$374,400',
      '88,000',
      'D',
    ]);
    expect(await text('insights-owners')).toContain('Jane Roe');
    expect(await text('insights-tenb51')).toContain('yes');
    expect(await text('detail-summary')).toBe(
      'CFO sold 12,000 sh at $31.20 ($374k), 10b5-1',
    );
    await screenshot(page, 'insights-detail');

    // An insight filter in the URL goes to the gateway as the filter bar shows it.
    await page.goto(`${origin}/?codes=P&minvalue=100000`);
    await eventually('the subscription with insight filters', () =>
      expect(subscribes.at(-1)?.['filters']).toEqual({
        transactionCodes: ['P'],
        minTransactionValue: 100000,
      }),
    );
    expect(await page.getByTestId('filter-codes').inputValue()).toBe('P');
  });
});
