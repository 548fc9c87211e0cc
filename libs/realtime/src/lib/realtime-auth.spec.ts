import { signJwt } from '@secfeed/access-control';
import type { RealtimeConfig } from './realtime-config';
import { CLOSE_CODES } from '../index';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient } from './test-support/test-client';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('realtime: authentication and origins', () => {
  let redis: TestRedis;
  let gateway: TestGateway;
  const clients: TestClient[] = [];

  const start = async (overrides: Partial<RealtimeConfig>) => {
    gateway = await startGateway(redis.client, redis.keys, overrides);
  };
  const connect = async (path = '', options = {}) => {
    const client = await TestClient.connect(`${gateway.url}${path}`, options);
    clients.push(client);
    return client;
  };
  const refusal = (path = '', options = {}) =>
    connect(path, options).then(
      () => ({ status: 101, code: undefined }),
      (err: { status: number; body: string }) => ({
        status: err.status,
        code: JSON.parse(err.body).error.code,
      }),
    );

  beforeEach(async () => {
    redis = await connectTestRedis('rt-auth');
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway.close();
    await redis.close();
  });

  describe('with authSecret set', () => {
    beforeEach(() => start({ authSecret: SECRET }));

    it.each([
      ['no token', '', 'TOKEN_MISSING'],
      ['a malformed token', '?token=abc', 'TOKEN_MALFORMED'],
      [
        'a bad signature',
        `?token=${signJwt({ sub: 'u' }, `${SECRET}!`)}`,
        'TOKEN_BAD_SIGNATURE',
      ],
      [
        'an expired token',
        `?token=${signJwt({ exp: nowSeconds() - 3600 }, SECRET)}`,
        'TOKEN_EXPIRED',
      ],
      [
        'alg none',
        `?token=${signJwt({ sub: 'u' }, SECRET, { alg: 'none' }).replace(/[^.]+$/, '')}`,
        'TOKEN_ALG_UNSUPPORTED',
      ],
    ])(
      'refuses %s with HTTP 401 before upgrading',
      async (_label, query, code) => {
        expect(await refusal(query)).toEqual({ status: 401, code });
      },
    );

    it('accepts a valid token in the query or the Authorization header', async () => {
      const token = signJwt({ sub: 'u', exp: nowSeconds() + 3600 }, SECRET);
      const byQuery = await connect(`?token=${token}`);
      const byHeader = await connect('', {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await byQuery.request({ action: 'ping' })).toEqual({
        type: 'pong',
      });
      expect(await byHeader.request({ action: 'ping' })).toEqual({
        type: 'pong',
      });
    });

    it('closes a connection with 4001 when its token expires', async () => {
      // Inside the leeway: accepted now, expired a moment later.
      const token = signJwt({ exp: nowSeconds() - 29 }, SECRET);
      const client = await connect(`?token=${token}`);
      expect(await client.closed).toMatchObject({
        code: CLOSE_CODES.UNAUTHORIZED,
      });
    });
  });

  it('needs no token with auth off (the default)', async () => {
    await start({});
    expect(await (await connect()).request({ action: 'ping' })).toEqual({
      type: 'pong',
    });
  });

  describe('with allowedOrigins set', () => {
    beforeEach(() => start({ allowedOrigins: ['https://app.example.com'] }));

    it('refuses another browser origin with HTTP 403', async () => {
      expect(await refusal('', { origin: 'https://evil.example.com' })).toEqual(
        { status: 403, code: 'ORIGIN_FORBIDDEN' },
      );
    });

    it('accepts an allowed origin and clients that send no Origin', async () => {
      await connect('', { origin: 'https://app.example.com' });
      await connect();
      expect(gateway.realtime.readiness().connections).toBe(2);
    });
  });

  it('accepts any origin with allowedOrigins empty (the default)', async () => {
    await start({});
    await connect('', { origin: 'https://anywhere.example.com' });
  });
});
