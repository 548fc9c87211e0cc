import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { GATEWAY_CONFIG } from '../shared/gateway-config';
import type { AlertRule, DeliveryReport } from './alert-rule';
import { AlertRulesPage } from './alert-rules-page';

const RULE: AlertRule = {
  id: 'r1',
  name: 'Desk',
  enabled: true,
  filters: {
    tickers: ['AAPL'],
    ciks: [],
    formTypes: ['8-K'],
    includeAmendments: true,
  },
  channel: { type: 'slack', url: 'https://hooks.slack.com/****1234' },
  createdAt: '2025-01-02T10:00:00.000Z',
  updatedAt: '2025-01-02T10:00:00.000Z',
};

const REPORT: DeliveryReport = {
  ruleId: 'r1',
  queued: 2,
  progress: { delivered: '7', failedAttempts: '3', deadLettered: '1' },
  recent: [
    {
      deliveryId: 'd2',
      entryId: '2-0',
      accessionNo: '0000320193-25-000002',
      kind: 'filing',
      outcome: 'failed',
      attempt: 2,
      status: 503,
      code: 'SERVER_ERROR',
      at: '2025-01-02T10:00:05.000Z',
      nextAttemptAt: '2025-01-02T10:00:09.000Z',
    },
  ],
  deadLetters: [
    {
      deliveryId: 'd1',
      entryId: '1-0',
      accessionNo: '0000320193-25-000001',
      kind: 'filing',
      outcome: 'dead_lettered',
      attempt: 1,
      status: 404,
      code: 'REJECTED',
      at: '2025-01-02T10:00:01.000Z',
    },
  ],
};

describe('AlertRulesPage', () => {
  let fixture: ComponentFixture<AlertRulesPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) =>
    el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) =>
    el().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`);
  const click = async (id: string) => {
    q(id)?.click();
    await fixture.whenStable();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: GATEWAY_CONFIG, useValue: { baseUrl: '' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AlertRulesPage);
    await fixture.whenStable();
    http.expectOne('/api/alert-rules').flush({ rules: [RULE] });
    await fixture.whenStable();
  });
  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('lists each rule with its channel, enabled state and filters, the secret as the API masked it', () => {
    expect(all('rule-row')).toHaveLength(1);
    expect(q('rule-row-name')?.textContent).toContain('Desk');
    expect(q('rule-row-channel')?.textContent?.trim()).toBe('slack');
    expect(q('rule-row-enabled')?.textContent?.trim()).toBe('on');
    expect(q('rule-row-filters')?.textContent?.trim()).toBe('AAPL · forms 8-K');
    expect(el().textContent).toContain('https://hooks.slack.com/****1234');
  });

  it('shows a 400 by the field it names and keeps the form; a saved edit replaces the row', async () => {
    await click('rule-edit');
    const url = q('rule-url') as HTMLInputElement;
    url.value = 'https://example.com/x';
    url.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    await click('rule-save');
    const put = http.expectOne('/api/alert-rules/r1');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body.channel).toEqual({
      type: 'slack',
      url: 'https://example.com/x',
    });
    put.flush(
      {
        error: {
          code: 'INVALID_CHANNEL_URL',
          message: 'channel.url must be a Slack URL',
          field: 'channel.url',
        },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(q('rule-error-channel.url')?.getAttribute('data-code')).toBe(
      'INVALID_CHANNEL_URL',
    );
    expect(q('rule-form')).not.toBeNull();

    url.value = '';
    url.dispatchEvent(new Event('input'));
    const name = q('rule-name') as HTMLInputElement;
    name.value = 'Desk 2';
    name.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    await click('rule-save');
    const again = http.expectOne('/api/alert-rules/r1');
    expect(again.request.body.channel).toEqual({ type: 'slack' }); // the stored URL is kept
    again.flush({ ...RULE, name: 'Desk 2' });
    await fixture.whenStable();
    expect(q('rule-form')).toBeNull();
    expect(q('rule-row-name')?.textContent).toContain('Desk 2');
  });

  it('deletes only after a confirmation', async () => {
    await click('rule-delete');
    await click('rule-delete-keep');
    http.expectNone('/api/alert-rules/r1');
    expect(all('rule-row')).toHaveLength(1);
    await click('rule-delete');
    await click('rule-delete-confirm');
    const del = http.expectOne('/api/alert-rules/r1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(all('rule-row')).toHaveLength(0);
    expect(q('rules-empty')).not.toBeNull();
  });

  it('shows a test-send refused by the channel with its failure code', async () => {
    await click('rule-test');
    expect(q('rule-test-result')?.getAttribute('data-result')).toBe('sending');
    http
      .expectOne('/api/alert-rules/r1/test')
      .flush(
        {
          error: {
            code: 'TEST_SEND_FAILED',
            message: 'not accepted',
            failure: 'REJECTED',
            status: 403,
          },
        },
        { status: 502, statusText: 'Bad Gateway' },
      );
    await fixture.whenStable();
    const result = q('rule-test-result');
    expect(result?.getAttribute('data-result')).toBe('failed');
    expect(result?.textContent).toContain('REJECTED (403)');
  });

  it('shows the deliveries report and retries the dead letters', async () => {
    await click('rule-deliveries-open');
    http.expectOne('/api/alert-rules/r1/deliveries').flush(REPORT);
    await fixture.whenStable();
    expect(q('deliveries-counters')?.textContent).toMatch(
      /7 delivered · 3 failed attempts · 1 given up · 2 queued/,
    );
    const record = q('delivery-record');
    expect(record?.getAttribute('data-outcome')).toBe('failed');
    expect(record?.textContent).toContain('SERVER_ERROR');
    expect(record?.textContent).toContain('2025-01-02T10:00:09.000Z');
    expect(all('dead-letter')).toHaveLength(1);

    await click('retry-dead-letters');
    const retry = http.expectOne('/api/alert-rules/r1/dead-letters/retry');
    expect(retry.request.method).toBe('POST');
    retry.flush({ requeued: 1 });
    http
      .expectOne('/api/alert-rules/r1/deliveries')
      .flush({ ...REPORT, queued: 3, deadLetters: [] });
    await fixture.whenStable();
    expect(q('requeued')?.textContent).toContain('1 put back in the queue');
    expect(q('dead-letters-empty')).not.toBeNull();
  });

  it('shows the gateway refusal when the alerts service is away', async () => {
    fixture.destroy();
    fixture = TestBed.createComponent(AlertRulesPage);
    await fixture.whenStable();
    http
      .expectOne('/api/alert-rules')
      .flush(
        {
          error: {
            code: 'ALERTS_UNAVAILABLE',
            message: 'the alerts service cannot be reached; retry later',
          },
        },
        { status: 502, statusText: 'Bad Gateway' },
      );
    await fixture.whenStable();
    expect(q('rules-error')?.getAttribute('data-code')).toBe(
      'ALERTS_UNAVAILABLE',
    );
  });
});
