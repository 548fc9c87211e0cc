// The alert rules page in Chromium against the BUILT gateway, which forwards /api/alert-rules to
// the BUILT alerts service, and a local webhook receiver: a rule made on the page gets its test
// alert and a real filing, both signed, and the page lists the delivery; a rule the service
// refuses shows the refusal's code by the field it names.
import { makeFiling } from '@secfeed/filing-model/testing';
import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  startAlertsStack,
  startReceiver,
  type AlertsStack,
  type Receiver,
} from './test-support/alerts-stack';
import { eventually } from './test-support/eventually';

const SECRET = 'e2e-webhook-secret-0123456789';
const TICKER = 'EEXR';

const signed = (body: string) =>
  `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;

describe('the alert rules page', () => {
  let stack: AlertsStack;
  let receiver: Receiver;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startAlertsStack('e2e-alert-rules');
    const context = await stack.browser.newContext({ baseURL: stack.baseUrl });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it('creates a webhook rule, test-sends it, and lists the delivery of a matching filing', async () => {
    // From the feed, through the header link.
    await page.goto('/');
    await page.getByTestId('nav-alerts').click();
    await page.waitForURL('**/alerts');
    await page.getByTestId('rules-empty').waitFor();

    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill('Desk webhook');
    await page.getByTestId('filter-tickers').fill(TICKER.toLowerCase());
    await page.getByTestId('filter-tickers').press('Enter');
    await page.getByTestId('rule-url').fill(`${receiver.url}/hooks/desk`);
    await page.getByTestId('rule-secret').fill(SECRET);
    await page.getByTestId('rule-save').click();

    const row = page.getByTestId('rule-row');
    await row.waitFor();
    expect(await row.getByTestId('rule-row-name').textContent()).toContain(
      'Desk webhook',
    );
    expect(
      (await row.getByTestId('rule-row-channel').textContent())?.trim(),
    ).toBe('webhook');
    expect(
      (await row.getByTestId('rule-row-filters').textContent())?.trim(),
    ).toBe(TICKER);
    expect(
      (await row.getByTestId('rule-row-enabled').textContent())?.trim(),
    ).toBe('on');
    expect(await page.getByTestId('rule-form').count()).toBe(0);
    // The secret never comes back to the page.
    expect(await page.content()).not.toContain(SECRET);

    await row.getByTestId('rule-test').click();
    const result = row.getByTestId('rule-test-result');
    await eventually('the test result', async () => {
      expect(await result.getAttribute('data-result')).toBe('delivered');
    });
    expect(await result.textContent()).toContain('204');
    expect(receiver.received).toHaveLength(1);
    const test = receiver.received[0];
    expect(test.url).toBe('/hooks/desk');
    expect(String(test.headers['x-secfeed-delivery'])).toMatch(/^test-/);
    expect(test.headers['x-secfeed-signature']).toBe(signed(test.body));
    expect(JSON.parse(test.body)).toMatchObject({
      rule: { name: 'Desk webhook' },
      filing: { test: true },
    });

    // A filing of another ticker, then one of the rule's: only the second is delivered.
    await stack.publish(
      makeFiling({ ticker: 'OTHR', accessionNo: '0009999999-25-000001' }),
    );
    const filing = makeFiling({
      ticker: TICKER,
      accessionNo: '0009999999-25-000002',
    });
    await stack.publish(filing);
    await eventually('the filing at the receiver', () => {
      expect(receiver.received).toHaveLength(2);
    });
    const real = receiver.received[1];
    expect(real.headers['x-secfeed-signature']).toBe(signed(real.body));
    expect(JSON.parse(real.body)).toMatchObject({
      filing: { accessionNo: filing.accessionNo, ticker: TICKER },
    });

    await row.getByTestId('rule-deliveries-open').click();
    const record = page.getByTestId('delivery-record');
    await eventually(
      'the delivery listed',
      async () => {
        await page.getByTestId('deliveries-refresh').click();
        expect(await record.count()).toBe(1);
      },
      20_000,
      300,
    );
    expect(await record.getAttribute('data-accession')).toBe(
      filing.accessionNo,
    );
    expect(await record.getAttribute('data-outcome')).toBe('delivered');
    expect(
      await page.getByTestId('deliveries-counters').textContent(),
    ).toContain('1 delivered');
    expect(await page.getByTestId('dead-letters-empty').count()).toBe(1);
  });

  it('shows the service refusal of a bad rule by its field, and keeps the form open', async () => {
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill('Not Slack');
    await page.getByTestId('rule-channel-type').selectOption('slack');
    // A URL the page accepts (https) but the service refuses: not a Slack incoming webhook.
    await page
      .getByTestId('rule-url')
      .fill('https://example.com/services/T0/B0/xyz');
    await page.getByTestId('rule-save').click();
    const error = page.getByTestId('rule-error-channel.url');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('INVALID_CHANNEL_URL');
    expect(await error.textContent()).toContain('hooks.slack.com');
    expect(await page.getByTestId('rule-form').count()).toBe(1);
    expect(await page.getByTestId('rule-row').count()).toBe(1);

    // A secret too short is caught on the page before anything is sent.
    await page.getByTestId('rule-cancel').click();
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill('Short secret');
    await page.getByTestId('rule-url').fill(`${receiver.url}/x`);
    await page.getByTestId('rule-secret').fill('short');
    await page.getByTestId('rule-save').click();
    expect(
      await page
        .getByTestId('rule-error-channel.secret')
        .getAttribute('data-code'),
    ).toBe('WEAK_SECRET');
    await page.getByTestId('rule-cancel').click();
  });

  it('deletes a rule after a confirmation, and the list read again agrees', async () => {
    const row = page.getByTestId('rule-row');
    await row.getByTestId('rule-delete').click();
    await row.getByTestId('rule-delete-keep').click();
    expect(await row.count()).toBe(1);
    await row.getByTestId('rule-delete').click();
    await row.getByTestId('rule-delete-confirm').click();
    await page.getByTestId('rules-empty').waitFor();
    await page.reload();
    await page.getByTestId('rules-empty').waitFor();
    const listed = (await (
      await fetch(`${stack.baseUrl}/api/alert-rules`)
    ).json()) as { rules: unknown[] };
    expect(listed.rules).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
