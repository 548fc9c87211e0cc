import { createLogger } from '@secfeed/service-runtime';
import { Writable } from 'node:stream';
import { retryUntilStopped } from './retry-until-stopped';

describe('retryUntilStopped', () => {
  const lines: string[] = [];
  const logger = createLogger(
    'gateway',
    'info',
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)).msg);
        done();
      },
    }),
  );
  beforeEach(() => lines.splice(0));

  it('tries again after each failure, logging it, until the attempt succeeds', async () => {
    let calls = 0;
    const result = await retryUntilStopped(
      'Redis connection',
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('ECONNREFUSED');
        return 'connected';
      },
      { logger, signal: new AbortController().signal, retryMs: 1 },
    );
    expect(result).toBe('connected');
    expect(calls).toBe(3);
    expect(lines).toEqual([
      'Redis connection failed; retrying',
      'Redis connection failed; retrying',
    ]);
  });

  it('gives up with undefined once its signal aborts, without another attempt', async () => {
    const stopping = new AbortController();
    let calls = 0;
    const result = await retryUntilStopped(
      'stream reader start',
      async () => {
        calls += 1;
        stopping.abort();
        throw new Error('stopping');
      },
      { logger, signal: stopping.signal, retryMs: 60_000 },
    );
    expect(result).toBeUndefined();
    expect(calls).toBe(1);
    expect(lines).toEqual([]);
  });
});
