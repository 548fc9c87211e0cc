// A replica that read stream entries and died before matching them leaves them pending in the
// consumer group. Another replica claims them once idle (XAUTOCLAIM) and delivers them; until
// then the rules' later deliveries wait, so stream order holds per rule.
import { createAlertKeys, createRedisKeys } from '@secfeed/redis-keys';
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

describe('entries a dead replica left pending', () => {
  let redis: TestRedis;
  let prefix: string;
  let alerts: AlertsHarness;
  let receiver: Receiver;

  beforeAll(async () => {
    redis = await connectTestRedis();
    prefix = uniqueKeyPrefix('alerts-claim');
    receiver = await startReceiver();
  });

  afterAll(async () => {
    await alerts?.stop();
    await receiver?.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis?.quit();
  });

  it('are claimed after ALERTS_CLAIM_IDLE_MS and delivered before the later ones', async () => {
    const stream = createRedisKeys(prefix).stream;
    const { group } = createAlertKeys(prefix);
    const filings = replayFilings(40)
      .filter((f) => f.formType === '4')
      .slice(0, 6);
    await redis.xGroupCreate(stream, group, '0', { MKSTREAM: true });
    await publish(redis, prefix, filings.slice(0, 3));
    // A replica that read the first three and died.
    const read = await redis.xReadGroup(
      group,
      'dead-replica',
      { key: stream, id: '>' },
      { COUNT: 10 },
    );
    expect(read?.[0].messages).toHaveLength(3);

    alerts = await startAlerts(prefix, { ALERTS_CLAIM_IDLE_MS: '1500' });
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
    expect(created.status).toBe(201);
    const startedAt = Date.now();
    await publish(redis, prefix, filings.slice(3));

    await waitUntil(() => receiver.accepted.length === 6, 'all six', 15_000);
    // The later three waited for the claim, then all arrived in stream order.
    expect(receiver.accepted[0].at - startedAt).toBeGreaterThanOrEqual(1000);
    expect(
      receiver.accepted.map((r) => JSON.parse(r.body).filing.accessionNo),
    ).toEqual(filings.map((f) => f.accessionNo));
    const pending = await redis.xPending(stream, group);
    expect(pending.pending).toBe(0);
  }, 40_000);
});
