// The rules API of the production service on real Redis and a real HTTP server: CRUD, the 400
// codes of bad rules, secrets masked in every answer and absent from the log, JWT when auth is
// on, and test-send to a real local receiver.
import { signJwt } from '@secfeed/access-control';
import { signature } from '@secfeed/alert-delivery';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import {
  api,
  startAlerts,
  type AlertsHarness,
} from '../test-support/alerts-harness';
import { startReceiver, type Receiver } from '../test-support/receiver';

const AUTH = 'a-secret-of-at-least-thirty-two-characters';
const SECRET = 'whsec-this-is-the-webhook-secret-XYZW';
const SLACK =
  'https://hooks.slack.com/services/T0001/B0001/slackSECRETpath9876';
const BOT = '987654:telegramSECRETtoken-abcdefgh1234';

describe('the alert rules API', () => {
  let redis: TestRedis;
  let prefix: string;
  let alerts: AlertsHarness;
  let receiver: Receiver;
  let auth: Record<string, string>;

  beforeAll(async () => {
    redis = await connectTestRedis();
    prefix = uniqueKeyPrefix('alerts-api');
    receiver = await startReceiver();
    alerts = await startAlerts(prefix, {
      GATEWAY_AUTH_SECRET: AUTH,
      ALERTS_SLACK_URL: receiver.url,
      ALERTS_MAX_RULES: '5',
    });
    auth = {
      authorization: `Bearer ${signJwt({ sub: 'ops', exp: Math.floor(Date.now() / 1000) + 600 }, AUTH)}`,
    };
  });

  afterAll(async () => {
    await alerts?.stop();
    await receiver?.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis?.quit();
  });

  const call = (method: string, path: string, body?: unknown) =>
    api(alerts.base, method, path, body, auth);
  const webhookRule = (
    extra: object = {},
    url = 'https://receiver.example/in',
  ) => ({
    name: 'AAPL 8-K',
    filters: { tickers: ['aapl'], formTypes: ['8-K'] },
    channel: { type: 'webhook', url, secret: SECRET },
    ...extra,
  });

  it('requires a valid JWT when auth is on, as the gateway does', async () => {
    expect(await api(alerts.base, 'GET', '/api/alert-rules')).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_MISSING' } },
    });
    const expired = signJwt(
      { exp: Math.floor(Date.now() / 1000) - 3600 },
      AUTH,
    );
    expect(
      await api(alerts.base, 'GET', '/api/alert-rules', undefined, {
        authorization: `Bearer ${expired}`,
      }),
    ).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_EXPIRED' } },
    });
    expect((await call('GET', '/api/alert-rules')).status).toBe(200);
    expect((await fetch(`${alerts.base}/healthz`)).status).toBe(200);
  });

  it('creates, reads, lists, replaces, patches and deletes a rule, masking its secrets', async () => {
    const created = await call(
      'POST',
      '/api/alert-rules',
      webhookRule({}, `${receiver.url}/in`),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^r[0-9a-f]{16}$/);
    expect(created.body).toMatchObject({
      name: 'AAPL 8-K',
      enabled: true,
      filters: {
        tickers: ['AAPL'],
        formTypes: ['8-K'],
        ciks: [],
        includeAmendments: true,
      },
      channel: {
        type: 'webhook',
        url: `${receiver.url}/in`,
        secret: '****XYZW',
      },
      ratePerSecond: 10,
    });
    expect((await call('GET', `/api/alert-rules/${id}`)).body).toEqual(
      created.body,
    );
    expect((await call('GET', '/api/alert-rules')).body.rules).toEqual([
      created.body,
    ]);

    // PUT back what was read (masked secret): the stored secret stays.
    const replaced = await call('PUT', `/api/alert-rules/${id}`, {
      ...created.body,
      name: 'renamed',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      id,
      name: 'renamed',
      channel: { secret: '****XYZW' },
    });
    const patched = await call('PATCH', `/api/alert-rules/${id}`, {
      enabled: false,
    });
    expect(patched.body).toMatchObject({ id, name: 'renamed', enabled: false });

    // The secret still signs: test-send to the receiver.
    const test = await call('POST', `/api/alert-rules/${id}/test`);
    expect(test).toMatchObject({
      status: 200,
      body: { delivered: true, status: 200 },
    });
    const sent = receiver.requests[receiver.requests.length - 1];
    expect(sent.path).toBe('/in');
    expect(sent.headers['x-secfeed-signature']).toBe(
      signature(sent.body, SECRET),
    );
    expect(sent.headers['x-secfeed-delivery']).toBe(test.body.deliveryId);
    expect(JSON.parse(sent.body)).toMatchObject({
      rule: { id, name: 'renamed' },
      filing: { test: true },
    });

    expect((await call('DELETE', `/api/alert-rules/${id}`)).status).toBe(204);
    expect(await call('GET', `/api/alert-rules/${id}`)).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    expect((await call('DELETE', `/api/alert-rules/${id}`)).status).toBe(404);
  });

  it('masks Slack URL paths and Telegram tokens, and never logs a secret', async () => {
    const slack = await call('POST', '/api/alert-rules', {
      name: 's',
      channel: { type: 'slack', url: SLACK },
    });
    expect(slack.body.channel).toEqual({
      type: 'slack',
      url: 'https://hooks.slack.com/****9876',
    });
    expect(slack.body.ratePerSecond).toBe(1);
    const telegram = await call('POST', '/api/alert-rules', {
      name: 't',
      channel: { type: 'telegram', botToken: BOT, chatId: 42 },
    });
    expect(telegram.body.channel).toEqual({
      type: 'telegram',
      botToken: '987654:****1234',
      chatId: '42',
    });
    const test = await call('POST', `/api/alert-rules/${slack.body.id}/test`);
    expect(test.status).toBe(200);
    expect(receiver.requests[receiver.requests.length - 1].path).toBe(
      '/services/T0001/B0001/slackSECRETpath9876',
    );
    // A failing test-send answers 502 with the failure's code.
    receiver.respond = () => ({ status: 404 });
    expect(
      await call('POST', `/api/alert-rules/${slack.body.id}/test`),
    ).toMatchObject({
      status: 502,
      body: {
        error: { code: 'TEST_SEND_FAILED', failure: 'REJECTED', status: 404 },
      },
    });
    receiver.respond = () => ({ status: 200 });
    const everything = JSON.stringify([
      (await call('GET', '/api/alert-rules')).body,
      alerts.logs,
    ]);
    for (const secret of [
      SECRET,
      'slackSECRETpath',
      'telegramSECRETtoken',
      AUTH,
    ]) {
      expect(everything).not.toContain(secret);
    }
    await call('DELETE', `/api/alert-rules/${slack.body.id}`);
    await call('DELETE', `/api/alert-rules/${telegram.body.id}`);
  });

  it.each([
    ['not JSON', '{"name":', 'INVALID_JSON', undefined],
    ['an array', [], 'INVALID_RULE', ''],
    [
      'no name',
      { channel: { type: 'slack', url: SLACK } },
      'INVALID_RULE',
      'name',
    ],
    [
      'an unknown field',
      { ...webhookRule(), colour: 'red' },
      'INVALID_RULE',
      'colour',
    ],
    [
      'enabled not boolean',
      webhookRule({ enabled: 'yes' }),
      'INVALID_RULE',
      'enabled',
    ],
    [
      'a filter typo',
      webhookRule({ filters: { ticker: ['AAPL'] } }),
      'INVALID_FILTERS',
      'filters.ticker',
    ],
    [
      'a bad ticker',
      webhookRule({ filters: { tickers: ['no spaces allowed'] } }),
      'INVALID_FILTERS',
      'filters.tickers',
    ],
    [
      '101 tickers',
      webhookRule({
        filters: { tickers: Array.from({ length: 101 }, (_, i) => `T${i}`) },
      }),
      'TOO_MANY_VALUES',
      'filters.tickers',
    ],
    [
      'a bad insight filter',
      webhookRule({ filters: { tenb51: 'yes' } }),
      'INVALID_TENB51',
      'filters.tenb51',
    ],
    ['no channel', { name: 'x' }, 'INVALID_CHANNEL', 'channel'],
    [
      'an unknown channel',
      webhookRule({ channel: { type: 'email', to: 'a@b' } }),
      'INVALID_CHANNEL',
      'channel.type',
    ],
    [
      'a webhook without secret',
      webhookRule({ channel: { type: 'webhook', url: 'https://x.example/h' } }),
      'INVALID_CHANNEL',
      'channel.secret',
    ],
    [
      'a short secret',
      webhookRule({
        channel: {
          type: 'webhook',
          url: 'https://x.example/h',
          secret: 'short',
        },
      }),
      'WEAK_SECRET',
      'channel.secret',
    ],
    [
      'an ftp webhook',
      webhookRule({
        channel: { type: 'webhook', url: 'ftp://x.example/h', secret: SECRET },
      }),
      'INVALID_CHANNEL_URL',
      'channel.url',
    ],
    [
      'credentials in a webhook URL',
      webhookRule({
        channel: {
          type: 'webhook',
          url: 'https://u:p@x.example/h',
          secret: SECRET,
        },
      }),
      'INVALID_CHANNEL_URL',
      'channel.url',
    ],
    [
      'a Slack URL elsewhere',
      {
        name: 'x',
        channel: {
          type: 'slack',
          url: 'https://evil.example/services/T0/B0/abcdefgh',
        },
      },
      'INVALID_CHANNEL_URL',
      'channel.url',
    ],
    [
      'a Discord URL elsewhere',
      {
        name: 'x',
        channel: { type: 'discord', url: 'https://discord.com/other/1/2' },
      },
      'INVALID_CHANNEL_URL',
      'channel.url',
    ],
    [
      'a bad bot token',
      {
        name: 'x',
        channel: { type: 'telegram', botToken: 'nope', chatId: '1' },
      },
      'INVALID_CHANNEL',
      'channel.botToken',
    ],
    [
      'an extra channel field',
      { name: 'x', channel: { type: 'slack', url: SLACK, secret: 'x' } },
      'INVALID_CHANNEL',
      'channel.secret',
    ],
    [
      'a rate of 0',
      webhookRule({ ratePerSecond: 0 }),
      'INVALID_RATE',
      'ratePerSecond',
    ],
  ])('refuses %s', async (_what, body, code, field) => {
    const answer = await call('POST', '/api/alert-rules', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    if (field !== undefined) expect(answer.body.error.field).toBe(field);
    expect(typeof answer.body.error.message).toBe('string');
  });

  it('answers unknown paths 404, wrong methods 405, huge bodies 413 and caps the rule count', async () => {
    expect((await call('GET', '/api/nothing')).body.error.code).toBe(
      'NOT_FOUND',
    );
    expect((await call('GET', '/api/alert-rules/bad%20id')).status).toBe(404);
    expect(await call('DELETE', '/api/alert-rules')).toMatchObject({
      status: 405,
      body: { error: { code: 'METHOD_NOT_ALLOWED' } },
    });
    const huge = await call(
      'POST',
      '/api/alert-rules',
      webhookRule({ name: 'x'.repeat(70_000) }),
    );
    expect(huge).toMatchObject({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE' } },
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await call('POST', '/api/alert-rules', webhookRule())).body.id);
    expect(await call('POST', '/api/alert-rules', webhookRule())).toMatchObject(
      { status: 409, body: { error: { code: 'TOO_MANY_RULES' } } },
    );
    for (const id of ids) await call('DELETE', `/api/alert-rules/${id}`);
  });
});
