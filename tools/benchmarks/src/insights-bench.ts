/**
 * The insights latency benchmark (docs/benchmarks.md, issue 11 "Performance"): a burst of
 * BENCH_INSIGHTS_FILINGS Form 4s (default 300, the 4 pm burst) reaches the BUILT ingest from
 * the sec-api simulator in one frame; ingest publishes them, reads each full submission from a
 * local EDGAR stand-in (every request answered after 100 ms with AAR's real Form 4, its
 * accession number rewritten) within the fair-access budget, and publishes the insights; the
 * BUILT gateway pushes `sec_filing` then `sec_filing_insights` to a WebSocket client here.
 *
 *   1. one ingest replica;
 *   2. two replicas on one Redis prefix (so one budget), each on an upstream of its own with
 *      half the burst, so that both read at once and the shared bucket has to hold them.
 *
 * Per scenario: sec_filing -> sec_filing_insights at the client, p50/p99/max; every insights
 * exactly once; requests per second at the stand-in (max must be <= budget + 1).
 *
 * Run: `npm run bench:insights` (builds ingest and gateway first); knobs in
 * `insights/insights-settings.ts`. Prints figures, then exactly one JSON line as the last line.
 * Every key goes under a prefix of this run and is deleted at the end; every child process and
 * server is stopped, on failure and on Ctrl-C too.
 */
import { loadReplayDay } from '@secfeed/sec-api-simulator';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runBurst, type BurstResult } from './insights/burst-scenario';
import { FORM4_FILE } from './insights/burst-filings';
import {
  burstVerdicts,
  insightsReportLines,
  insightsSummary,
} from './insights/insights-report';
import { readInsightsSettings } from './insights/insights-settings';
import { runBenchmark, startBenchRun } from './lib/bench-run';
import { describeLoad, readLoadAverage } from './lib/load-average';
import { machineInfo } from './lib/machine-info';

const ROOT = resolve(__dirname, '../../..');
const DOCUMENTS = join(ROOT, '../shared/fixtures/edgar/documents');
const SCENARIOS = [
  { label: 'one ingest replica', replicas: 1 },
  { label: 'two ingest replicas, one budget', replicas: 2 },
];

async function main(): Promise<number> {
  const settings = readInsightsSettings(ROOT);
  const runPrefix = `bench-insights-${process.pid}-${randomBytes(4).toString('hex')}-`;
  const { cleanup, redis } = await startBenchRun(settings.redisUrl, runPrefix);
  try {
    const machine = await machineInfo(redis);
    const loadStart = readLoadAverage();
    console.log(
      `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, ` +
        `Node ${machine.node}, Redis ${machine.redis}; load ${describeLoad(loadStart)}`,
    );
    const run = {
      cleanup,
      document: readFileSync(join(DOCUMENTS, FORM4_FILE), 'utf8'),
      template: loadReplayDay()[0],
      log: (line: string) => process.stderr.write(`${line}\n`),
    };
    const results: BurstResult[] = [];
    for (const [i, scenario] of SCENARIOS.entries()) {
      const prefix = `${runPrefix}${i}:`;
      results.push(
        await runBurst(scenario.label, scenario.replicas, settings, {
          ...run,
          prefix,
        }),
      );
    }
    const loadEnd = readLoadAverage();
    console.log(`Load at the end: ${describeLoad(loadEnd)}`);
    insightsReportLines(results, settings).forEach((l) => console.log(l));
    const summary = insightsSummary(results, settings, machine, {
      start: loadStart,
      end: loadEnd,
    });
    await cleanup.runAll();
    console.log(JSON.stringify(summary));
    const met = results.map((r) => burstVerdicts(r, settings));
    return met.every((v) => v.allOnce && v.budgetHeld && v.allConnected)
      ? 0
      : 1;
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('insights', main);
