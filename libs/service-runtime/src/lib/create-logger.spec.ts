import { Writable } from 'node:stream';
import { createLogger } from './create-logger';

function capture(): {
  stream: Writable;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('createLogger', () => {
  it('writes one JSON line per event with the service, level label and ISO time', () => {
    const out = capture();
    createLogger('ingest', 'info', out.stream).info(
      { port: 9001 },
      'Connected to Redis',
    );
    const [line] = out.lines();
    expect(line).toMatchObject({
      service: 'ingest',
      level: 'info',
      port: 9001,
      msg: 'Connected to Redis',
    });
    expect(new Date(line['time'] as string).toISOString()).toBe(line['time']);
  });

  it('never writes API keys, tokens or authorization headers', () => {
    const out = capture();
    const log = createLogger('ingest', 'info', out.stream);
    log.info(
      {
        apiKey: 'SECRET1',
        config: { secApiKey: 'SECRET2' },
        req: { headers: { authorization: 'SECRET3' } },
      },
      'x',
    );
    const text = JSON.stringify(out.lines());
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('[redacted]');
  });

  it('drops events below its level', () => {
    const out = capture();
    const log = createLogger('gateway', 'warn', out.stream);
    log.info('hidden');
    log.warn('shown');
    expect(out.lines().map((l) => l['msg'])).toEqual(['shown']);
  });
});
