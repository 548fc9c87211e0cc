/**
 * What the replayed day's filings say, live in the built dashboard on the real stack: the
 * simulator serves EDGAR's archive from real full submissions, the BUILT ingest reads and
 * parses them and publishes their insights, the BUILT gateway pushes `sec_filing_insights`,
 * and the row of the filing in Chromium fills in with the summary; the detail panel shows the
 * transaction table. Nothing here stands in for a service.
 */
import type { FilingInsights } from '@secfeed/filing-model';
import { describeInsights } from '@secfeed/filing-insights/describe';
import { waitUntil } from '@secfeed/test-kit';
import { Dashboard } from './test-support/dashboard';
import { eventually } from './test-support/eventually';
import {
  startProductStack,
  type ProductStack,
} from './test-support/product-stack';
import { screenshot } from './test-support/screenshots';

/** AAR CORP (CIK 1750): a Form 4 of 2025-01-10 whose full submission is in the fixtures. */
const AAR_FORM_4 = '0001127602-25-001055';

describe('insights of the replayed day, live in Chromium on the real stack', () => {
  let stack: ProductStack;
  let dashboard: Dashboard | undefined;

  beforeAll(async () => {
    stack = await startProductStack({
      label: 'e2e-insights-live',
      rate: 20,
      insights: true,
    });
  }, 120_000);

  afterAll(async () => {
    await dashboard?.close();
    await stack?.close();
  });

  it("fills the row of AAR's Form 4 with what the document says, and the detail panel shows the sale", async () => {
    // Only the issuer's filings, so that the row stays on screen while the day streams by.
    dashboard = await Dashboard.open(
      stack.browser,
      stack.baseUrl,
      '/?ciks=1750',
    );
    const page = dashboard.page;

    // Read by hand from the document's XML: an open-market sale (S) of 1,500 shares at
    // $66.903, disposed (D), not a derivative.
    let insights: FilingInsights | undefined;
    await waitUntil(
      async () => {
        const response = await fetch(
          `${stack.baseUrl}/api/filings/${AAR_FORM_4}`,
        );
        if (!response.ok) return false;
        insights = ((await response.json()) as { insights?: FilingInsights })
          .insights;
        return insights !== undefined;
      },
      `the insights of ${AAR_FORM_4} (ingest stderr: ${stack.ingest.stderr})`,
      90_000,
    );
    const [sale] = insights?.ownership?.transactions ?? [];
    expect(sale).toMatchObject({
      code: 'S',
      shares: 1500,
      price: 66.903,
      acquired: false,
      derivative: false,
    });

    const expected = describeInsights('4', insights ?? {}, { ticker: 'AIR' });
    expect(expected).toMatch(/sold 1,500 sh/);
    const row = page.locator(
      `[data-testid="filing-row"][data-accession="${AAR_FORM_4}"]`,
    );
    const summary = await eventually(
      'the row to show the summary',
      async () => {
        const text = (
          await row.getByTestId('row-summary').textContent()
        )?.trim();
        if (!text?.includes('sold 1,500 sh'))
          throw new Error(`the row reads "${text}"`);
        return text;
      },
      30_000,
    );
    expect(summary).toContain('1,500 sh');

    await row.dblclick();
    const table = page.getByTestId('insights-transactions');
    await table.waitFor();
    const cells = await table.locator('tbody tr').first().locator('td');
    expect(await cells.allTextContents()).toEqual(
      expect.arrayContaining(['S', 'D', '1,500', '$66.903']),
    );
    await page.evaluate(() => getSelection()?.removeAllRanges()); // the double click's selection
    await screenshot(page, 'insights-live');
    expect(dashboard.pageErrors).toEqual([]);
  }, 180_000);
});
