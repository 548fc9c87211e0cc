import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { GATEWAY_CONFIG } from '../shared/gateway-config';
import type { AlertRule, RuleApiError, TestSendResult } from './alert-rule';
import { AlertRulesApi } from './alert-rules-api.service';

const RULE: AlertRule = {
  id: 'r1',
  name: 'AAPL 8-K',
  enabled: true,
  filters: {
    tickers: ['AAPL'],
    ciks: [],
    formTypes: ['8-K'],
    includeAmendments: true,
  },
  channel: {
    type: 'webhook',
    url: 'https://hooks.example.com/x',
    secret: '****abcd',
  },
  ratePerSecond: 10,
  createdAt: '2025-01-02T10:00:00.000Z',
  updatedAt: '2025-01-02T10:00:00.000Z',
};

describe('AlertRulesApi', () => {
  let api: AlertRulesApi;
  let http: HttpTestingController;

  function setup(baseUrl = '', token?: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: GATEWAY_CONFIG, useValue: { baseUrl, token } },
      ],
    });
    api = TestBed.inject(AlertRulesApi);
    http = TestBed.inject(HttpTestingController);
  }

  afterEach(() => http.verify());

  it('lists the rules from the gateway, with the token when there is one', () => {
    setup('https://feed.example.com', 'tok');
    let rules: AlertRule[] | undefined;
    api.list().subscribe((r) => (rules = r));
    const request = http.expectOne('https://feed.example.com/api/alert-rules');
    expect(request.request.method).toBe('GET');
    expect(request.request.headers.get('Authorization')).toBe('Bearer tok');
    request.flush({ rules: [RULE] });
    expect(rules).toEqual([RULE]);
  });

  it('creates with POST and replaces with PUT, the body as given', () => {
    setup();
    const body = {
      name: 'n',
      enabled: true,
      filters: { tickers: ['AAPL'] },
      channel: { type: 'slack' },
    };
    let created: AlertRule | undefined;
    api.create(body).subscribe((r) => (created = r));
    const post = http.expectOne('/api/alert-rules');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual(body);
    expect(post.request.headers.has('Authorization')).toBe(false);
    post.flush(RULE, { status: 201, statusText: 'Created' });
    expect(created?.id).toBe('r1');

    api.update('r 1', body).subscribe();
    const put = http.expectOne('/api/alert-rules/r%201');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual(body);
    put.flush(RULE);
  });

  it('turns a 400 into the API code, message and field', () => {
    setup();
    let error: RuleApiError | undefined;
    api
      .create({
        name: 'n',
        enabled: true,
        filters: {},
        channel: { type: 'slack', url: 'x' },
      })
      .subscribe({ error: (e: RuleApiError) => (error = e) });
    http.expectOne('/api/alert-rules').flush(
      {
        error: {
          code: 'INVALID_CHANNEL_URL',
          message: 'channel.url must be an incoming-webhook URL',
          field: 'channel.url',
        },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(error).toEqual({
      status: 400,
      code: 'INVALID_CHANNEL_URL',
      message: 'channel.url must be an incoming-webhook URL',
      field: 'channel.url',
    });
  });

  it('says NETWORK when nothing answered, and ALERTS_UNAVAILABLE as the gateway codes it', () => {
    setup();
    const errors: RuleApiError[] = [];
    api.list().subscribe({ error: (e: RuleApiError) => errors.push(e) });
    http.expectOne('/api/alert-rules').error(new ProgressEvent('error'));
    api.list().subscribe({ error: (e: RuleApiError) => errors.push(e) });
    http
      .expectOne('/api/alert-rules')
      .flush(
        {
          error: {
            code: 'ALERTS_UNAVAILABLE',
            message: 'the alerts service cannot be reached',
          },
        },
        { status: 502, statusText: 'Bad Gateway' },
      );
    expect(errors.map((e) => e.code)).toEqual([
      'NETWORK',
      'ALERTS_UNAVAILABLE',
    ]);
    expect(errors[1].status).toBe(502);
  });

  it('reports a test-send either way: delivered, or refused by the channel as a result', () => {
    setup();
    const results: TestSendResult[] = [];
    api.testSend('r1').subscribe((r) => results.push(r));
    const ok = http.expectOne('/api/alert-rules/r1/test');
    expect(ok.request.method).toBe('POST');
    ok.flush({ delivered: true, status: 204, deliveryId: 'test-ab' });
    api.testSend('r1').subscribe((r) => results.push(r));
    http.expectOne('/api/alert-rules/r1/test').flush(
      {
        error: {
          code: 'TEST_SEND_FAILED',
          message: 'the channel did not accept the test alert (REJECTED)',
          failure: 'REJECTED',
          status: 403,
          deliveryId: 'test-cd',
        },
      },
      { status: 502, statusText: 'Bad Gateway' },
    );
    expect(results).toEqual([
      { delivered: true, status: 204, deliveryId: 'test-ab' },
      {
        delivered: false,
        failure: 'REJECTED',
        status: 403,
        message: 'the channel did not accept the test alert (REJECTED)',
      },
    ]);
  });

  it('reads deliveries, retries dead letters and deletes', () => {
    setup();
    let requeued: number | undefined;
    let deleted = false;
    api.deliveries('r1').subscribe();
    expect(
      http.expectOne('/api/alert-rules/r1/deliveries').request.method,
    ).toBe('GET');
    api.retryDeadLetters('r1').subscribe((n) => (requeued = n));
    const retry = http.expectOne('/api/alert-rules/r1/dead-letters/retry');
    expect(retry.request.method).toBe('POST');
    retry.flush({ requeued: 3 });
    api.remove('r1').subscribe(() => (deleted = true));
    const del = http.expectOne('/api/alert-rules/r1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    expect(requeued).toBe(3);
    expect(deleted).toBe(true);
  });
});
