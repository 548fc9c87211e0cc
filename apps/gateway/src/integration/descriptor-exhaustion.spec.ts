// Regression: with every file descriptor in use (connections up to `ulimit -n`, which is below
// GATEWAY_MAX_CONNECTIONS' default), serving a dashboard file threw EMFILE from a read stream
// with no error handler and the process exited. It now answers 503 STATIC_FILE_UNAVAILABLE,
// and the accept side sheds connections it has no descriptor for without failing.
import { uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startGatewayProcess,
  type GatewayProcess,
} from './test-support/gateway-process';
import { holdConnections } from './test-support/hold-connections';
import { statusOf } from './test-support/raw-http';

jest.setTimeout(60_000);

/** Low enough to reach in a second or two, high enough for Node and Redis to start. */
const FD_LIMIT = 128;

describe('the built gateway out of file descriptors', () => {
  let dashboard: string;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    dashboard = mkdtempSync(join(tmpdir(), 'secfeed-emfile-'));
    writeFileSync(join(dashboard, 'index.html'), '<!doctype html>');
    writeFileSync(join(dashboard, 'logo.png'), Buffer.alloc(1 << 20, 3));
    gateway = startGatewayProcess(
      {
        SECFEED_KEY_PREFIX: uniqueKeyPrefix('gw-emfile'),
        GATEWAY_PORT: '0',
        GATEWAY_STATIC_DIR: dashboard,
      },
      { fdLimit: FD_LIMIT },
    );
    await gateway.ready();
  });
  afterAll(async () => {
    await gateway.kill();
    rmSync(dashboard, { recursive: true, force: true });
  });

  it('answers a file request 503 STATIC_FILE_UNAVAILABLE, sheds new connections, and recovers', async () => {
    const port = await gateway.port();
    const { held, exhausted } = await holdConnections(port);
    expect(exhausted).toBe(true);
    expect(held.length).toBeLessThan(FD_LIMIT);

    const answers = await Promise.all(
      held.slice(0, 5).map(
        (socket) =>
          new Promise<string>((resolve) => {
            let text = '';
            socket.on('data', (chunk: Buffer) => {
              text += chunk.toString('latin1');
              if (text.includes('\r\n\r\n')) resolve(text);
            });
            socket.on('close', () => resolve(text));
            socket.write('GET /logo.png HTTP/1.1\r\nHost: x\r\n\r\n');
          }),
      ),
    );
    for (const answer of answers) {
      expect(statusOf(answer)).toBe(503);
      expect(answer).toMatch(/retry-after: 5/i);
    }
    expect(gateway.alive).toBe(true);

    held.forEach((socket) => socket.destroy());
    const base = await gateway.http();
    // The gateway frees the descriptors as it sees the closes, which on a loaded machine can
    // come after the next request: recovering means serving the file again within seconds.
    let file: Response | undefined;
    await waitUntil(
      async () => {
        await file?.arrayBuffer(); // the 503's body, so its connection is free
        file = await fetch(`${base}/logo.png`);
        return file.status === 200;
      },
      'the file served again',
      15_000,
    );
    expect((await file?.arrayBuffer())?.byteLength).toBe(1 << 20);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /secfeed_gateway_errors_total\{code="STATIC_FILE_UNAVAILABLE"\} [1-9]/,
    );
    expect(gateway.messages()).toContain('static file not served');
    expect(gateway.alive).toBe(true);
  });
});
