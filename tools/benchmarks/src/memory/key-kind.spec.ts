import { createRedisKeys } from '@secfeed/redis-keys';
import { kindOf } from './key-kind';

const keys = createRedisKeys();
const accessionNo = '0000320193-20-000001';

describe('kindOf', () => {
  it.each([
    [keys.stream, 'stream'],
    [keys.seen(accessionNo), 'seen-marks'],
    [keys.filing(accessionNo), 'documents'],
    [keys.latest, 'latest'],
    [keys.ticker('AAPL'), 'ticker indexes'],
    [keys.history, 'all index'],
    [keys.cik('320193'), 'cik indexes'],
    [keys.formType('8-K'), 'form indexes'],
  ])('%s is counted as %s', (key, kind) => {
    expect(kindOf(key)).toBe(kind);
  });
});
