import { ConfigError } from './config-error';
import { EnvReader } from './env-reader';

const reader = (env: Record<string, string>) => new EnvReader(env);
const failure = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('EnvReader', () => {
  it('takes the default for unset and blank variables', () => {
    const env = reader({ BLANK: '  ' });
    expect(env.port('GATEWAY_PORT', 9000)).toBe(9000);
    expect(env.bool('BLANK', true)).toBe(true);
    expect(env.string('BLANK', 'x')).toBe('x');
  });

  it('reads valid values, trimmed', () => {
    const env = reader({
      P: ' 9100 ',
      B: 'FALSE',
      U: 'redis://h:6380',
      O: 'edgar',
      F: '2.5',
    });
    expect(env.port('P', 1)).toBe(9100);
    expect(env.bool('B', true)).toBe(false);
    expect(env.url('U', 'redis://x', ['redis:', 'rediss:'])).toBe(
      'redis://h:6380',
    );
    expect(
      env.oneOf('O', 'replay', ['sec-api', 'edgar', 'replay'] as const),
    ).toBe('edgar');
    expect(env.positive('F', 1)).toBe(2.5);
  });

  it('reads a comma-separated list of URLs as given', () => {
    const list = 'redis://a:7000, redis://b:7001,redis://c:7002';
    const env = reader({ L: list, U: 'redis://h:6380' });
    expect(env.urlList('L', 'redis://x', ['redis:'])).toBe(list);
    expect(env.urlList('U', 'redis://x', ['redis:'])).toBe('redis://h:6380');
    expect(env.urlList('UNSET', 'redis://x', ['redis:'])).toBe('redis://x');
  });

  it.each([
    [
      'port out of range',
      () => reader({ GATEWAY_PORT: '70000' }).port('GATEWAY_PORT', 9000),
      'GATEWAY_PORT',
      /0 to 65535/,
    ],
    [
      'port not a number',
      () => reader({ GATEWAY_PORT: '90a' }).port('GATEWAY_PORT', 9000),
      'GATEWAY_PORT',
      /whole number/,
    ],
    [
      'bool not a bool',
      () => reader({ STREAM_ENABLED: 'maybe' }).bool('STREAM_ENABLED', true),
      'STREAM_ENABLED',
      /true or false/,
    ],
    [
      'url not a url',
      () =>
        reader({ REDIS_URL: 'nope' }).url('REDIS_URL', 'redis://x', ['redis:']),
      'REDIS_URL',
      /must be a URL/,
    ],
    [
      'url of the wrong kind',
      () =>
        reader({ REDIS_URL: 'http://x' }).url('REDIS_URL', 'redis://x', [
          'redis:',
        ]),
      'REDIS_URL',
      /redis: URL/,
    ],
    [
      'url list with one bad member',
      () =>
        reader({ REDIS_URL: 'redis://a:7000,http://b:7001' }).urlList(
          'REDIS_URL',
          'redis://x',
          ['redis:'],
        ),
      'REDIS_URL',
      /redis: URL, got http:/,
    ],
    [
      'value not allowed',
      () =>
        reader({ INGEST_SOURCE: 'ftp' }).oneOf('INGEST_SOURCE', 'replay', [
          'replay',
        ]),
      'INGEST_SOURCE',
      /one of replay/,
    ],
    [
      'not positive',
      () => reader({ REPLAY_SPEED: '0' }).positive('REPLAY_SPEED', 60),
      'REPLAY_SPEED',
      /positive/,
    ],
  ])('fails fast naming the variable: %s', (_name, read, variable, message) => {
    const err = failure(read);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(new RegExp(`^${variable}: `));
    expect(err.message).toMatch(message);
    expect(err.code).toBe('CONFIG_INVALID');
  });
});

describe('EnvReader.daysAsMs', () => {
  const DAY = 86_400_000;

  it('reads days, fractions included, as whole milliseconds; the default when unset', () => {
    expect(reader({}).daysAsMs('D', 7, 10 * DAY)).toBe(7 * DAY);
    expect(reader({ D: '0.5' }).daysAsMs('D', 7, 10 * DAY)).toBe(DAY / 2);
    expect(reader({ D: '10' }).daysAsMs('D', 7, 10 * DAY)).toBe(10 * DAY);
  });

  it.each(['0', '-1', 'abc', '1e-12', '10.001'])(
    'refuses %p naming the variable',
    (raw) => {
      const err = failure(() => reader({ D: raw }).daysAsMs('D', 7, 10 * DAY));
      expect(err.message).toContain('D');
      expect(err.message).toContain(raw);
    },
  );
});
