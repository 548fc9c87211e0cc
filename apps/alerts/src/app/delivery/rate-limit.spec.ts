// A burst to a Slack rule goes out at Slack's one message a second per webhook (the default),
// so a 4 pm burst of Form 4s does not get the channel banned; another rule is not slowed by it.
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

describe('the per-rule rate limit', () => {
  let redis: TestRedis;
  let prefix: string;
  let alerts: AlertsHarness;
  let slack: Receiver;
  let webhook: Receiver;

  beforeAll(async () => {
    redis = await connectTestRedis();
    prefix = uniqueKeyPrefix('alerts-rate');
    slack = await startReceiver();
    webhook = await startReceiver();
    alerts = await startAlerts(prefix, { ALERTS_SLACK_URL: slack.url });
  });

  afterAll(async () => {
    await alerts?.stop();
    await slack?.close();
    await webhook?.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis?.quit();
  });

  it('sends a Slack rule one message a second, and a fast rule at its own pace', async () => {
    const created = await api(alerts.base, 'POST', '/api/alert-rules', {
      name: 'Form 4 to Slack',
      filters: { formTypes: ['4'] },
      channel: {
        type: 'slack',
        url: 'https://hooks.slack.com/services/T0/B0/ratelimit0001',
      },
    });
    expect(created.body.ratePerSecond).toBe(1);
    await api(alerts.base, 'POST', '/api/alert-rules', {
      name: 'Form 4 to a webhook',
      filters: { formTypes: ['4'] },
      ratePerSecond: 100,
      channel: {
        type: 'webhook',
        url: webhook.url,
        secret: 'whsec-0123456789abcdef',
      },
    });
    const filings = replayFilings(40)
      .filter((f) => f.formType === '4')
      .slice(0, 4);
    await publish(redis, prefix, filings);

    await waitUntil(
      () => webhook.accepted.length === 4,
      'the webhook rule',
      5_000,
    );
    expect(slack.accepted.length).toBeLessThan(4);
    await waitUntil(
      () => slack.accepted.length === 4,
      'the Slack rule',
      10_000,
    );
    const gaps = slack.accepted
      .slice(1)
      .map((r, i) => r.at - slack.accepted[i].at);
    // Paced when sent; arrival times jitter by a few ms on a loaded machine.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(800);
    expect(slack.accepted[3].at - slack.accepted[0].at).toBeGreaterThanOrEqual(
      2900,
    );
  }, 30_000);
});
