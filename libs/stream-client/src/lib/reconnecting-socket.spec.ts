import { collect, waitUntil, type Collected } from '@secfeed/test-kit';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startWsServer,
  tcpConnections,
  type WsTestServer,
} from '../test-support/ws-test-server';
import { reconnectingSocket } from './reconnecting-socket';
import { RetryExhaustedError } from '@secfeed/reconnect-policy';
import type { SocketEvent } from './socket-event';

const fast = { minDelayMs: 30, maxDelayMs: 100 };
const types = (events: SocketEvent[]) => events.map((event) => event.type);
const count = (events: SocketEvent[], type: SocketEvent['type']) =>
  events.filter((event) => event.type === type).length;

describe('reconnectingSocket (real ws servers)', () => {
  const servers: WsTestServer[] = [];
  let client: Collected<SocketEvent> | undefined;
  const serve = async (...args: Parameters<typeof startWsServer>) => {
    const server = await startWsServer(...args);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    client?.subscription.unsubscribe();
    client = undefined;
    await Promise.all(servers.splice(0).map((server) => server.stop()));
  });

  it('delivers text frames as strings and binary frames as Buffers', async () => {
    const server = await serve((socket) => {
      socket.send('[{"accessionNo":"1"}]');
      socket.send(Buffer.from([1, 2, 3]));
    });
    client = collect(reconnectingSocket({ url: server.url, retry: fast }));
    await client.waitFor((events) => count(events, 'message') === 2);
    expect(client.values).toEqual([
      { type: 'connecting', attempt: 1 },
      { type: 'open' },
      { type: 'message', data: '[{"accessionNo":"1"}]', binary: false },
      { type: 'message', data: Buffer.from([1, 2, 3]), binary: true },
    ]);
  });

  it('reports invalid UTF-8 in a text frame as a transport error of the open connection (1007)', async () => {
    const server = await serve((socket, index) => {
      if (index === 0)
        socket.send(Buffer.from([0x5b, 0xff, 0x5d]), { binary: false });
      else socket.send('after');
    });
    client = collect(reconnectingSocket({ url: server.url, retry: fast }));
    await client.waitFor((events) => count(events, 'message') === 1);
    expect(client.values[2]).toMatchObject({
      type: 'closed',
      failure: {
        code: 'TRANSPORT_ERROR',
        message: expect.stringMatching(/UTF-8/),
      },
    });
    expect(client.values.at(-1)).toMatchObject({ data: 'after' });
  });

  it('reports the close code, backs off, reconnects and resumes messages', async () => {
    const server = await serve((socket, index) => {
      if (index === 0) socket.close(4001, 'maintenance');
      else socket.send(`hello ${index}`);
    });
    client = collect(reconnectingSocket({ url: server.url, retry: fast }));
    await client.waitFor((events) => count(events, 'message') === 1);
    expect(types(client.values)).toEqual([
      'connecting',
      'open',
      'closed',
      'retry',
      'connecting',
      'open',
      'message',
    ]);
    expect(client.values[2]).toEqual({
      type: 'closed',
      code: 4001,
      reason: 'maintenance',
    });
    expect(client.values[3]).toMatchObject({ type: 'retry', attempt: 1 });
    expect(client.values[4]).toEqual({ type: 'connecting', attempt: 2 });
    expect(client.values[6]).toMatchObject({ data: 'hello 1' });
  });

  it('reconnects when the server dies and comes back on the same port', async () => {
    const first = await serve((socket) => socket.send('first life'));
    client = collect(reconnectingSocket({ url: first.url, retry: fast }));
    await client.waitFor((events) => count(events, 'message') === 1);
    await first.stop();
    await client.waitFor((events) => count(events, 'retry') >= 2);
    expect(client.values[3]).toMatchObject({ type: 'closed', code: 1006 });
    await serve((socket) => socket.send('second life'), {}, first.port);
    await client.waitFor((events) => count(events, 'message') === 2);
    expect(client.values.at(-1)).toMatchObject({ data: 'second life' });
    expect(
      client.values.filter((event) => event.type === 'closed').slice(1),
    ).toContainEqual(
      expect.objectContaining({
        failure: expect.objectContaining({ code: 'HANDSHAKE_FAILED' }),
      }),
    );
  });

  it('terminates a half-open connection after silenceTimeoutMs and reconnects', async () => {
    const server = await serve(
      (socket, index) => {
        // The first connection accepts the upgrade, then goes silent and stops reading.
        if (index === 0)
          (socket as unknown as { _socket: { pause(): void } })._socket.pause();
        else socket.send('alive');
      },
      { autoPong: false },
    );
    const started = Date.now();
    client = collect(
      reconnectingSocket({
        url: server.url,
        retry: fast,
        silenceTimeoutMs: 300,
      }),
    );
    await client.waitFor((events) => count(events, 'closed') === 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(client.values[2]).toMatchObject({
      type: 'closed',
      code: 1006,
      failure: { code: 'SILENCE_TIMEOUT' },
    });
    await client.waitFor((events) => count(events, 'message') === 1);
    expect(types(client.values).slice(3)).toEqual([
      'retry',
      'connecting',
      'open',
      'message',
    ]);
  });

  it('keeps a connection that only receives pings', async () => {
    const server = await serve((socket) => {
      const timer = setInterval(() => socket.ping(), 50);
      socket.on('close', () => clearInterval(timer));
    });
    client = collect(
      reconnectingSocket({
        url: server.url,
        retry: fast,
        silenceTimeoutMs: 150,
      }),
    );
    await sleep(500);
    expect(types(client.values)).toEqual(['connecting', 'open']);
  });

  it('leaves no socket on the server when unsubscribed mid-connect', async () => {
    let upgrades = 0;
    const server = await serve(undefined, {
      verifyClient: (_info, done) => {
        upgrades += 1;
        setTimeout(() => done(true), 150);
      },
    });
    client = collect(reconnectingSocket({ url: server.url, retry: fast }));
    await waitUntil(() => upgrades === 1, 'the upgrade');
    client.subscription.unsubscribe();
    await sleep(250);
    expect(server.wss.clients.size).toBe(0);
    await waitUntil(
      async () => (await tcpConnections(server.http)) === 0,
      'no TCP connection left',
    );
    expect(types(client.values)).toEqual(['connecting']);
  });

  it('leaves no socket on the server and stops retrying when unsubscribed mid-backoff', async () => {
    const server = await serve((socket) => socket.close(4000, 'go away'));
    client = collect(
      reconnectingSocket({
        url: server.url,
        retry: { minDelayMs: 200, maxDelayMs: 200 },
      }),
    );
    await client.waitFor((events) => count(events, 'retry') === 1);
    client.subscription.unsubscribe();
    await waitUntil(
      () => server.wss.clients.size === 0,
      'the server to have no client',
    );
    await sleep(300);
    expect(server.accepted).toHaveLength(1);
    expect(types(client.values)).toEqual([
      'connecting',
      'open',
      'closed',
      'retry',
    ]);
  });

  it('closes an open connection with 1000 when unsubscribed', async () => {
    const server = await serve();
    client = collect(reconnectingSocket({ url: server.url }));
    await client.waitFor((events) => count(events, 'open') === 1);
    const closed = new Promise<number>((resolve) =>
      server.accepted[0].on('close', resolve),
    );
    client.subscription.unsubscribe();
    expect(await closed).toBe(1000);
    await waitUntil(
      () => server.wss.clients.size === 0,
      'the server to have no client',
    );
  });

  it('never reveals the API key, even when the upgrade is rejected', async () => {
    const server = await serve(undefined, {
      verifyClient: (_info, done) => done(false, 401, 'Unauthorized'),
    });
    client = collect(
      reconnectingSocket({ url: server.url, retry: fast, maxAttempts: 2 }),
    );
    await client.waitFor(() => false).catch(() => undefined);
    expect(client.error).toBeInstanceOf(RetryExhaustedError);
    expect(client.values[1]).toMatchObject({
      type: 'closed',
      failure: {
        code: 'HANDSHAKE_FAILED',
        message: expect.stringContaining('401'),
      },
    });
    expect(JSON.stringify(client.values)).not.toContain('TOPSECRETKEY');
  });

  it('throws for invalid options without showing the key', () => {
    expect(() =>
      reconnectingSocket({ url: 'http://x.test/?apiKey=TOPSECRETKEY' }),
    ).toThrow(/ws: or wss:.*apiKey=\*\*\*/);
    expect(() =>
      reconnectingSocket({ url: 'ws://x.test', silenceTimeoutMs: 0 }),
    ).toThrow(/silenceTimeoutMs/);
    expect(() =>
      reconnectingSocket({ url: 'ws://x.test', headers: { a: 'b\r\nc' } }),
    ).toThrow(TypeError);
  });
});
