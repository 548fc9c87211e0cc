// A receiver that answers 500, then 429 with Retry-After, then hangs past the timeout still gets
// every filing once (as it sees it: one accepted request per delivery id), in order; a failing
// rule holds only its own deliveries; past the attempt limit a delivery goes to the dead letters,
// which the API shows and can put back.
import { deliveryId } from '@secfeed/alert-delivery';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import {
  api,
  startAlerts,
  type AlertsHarness,
} from '../test-support/alerts-harness';
import { publish } from '../test-support/publish';
import { startReceiver, type Receiver } from '../test-support/receiver';
import { replayFilings } from '../test-support/replay-filings';

const SECRET = 'whsec-0123456789abcdef-faults';

describe('receiver faults', () => {
  let redis: TestRedis;
  let prefix: string;
  let alerts: AlertsHarness;
  let flaky: Receiver;
  let healthy: Receiver;

  beforeAll(async () => {
    redis = await connectTestRedis();
    prefix = uniqueKeyPrefix('alerts-faults');
    flaky = await startReceiver();
    healthy = await startReceiver();
    alerts = await startAlerts(prefix, {
      ALERTS_TIMEOUT_MS: '300',
      ALERTS_MAX_ATTEMPTS: '40',
    });
  });

  afterAll(async () => {
    await alerts?.stop();
    await flaky?.close();
    await healthy?.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis?.quit();
  });

  const rule = async (name: string, receiver: Receiver, filters: object) => {
    const answer = await api(alerts.base, 'POST', '/api/alert-rules', {
      name,
      filters,
      ratePerSecond: 100,
      channel: { type: 'webhook', url: receiver.url, secret: SECRET },
    });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };

  it('retries through 500s, a 429 with Retry-After and timeouts, and delivers each filing once, in order', async () => {
    const filings = replayFilings(40)
      .filter((f) => f.formType === '4')
      .slice(0, 12);
    const flakyId = await rule('flaky', flaky, { formTypes: ['4'] });
    const healthyId = await rule('healthy', healthy, { formTypes: ['4'] });
    // Requests 0-3: 500; 4: 429 Retry-After 1 s; 5-6: hang past the 300 ms timeout; then 200,
    // except that every 4th request after that answers 503 once more.
    let failing = true;
    flaky.respond = (_request, n) => {
      if (n < 4) return { status: 500 };
      if (n === 4) return { status: 429, headers: { 'retry-after': '1' } };
      if (n < 7) return { status: 200, delayMs: 1500 };
      if (failing && n % 4 === 0) return { status: 503 };
      return { status: 200 };
    };
    await publish(redis, prefix, filings);

    // The healthy rule is not held up by the failing one.
    await waitUntil(
      () => healthy.accepted.length === filings.length,
      'the healthy rule',
      10_000,
    );
    expect(flaky.accepted.length).toBeLessThan(filings.length);

    await waitUntil(
      () => flaky.accepted.length === filings.length,
      'the flaky rule',
      30_000,
    );
    failing = false;
    await new Promise((resolve) => setTimeout(resolve, 300));

    const order = flaky.accepted.map(
      (r) => JSON.parse(r.body).filing.accessionNo,
    );
    expect(order).toEqual(filings.map((f) => f.accessionNo));
    const seen = flaky.accepted.map((r) => r.headers['x-secfeed-delivery']);
    expect(seen).toEqual(
      filings.map((f) => deliveryId(flakyId, f.accessionNo, 'filing')),
    );
    // Every retry of the first filing carried the same delivery id.
    const first = deliveryId(flakyId, filings[0].accessionNo, 'filing');
    expect(
      flaky.requests
        .slice(0, 8)
        .every((r) => r.headers['x-secfeed-delivery'] === first),
    ).toBe(true);
    // Retry-After was honoured: the attempt after the 429 came at least 1 s later.
    expect(flaky.requests[5].at - flaky.requests[4].at).toBeGreaterThanOrEqual(
      950,
    );

    const report = await api(
      alerts.base,
      'GET',
      `/api/alert-rules/${flakyId}/deliveries`,
    );
    const codes = report.body.recent
      .map((r: { code?: string }) => r.code)
      .filter(Boolean);
    expect(codes).toEqual(
      expect.arrayContaining(['SERVER_ERROR', 'RATE_LIMITED', 'TIMEOUT']),
    );
    expect(report.body.deadLetters).toEqual([]);
    expect(healthyId).not.toBe(flakyId);
    // Failed attempts are logged by rule, code and delivery id; never with the secret.
    const warnings = alerts.logs.filter((line) =>
      line.includes('alert delivery failed; retrying'),
    );
    expect(warnings.length).toBeGreaterThanOrEqual(7);
    expect(warnings.join('')).not.toContain(SECRET);
    const metrics = await (await fetch(`${alerts.base}/metrics`)).text();
    expect(metrics).toMatch(
      /secfeed_alerts_retries_total\{channel="webhook"\} ([7-9]|\d\d)/,
    );
  }, 60_000);

  it('gives a delivery up after the attempt limit, shows it, and delivers it when retried', async () => {
    const stubborn = await startReceiver();
    try {
      const id = await rule('stubborn', stubborn, { formTypes: ['8-K'] });
      await api(alerts.base, 'PATCH', `/api/alert-rules/${id}`, {
        ratePerSecond: 100,
      });
      stubborn.respond = (_request, n) =>
        n === 0 ? { status: 410 } : { status: 500 };
      const [a, b] = replayFilings(300).filter((f) => f.formType === '8-K');
      await publish(redis, prefix, [a, b]);
      // a: 410 is not retried; b: 500 until the limit (40 attempts at 20-200 ms).
      await waitUntil(
        async () => {
          const report = await api(
            alerts.base,
            'GET',
            `/api/alert-rules/${id}/deliveries`,
          );
          return report.body.deadLetters.length === 2;
        },
        'two dead letters',
        30_000,
      );
      const report = (
        await api(alerts.base, 'GET', `/api/alert-rules/${id}/deliveries`)
      ).body;
      expect(
        report.deadLetters.map((d: { accessionNo: string }) => d.accessionNo),
      ).toEqual([b.accessionNo, a.accessionNo]);
      expect(report.deadLetters[1]).toMatchObject({
        code: 'REJECTED',
        status: 410,
        attempt: 1,
      });
      expect(report.deadLetters[0]).toMatchObject({
        code: 'SERVER_ERROR',
        attempt: 40,
      });
      expect(report.queued).toBe(0);

      stubborn.respond = () => ({ status: 204 });
      const retried = await api(
        alerts.base,
        'POST',
        `/api/alert-rules/${id}/dead-letters/retry`,
      );
      expect(retried).toEqual({ status: 200, body: { requeued: 2 } });
      await waitUntil(
        () => stubborn.accepted.length === 2,
        'the retried deliveries',
        10_000,
      );
      expect(
        stubborn.accepted.map((r) => JSON.parse(r.body).filing.accessionNo),
      ).toEqual([a.accessionNo, b.accessionNo]);
      const after = (
        await api(alerts.base, 'GET', `/api/alert-rules/${id}/deliveries`)
      ).body;
      expect(after.deadLetters).toEqual([]);
    } finally {
      await stubborn.close();
    }
  }, 60_000);
});
