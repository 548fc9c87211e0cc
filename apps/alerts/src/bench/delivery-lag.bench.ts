// Delivery lag of the alerts service (docs/benchmarks.md, "Alerts"): from a filing's stream entry
// (its ID time) to a local webhook receiving it, for 1,000 real filings of the replay day.
//
//   npm run bench:alerts            (Redis on 127.0.0.1:6379 or REDIS_URL)
//
// Scenarios, each on a fresh key prefix with the production AlertsService in this process:
// - steady: one rule matching everything, 1,000 filings published at 50 a second (above the
//   replayed day's peak minute), rule rate 100/s: the pipeline's own latency;
// - burst: the same 1,000 filings in one go: lag grows by the rule's pacing (100/s);
// - fan-out: 20 rules matching everything, 1,000 filings at 50 a second: 20,000 deliveries;
// - watchlists: 1,000 rules of one ticker each, 1,000 filings at 50 a second (the replayed
//   day's busiest minute has 22 filings): every filing matched against 1,000 rules.
// Prints a table and one JSON line last. Every key is deleted at the end.
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
} from '@secfeed/test-kit';
import { cpus } from 'node:os';
import { api, startAlerts } from '../app/test-support/alerts-harness';
import { publish } from '../app/test-support/publish';
import { startReceiver } from '../app/test-support/receiver';
import { replayFilings } from '../app/test-support/replay-filings';

interface Result {
  scenario: string;
  rules: number;
  filings: number;
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
}

const TICKERS = [
  ...new Set(
    replayFilings(4655)
      .map((f) => f.ticker)
      .filter(Boolean),
  ),
].sort();

/** How many of a scenario's rules match a filing of `ticker` (every rule when unfiltered). */
let matching: (ticker: string) => number = () => 1;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function scenario(
  name: string,
  rules: number,
  ratePerSecond: number | 'burst',
  filters: (rule: number) => object = () => ({}),
): Promise<Result> {
  const redis = await connectTestRedis();
  const prefix = uniqueKeyPrefix(`bench-alerts-${name}`);
  matching = (ticker) => {
    if (name !== 'watchlists') return rules;
    return ticker
      ? Array.from(
          { length: rules },
          (_, i) => TICKERS[i % TICKERS.length],
        ).filter((t) => t === ticker).length
      : 0;
  };
  const receiver = await startReceiver();
  const alerts = await startAlerts(prefix, {
    LOG_LEVEL: 'warn',
    ALERTS_RETRY_BASE_MS: '1000',
    ALERTS_RETRY_MAX_MS: '300000',
    ALERTS_LEASE_MS: '30000',
    ALERTS_TIMEOUT_MS: '10000',
    ALERTS_CLAIM_IDLE_MS: '30000',
    ALERTS_POLL_MS: '250',
    ALERTS_CONCURRENCY: '32',
  });
  try {
    for (let i = 0; i < rules; i++) {
      const created = await api(alerts.base, 'POST', '/api/alert-rules', {
        name: `rule ${i}`,
        ratePerSecond: 100,
        filters: filters(i),
        channel: {
          type: 'webhook',
          url: `${receiver.url}/r${i}`,
          secret: 'whsec-benchmark-0123456789',
        },
      });
      if (created.status !== 201)
        throw new Error(`rule not created: ${JSON.stringify(created.body)}`);
    }
    const filings = replayFilings(1000);
    const expected = filings.reduce((sum, f) => sum + matching(f.ticker), 0);
    const started = Date.now();
    const entryTime = new Map<string, number>();
    const record = (ids: string[], from: number) =>
      ids.forEach((id, i) =>
        entryTime.set(filings[from + i].accessionNo, Number(id.split('-')[0])),
      );
    if (ratePerSecond === 'burst')
      record(await publish(redis, prefix, filings), 0);
    else {
      for (let i = 0; i < filings.length; i++) {
        const due = started + (i * 1000) / ratePerSecond;
        if (due > Date.now())
          await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        record(await publish(redis, prefix, [filings[i]]), i);
      }
    }
    const deadline = Date.now() + 600_000;
    while (receiver.accepted.length < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lags = receiver.accepted
      .map((r) => {
        const body = JSON.parse(r.body) as { filing: { accessionNo: string } };
        return { at: r.at, accessionNo: body.filing.accessionNo };
      })
      .map(({ at, accessionNo }) => at - (entryTime.get(accessionNo) ?? at));
    return finish();

    function finish(): Result {
      const sorted = lags.sort((a, b) => a - b);
      return {
        scenario: name,
        rules,
        filings: filings.length,
        deliveries: receiver.accepted.length,
        p50Ms: quantile(sorted, 0.5),
        p99Ms: quantile(sorted, 0.99),
        maxMs: sorted[sorted.length - 1],
        seconds: Math.round((Date.now() - started) / 100) / 10,
      };
    }
  } finally {
    await alerts.stop();
    await receiver.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2]?.split(',');
  const plan: [string, number, number | 'burst'][] = [
    ['steady', 1, 50],
    ['burst', 1, 'burst'],
    ['fan-out', 20, 50],
  ];
  const results: Result[] = [];
  for (const [name, rules, rate] of plan) {
    if (only && !only.includes(name)) continue;
    results.push(await scenario(name, rules, rate));
  }
  if (!only || only.includes('watchlists')) {
    // 1,000 rules of one ticker each (the day's 819 tickers, some twice).
    results.push(
      await scenario('watchlists', 1000, 50, (i) => ({
        tickers: [TICKERS[i % TICKERS.length]],
      })),
    );
  }
  console.log(
    `alerts delivery lag, ${cpus().length} cores ${cpus()[0]?.model ?? ''}, Node ${process.version}`,
  );
  console.log(
    '| scenario | rules | filings | deliveries | p50 ms | p99 ms | max ms | s |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.rules} | ${r.filings} | ${r.deliveries} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.seconds} |`,
    );
  }
  console.log(JSON.stringify(results));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
