import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import type { BenchRedis } from '../lib/redis-helpers';

const TICKERS = [
  'AAPL',
  'MSFT',
  'NVDA',
  'AMZN',
  'GOOGL',
  'META',
  'TSLA',
  'JPM',
  'XOM',
  'WMT',
];
const FORMS = ['4', '8-K', '10-Q', '10-K', 'SC 13G', '424B2', '4/A', '8-K/A'];

/**
 * Publishes `count` filings through dedup under `prefix`, 500 a batch, the newest filed now and
 * each 30 s older than the next; tickers, CIKs (50) and form types in turn.
 */
export async function seedWeek(
  redis: BenchRedis,
  prefix: string,
  count: number,
): Promise<void> {
  const publisher = new FilingPublisher(redis, {
    keys: createRedisKeys(prefix),
  });
  const now = Date.now();
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, j) => {
      const n = i + j;
      return makeFiling({
        ticker: TICKERS[n % TICKERS.length],
        cik: String(1000 + (n % 50)),
        formType: FORMS[n % FORMS.length],
        filedAt: easternIsoString(now - (count - n) * 30_000),
      });
    });
    await publisher.publishBatch(batch);
  }
}
