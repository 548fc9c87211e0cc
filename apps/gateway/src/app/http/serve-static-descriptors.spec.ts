// A download the client abandons must not keep its file open: with `.pipe` the read stream
// stayed paused, holding the descriptor, until the process ran out of them.
import { waitUntil } from '@secfeed/test-kit';
import {
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStaticHandler, type StaticFailure } from './serve-static';

/** How many of this process's descriptors are open on `file`. */
function openOn(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed while listing
    }
  }).length;
}

describe('the dashboard files and their descriptors', () => {
  let root: string;
  let big: string;
  let server: Server;
  let port: number;
  const failures: StaticFailure[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'secfeed-static-fd-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    // Images are sent as they are (streamed), never compressed into memory.
    big = join(root, 'big.png');
    writeFileSync(big, Buffer.alloc(32 << 20, 1));
    const handle = createStaticHandler(root, (failure) =>
      failures.push(failure),
    );
    server = createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('closes the file when the client aborts a large download, and reports no failure', async () => {
    for (let i = 0; i < 5; i += 1) {
      await new Promise<void>((resolve, reject) => {
        const req = get(
          { host: '127.0.0.1', port, path: '/big.png' },
          (res) => {
            expect(res.statusCode).toBe(200);
            expect(Number(res.headers['content-length'])).toBe(32 << 20);
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
      });
    }
    await waitUntil(
      () => openOn(big) === 0,
      'every descriptor of big.png closed',
      3000,
    );
    expect(failures).toEqual([]);
  });

  it('sends the whole file to a client that reads it all, then closes it', async () => {
    const length = await new Promise<number>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: '/big.png' }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve(bytes));
      }).on('error', reject);
    });
    expect(length).toBe(32 << 20);
    await waitUntil(() => openOn(big) === 0, 'big.png closed', 3000);
  });
});
