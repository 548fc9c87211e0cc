// A replayed burst of 300 real filings (165 Form 4s) through the production service on the real
// Redis, to one real local receiver per channel kind: each rule gets every matching filing once,
// in stream order; webhooks are signed; insights entries arrive as their own deliveries.
import { deliveryId, signature } from '@secfeed/alert-delivery';
import {
  matchesFilters,
  parseFilingFilters,
  type Filing,
} from '@secfeed/filing-model';
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

const SECRET = 'whsec-0123456789abcdef-burst';
const SLACK_PATH = '/services/T0001/B0001/slacksecretpath0001';
const DISCORD_PATH = '/api/webhooks/123456789/discord-secret-token-000001';
const BOT = '123456:telegram-secret-token-000001';

describe('a replayed burst', () => {
  let redis: TestRedis;
  let prefix: string;
  let alerts: AlertsHarness;
  let hooks: Record<'webhook' | 'slack' | 'discord' | 'telegram', Receiver>;
  const filings: Filing[] = replayFilings(300);

  beforeAll(async () => {
    redis = await connectTestRedis();
    prefix = uniqueKeyPrefix('alerts-burst');
    hooks = {
      webhook: await startReceiver(),
      slack: await startReceiver(),
      discord: await startReceiver(),
      telegram: await startReceiver(),
    };
    alerts = await startAlerts(prefix, {
      ALERTS_SLACK_URL: hooks.slack.url,
      ALERTS_DISCORD_URL: hooks.discord.url,
      TELEGRAM_API_URL: hooks.telegram.url,
    });
  });

  afterAll(async () => {
    await alerts?.stop();
    await Promise.all(Object.values(hooks ?? {}).map((hook) => hook.close()));
    await deleteKeysWithPrefix(redis, prefix);
    await redis?.quit();
  });

  it('delivers every matching filing once per rule, in stream order, signed', async () => {
    const create = async (rule: object) => {
      const answer = await api(alerts.base, 'POST', '/api/alert-rules', rule);
      expect(answer.status).toBe(201);
      return answer.body as { id: string; filters: object };
    };
    const webhook = await create({
      name: 'Form 4s',
      filters: { formTypes: ['4'] },
      ratePerSecond: 100,
      channel: {
        type: 'webhook',
        url: `${hooks.webhook.url}/hook`,
        secret: SECRET,
      },
    });
    const slack = await create({
      name: '8-Ks',
      filters: { formTypes: ['8-K'] },
      ratePerSecond: 100,
      channel: { type: 'slack', url: `https://hooks.slack.com${SLACK_PATH}` },
    });
    const discord = await create({
      name: 'Form D',
      filters: { formTypes: ['D'] },
      ratePerSecond: 100,
      channel: { type: 'discord', url: `https://discord.com${DISCORD_PATH}` },
    });
    const telegram = await create({
      name: 'GLDI and JPM',
      filters: { tickers: ['gldi', 'JPM'] },
      ratePerSecond: 100,
      channel: { type: 'telegram', botToken: BOT, chatId: '-100123' },
    });
    const insider = await create({
      name: 'insider buys',
      filters: { formTypes: ['4'], transactionCodes: ['P'] },
      ratePerSecond: 100,
      channel: {
        type: 'webhook',
        url: `${hooks.webhook.url}/insider`,
        secret: SECRET,
      },
    });
    expect(insider.filters).toMatchObject({
      formTypes: ['4'],
      transactionCodes: ['P'],
    });
    await create({
      name: 'off',
      enabled: false,
      filters: {},
      channel: {
        type: 'webhook',
        url: `${hooks.webhook.url}/off`,
        secret: SECRET,
      },
    });

    const insights = filings
      .filter((f) => f.formType === '4')
      .slice(0, 2)
      .map((f) => ({
        ...f,
        insights: {
          ownership: {
            issuer: { cik: f.cik, name: f.companyName, ticker: f.ticker },
            owners: [
              {
                cik: '1',
                name: 'Jane Doe',
                director: true,
                officer: false,
                officerTitle: null,
                tenPercentOwner: false,
                other: false,
              },
            ],
            transactions: [
              {
                security: 'Common Stock',
                date: '2020-01-02',
                code: 'P',
                acquired: true,
                shares: 1000,
                price: 12.5,
                sharesAfter: 5000,
                derivative: false,
                direct: true,
              },
            ],
            tenb51: false,
          },
        },
      }));
    await publish(redis, prefix, filings);
    await publish(redis, prefix, insights, 'insights');

    const expected = (filters: object) => {
      const parsed = parseFilingFilters(filters);
      if (!parsed.ok) throw new Error('bad filters');
      return filings
        .filter((f) => matchesFilters(f, parsed.filters))
        .map((f) => f.accessionNo);
    };
    const form4s = [
      ...expected({ formTypes: ['4'] }),
      ...insights.map((f) => f.accessionNo),
    ];
    const eightKs = expected({ formTypes: ['8-K'] });
    const formDs = expected({ formTypes: ['D'] });
    const tickers = expected({ tickers: ['GLDI', 'JPM'] });
    expect(form4s.length).toBe(167);
    expect(eightKs.length).toBeGreaterThan(10);

    await waitUntil(
      () =>
        hooks.webhook.accepted.length >= form4s.length + 2 &&
        hooks.slack.accepted.length >= eightKs.length &&
        hooks.discord.accepted.length >= formDs.length &&
        hooks.telegram.accepted.length >= tickers.length,
      'every delivery',
      30_000,
    );
    // Nothing more arrives later (no duplicate, nothing for the disabled rule).
    await new Promise((resolve) => setTimeout(resolve, 300));

    // A rule that needs insights gets only the insights entries (matchesFilters decides).
    const insiderRequests = hooks.webhook.requests.filter(
      (r) => r.path === '/insider',
    );
    expect(
      insiderRequests.map((r) => [
        JSON.parse(r.body).kind,
        JSON.parse(r.body).filing.accessionNo,
      ]),
    ).toEqual(insights.map((f) => ['insights', f.accessionNo]));
    const hookRequests = hooks.webhook.requests.filter(
      (r) => r.path !== '/insider',
    );
    const bodies = hookRequests.map((r) => JSON.parse(r.body));
    expect(hookRequests.every((r) => r.path === '/hook')).toBe(true);
    expect(bodies.map((b) => b.filing.accessionNo)).toEqual(form4s);
    expect(bodies.map((b) => b.kind)).toEqual([
      ...form4s.slice(0, -2).map(() => 'filing'),
      'insights',
      'insights',
    ]);
    expect(
      bodies[bodies.length - 1].filing.insights.ownership.owners[0].name,
    ).toBe('Jane Doe');
    for (const request of hookRequests) {
      const body = JSON.parse(request.body);
      expect(body.rule).toEqual({ id: webhook.id, name: 'Form 4s' });
      expect(request.headers['x-secfeed-signature']).toBe(
        signature(request.body, SECRET),
      );
      expect(request.headers['x-secfeed-delivery']).toBe(
        deliveryId(webhook.id, body.filing.accessionNo, body.kind),
      );
    }
    const ids = hooks.webhook.requests.map(
      (r) => r.headers['x-secfeed-delivery'],
    );
    expect(new Set(ids).size).toBe(ids.length);

    const texts = (hook: Receiver, field: string) =>
      hook.requests.map((r) => JSON.parse(r.body)[field] as string);
    expect(hooks.slack.requests.every((r) => r.path === SLACK_PATH)).toBe(true);
    expect(
      texts(hooks.slack, 'text').map(
        (t) => /\/(\d{10}-\d{2}-\d{6})-index\.htm/.exec(t)?.[1],
      ),
    ).toEqual(eightKs);
    expect(texts(hooks.slack, 'text')[0]).toMatch(
      /^\*Form 8-K · .+\*\nFiled 2020-01-03T/,
    );
    expect(hooks.discord.requests.every((r) => r.path === DISCORD_PATH)).toBe(
      true,
    );
    expect(
      texts(hooks.discord, 'content').map(
        (t) => /\/(\d{10}-\d{2}-\d{6})-index\.htm/.exec(t)?.[1],
      ),
    ).toEqual(formDs);
    expect(
      hooks.telegram.requests.every((r) => r.path === `/bot${BOT}/sendMessage`),
    ).toBe(true);
    const sent = hooks.telegram.requests.map((r) => JSON.parse(r.body));
    expect(sent.every((m) => m.chat_id === '-100123')).toBe(true);
    expect(
      sent.map((m) => /\/(\d{10}-\d{2}-\d{6})-index\.htm/.exec(m.text)?.[1]),
    ).toEqual(tickers);
    expect(sent[0].text).toMatch(/\((GLDI|JPM)\)/);

    const report = await api(
      alerts.base,
      'GET',
      `/api/alert-rules/${webhook.id}/deliveries`,
    );
    expect(report.status).toBe(200);
    expect(report.body.queued).toBe(0);
    expect(report.body.progress.delivered).toBe(String(form4s.length));
    expect(report.body.recent[0]).toMatchObject({
      outcome: 'delivered',
      kind: 'insights',
      attempt: 1,
    });
    const metrics = await (await fetch(`${alerts.base}/metrics`)).text();
    expect(metrics).toContain(
      `secfeed_alerts_deliveries_total{channel="webhook",outcome="delivered"} ${form4s.length + 2}`,
    );
    expect(metrics).toContain(
      `secfeed_alerts_deliveries_total{channel="slack",outcome="delivered"} ${eightKs.length}`,
    );
    expect(metrics).toMatch(
      /secfeed_alerts_delivery_lag_seconds_count\{channel="telegram"\} \d+/,
    );
    expect(metrics).toContain(
      `secfeed_alerts_entries_read_total ${filings.length + insights.length}`,
    );
    for (const rule of [slack, discord, telegram]) {
      expect(
        (
          await api(
            alerts.base,
            'GET',
            `/api/alert-rules/${rule.id}/deliveries`,
          )
        ).body.queued,
      ).toBe(0);
    }
  }, 60_000);
});
