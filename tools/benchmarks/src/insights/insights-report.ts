import type { LoadAverage } from '../lib/load-average';
import type { MachineInfo } from '../lib/machine-info';
import { fmt, round, verdict } from '../lib/report-format';
import type { BurstResult, BurstSettings } from './burst-scenario';

/** What one scenario met: every insights exactly once, the budget, every replica connected. */
export function burstVerdicts(result: BurstResult, settings: BurstSettings) {
  const a = result.arrivals;
  return {
    allOnce:
      a.filings === a.expected &&
      a.insights === a.expected &&
      a.duplicateFilings === 0 &&
      a.duplicateInsights === 0 &&
      a.insightsBeforeFiling === 0,
    budgetHeld: result.rate.maxPerSecond <= settings.budget + 1,
    allConnected:
      result.connectedAtBurst.length === result.replicas &&
      result.connectedAtBurst.every((c) => c === 1),
  };
}

const ms = (value: number) => `${fmt(value)} ms`;

/** The figures for people: one table row per scenario, then what each run checked. */
export function insightsReportLines(
  results: readonly BurstResult[],
  settings: BurstSettings,
): string[] {
  const lines = [
    `Burst of ${settings.filings} Form 4s, budget ${settings.budget} requests/s, stand-in answering in ${settings.archiveDelayMs} ms`,
    '',
    '| scenario | sec_filing -> sec_filing_insights p50 | p99 | max | fastest | first filing -> last insights | insights received once | requests/s at the stand-in: max per second, busiest 1 s window, mean | requests per replica |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const a = r.arrivals;
    lines.push(
      `| ${r.label} | ${ms(r.lag.p50)} | ${ms(r.lag.p99)} | ${ms(r.lag.max)} | ${ms(Math.min(...a.lagsMs))} | ${fmt(a.spanMs / 1000, 1)} s | ` +
        `${a.insights} of ${a.expected} (${a.duplicateInsights} repeated) | ` +
        `${r.rate.maxPerSecond}, ${r.rate.maxInAnyWindow}, ${fmt(r.rate.meanPerSecond, 2)} | ${r.requestsByReplica.join(' + ')} |`,
    );
  }
  lines.push('');
  for (const r of results) {
    const v = burstVerdicts(r, settings);
    lines.push(
      `${r.label}: every insights exactly once ${verdict(v.allOnce)}; ` +
        `max ${r.rate.maxPerSecond}/s <= ${settings.budget + 1} ${verdict(v.budgetHeld)}; ` +
        `replicas connected at the burst ${verdict(v.allConnected)}; ` +
        `${r.arrivals.withOwnership} with ownership, ${r.arrivals.withProblems} with problems, ${r.notFound} requests answered 404; ` +
        `per second: ${r.rate.perSecond.join(' ')}; ` +
        `busiest 1 s window, ms after its first request: ${r.rate.busiestWindowMs.join(' ')}; ` +
        `longest stall of this process's event loop ${fmt(r.benchLoopDelayMaxMs)} ms`,
    );
  }
  return lines;
}

/** The JSON line. */
export function insightsSummary(
  results: readonly BurstResult[],
  settings: BurstSettings,
  machine: MachineInfo,
  load: { start: LoadAverage; end: LoadAverage },
) {
  return {
    benchmark: 'insights',
    machine,
    load,
    settings: { ...settings, root: undefined, redisUrl: undefined },
    scenarios: results.map((r) => ({
      label: r.label,
      replicas: r.replicas,
      lagMs: {
        p50: round(r.lag.p50, 1),
        p90: round(r.lag.p90, 1),
        p99: round(r.lag.p99, 1),
        max: round(r.lag.max, 1),
        min: round(Math.min(...r.arrivals.lagsMs), 1),
        mean: round(r.lag.mean, 1),
      },
      spanMs: round(r.arrivals.spanMs, 1),
      arrivals: { ...r.arrivals, lagsMs: undefined, spanMs: undefined },
      requestRate: { ...r.rate, meanPerSecond: round(r.rate.meanPerSecond) },
      requestsByReplica: r.requestsByReplica,
      notFound: r.notFound,
      connectedAtBurst: r.connectedAtBurst,
      benchLoopDelayMaxMs: round(r.benchLoopDelayMaxMs, 1),
      verdicts: burstVerdicts(r, settings),
    })),
  };
}
