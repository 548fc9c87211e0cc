// A delivery that still fails once its stream entry is older than ALERTS_MAX_AGE_MS is given up
// into the dead letters, however few attempts it had; the rule's later filings go on.
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

describe('the age limit', () => {
  let redis: TestRedis;
  let prefix: string;
  let alerts: AlertsHarness;
  let receiver: Receiver;

  beforeAll(async () => {
    redis = await connectTestRedis();
    prefix = uniqueKeyPrefix('alerts-age');
    receiver = await startReceiver();
    alerts = await startAlerts(prefix, {
      ALERTS_MAX_AGE_MS: '800',
      ALERTS_MAX_ATTEMPTS: '1000',
    });
  });

  afterAll(async () => {
    await alerts?.stop();
    await receiver?.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis?.quit();
  });

  it('gives up a delivery older than the limit and delivers the next', async () => {
    const created = await api(alerts.base, 'POST', '/api/alert-rules', {
      name: 'form 4',
      filters: { formTypes: ['4'] },
      ratePerSecond: 100,
      channel: {
        type: 'webhook',
        url: receiver.url,
        secret: 'whsec-0123456789abcdef',
      },
    });
    const id = created.body.id as string;
    const [first, second] = replayFilings(40).filter((f) => f.formType === '4');
    receiver.respond = (request) =>
      JSON.parse(request.body).filing.accessionNo === first.accessionNo
        ? { status: 503 }
        : { status: 200 };
    const publishedAt = Date.now();
    await publish(redis, prefix, [first, second]);

    await waitUntil(
      () => receiver.accepted.length === 1,
      'the second filing',
      10_000,
    );
    expect(JSON.parse(receiver.accepted[0].body).filing.accessionNo).toBe(
      second.accessionNo,
    );
    expect(receiver.accepted[0].at - publishedAt).toBeGreaterThanOrEqual(700);
    const report = (
      await api(alerts.base, 'GET', `/api/alert-rules/${id}/deliveries`)
    ).body;
    expect(report.deadLetters).toHaveLength(1);
    expect(report.deadLetters[0]).toMatchObject({
      accessionNo: first.accessionNo,
      code: 'SERVER_ERROR',
      status: 503,
    });
    expect(report.deadLetters[0].attempt).toBeGreaterThan(1);
    expect(report.deadLetters[0].attempt).toBeLessThan(1000);
  }, 30_000);
});
