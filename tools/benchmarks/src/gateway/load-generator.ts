/**
 * The gateway benchmark's load generator, a child process of `gateway-bench.ts` (IPC): opens
 * `count` subscribed clients, in batches, against the secfeed gateway (`ws`, sends
 * `{"action":"subscribe_sec_filings"}`) or the Socket.IO baseline (`socket.io-client`,
 * WebSocket transport only; the server puts every socket in the room), then counts every
 * filing each client receives and the publish-to-receive latency from the stamp in the
 * filing's `description`. Environment: BENCH_GEN_KIND (`ws` | `socketio`), BENCH_GEN_URL.
 */
import { cpuUsage } from 'node:process';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import {
  nowMs,
  STAMP_PREFIX,
  type ClientKind,
  type GeneratorToParent,
  type ParentToGenerator,
} from './generator-protocol';
import { LatencyHistogram } from './latency-histogram';

const kind = process.env['BENCH_GEN_KIND'] as ClientKind;
const url = process.env['BENCH_GEN_URL'] ?? '';
const CONNECT_TIMEOUT_MS = 30_000;

const histogram = new LatencyHistogram();
const perClient: number[] = [];
const closes: Record<string, number> = {};
let received = 0;
let open = 0;
let errors = 0;
const closers: Array<() => void> = [];

function send(message: GeneratorToParent): void {
  process.send?.(message);
}

const MARKER = Buffer.from(`"description":"${STAMP_PREFIX}`);
const QUOTE = 0x22;

/** A `sec_filing` frame from the gateway: find the stamp without parsing the whole JSON. */
function onWsFrame(index: number, data: Buffer): boolean {
  const at = data.indexOf(MARKER);
  if (at < 0) return false;
  const start = at + MARKER.length;
  const end = data.indexOf(QUOTE, start);
  const sentAt = Number(data.toString('latin1', start, end));
  if (perClient[index] < 0) return true;
  histogram.record(nowMs() - sentAt);
  perClient[index] += 1;
  received += 1;
  return true;
}

function onClose(code: string): void {
  open -= 1;
  closes[code] = (closes[code] ?? 0) + 1;
}

function openWs(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    let subscribed = false;
    const timer = setTimeout(() => {
      perClient[index] = -1;
      reject(new Error('timed out waiting for "subscribed"'));
      socket.terminate();
    }, CONNECT_TIMEOUT_MS);
    socket.on('open', () => socket.send('{"action":"subscribe_sec_filings"}'));
    socket.on('message', (data: Buffer) => {
      if (onWsFrame(index, data) || subscribed) return;
      if (data.indexOf('"type":"subscribed"') >= 0) {
        subscribed = true;
        open += 1;
        clearTimeout(timer);
        resolve();
      }
    });
    socket.on('error', (error) => {
      errors += 1;
      if (!subscribed) {
        clearTimeout(timer);
        perClient[index] = -1;
        reject(error);
      }
    });
    socket.on('close', (code) => {
      if (subscribed) onClose(String(code));
    });
    closers.push(() => socket.terminate());
  });
}

function openSocketIo(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
    });
    let connected = false;
    socket.on('connect', () => {
      connected = true;
      open += 1;
      resolve();
    });
    socket.on('sec_filing', (filing: { description?: string }) => {
      const sentAt = Number(
        String(filing?.description).slice(STAMP_PREFIX.length),
      );
      if (perClient[index] < 0) return;
      histogram.record(nowMs() - sentAt);
      perClient[index] += 1;
      received += 1;
    });
    socket.on('connect_error', (error) => {
      errors += 1;
      if (!connected) {
        perClient[index] = -1;
        reject(error);
      }
    });
    socket.on('disconnect', (reason) => {
      if (connected) onClose(reason);
    });
    closers.push(() => socket.disconnect());
  });
}

async function connect(count: number, batch: number): Promise<void> {
  const started = Date.now();
  let failed = 0;
  let firstError: string | undefined;
  for (let first = 0; first < count; first += batch) {
    const opening: Array<Promise<void>> = [];
    for (let i = first; i < Math.min(count, first + batch); i += 1) {
      perClient.push(0);
      const index = perClient.length - 1;
      opening.push(kind === 'ws' ? openWs(index) : openSocketIo(index));
    }
    for (const result of await Promise.allSettled(opening)) {
      if (result.status === 'rejected') {
        failed += 1;
        firstError ??= String(
          (result.reason as Error)?.message ?? result.reason,
        );
      }
    }
  }
  send({
    type: 'connected',
    open,
    failed,
    ms: Date.now() - started,
    firstError,
  });
}

process.on('message', (message: ParentToGenerator) => {
  switch (message.cmd) {
    case 'connect':
      void connect(message.count, message.batch);
      break;
    case 'progress':
      send({ type: 'progress', received, open });
      break;
    case 'report': {
      const cpu = cpuUsage();
      send({
        type: 'report',
        clients: perClient.length,
        received,
        perClient,
        histogram: histogram.snapshot(),
        closes,
        errors,
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
      break;
    }
    case 'close':
      for (const close of closers) close();
      setTimeout(() => process.exit(0), 200).unref();
      break;
  }
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
