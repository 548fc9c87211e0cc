import { setTimeout as sleep } from 'node:timers/promises';
import { makeFiling } from '@secfeed/filing-model/testing';
import type { NodeChild } from '../lib/node-child';
import { rssKiB } from '../lib/proc-stats';
import { nowMs, STAMP_PREFIX } from './generator-protocol';
import type { LoadGenerator } from './load-generators';
import type { ScenarioContext } from './scenario-context';
import type { Publisher } from './scenario-publisher';

/** The load a scenario published. */
export interface Load {
  published: number;
  publishErrors: number;
  publishSpanMs: number;
  expected: number;
  rssPeakKiB: number;
}

/** What publishing needs to know of the scenario. */
export interface PublishOptions {
  rate: number;
  seconds: number;
}

async function logProgress(
  context: ScenarioContext,
  generators: LoadGenerator[],
  server: NodeChild,
  elapsedMs: number,
  published: number,
  open: number,
): Promise<void> {
  const progress = await Promise.all(generators.map((g) => g.progress()));
  const got = progress.reduce((sum, p) => sum + p.received, 0);
  const stillOpen = progress.reduce((sum, p) => sum + p.open, 0);
  context.log(
    `    ${(elapsedMs / 1000).toFixed(0)} s: published ${published}, delivered ${got} of ${published * open} ` +
      `(${stillOpen} clients open), server RSS ${(rssKiB(server.pid) / 1024).toFixed(0)} MiB`,
  );
}

/** `rate` filings a second for `seconds`, each stamped with its publish time just before. */
export async function publishLoad(
  context: ScenarioContext,
  options: PublishOptions,
  publisher: Publisher,
  server: NodeChild,
  generators: LoadGenerator[],
  open: number,
): Promise<Load> {
  const total = options.rate * options.seconds;
  context.log(
    `  publishing ${total} filings at ${options.rate}/s for ${options.seconds} s`,
  );
  const filings = Array.from(
    { length: total },
    () => JSON.parse(JSON.stringify(makeFiling())) as Record<string, unknown>,
  );
  let rssPeakKiB = rssKiB(server.pid);
  const pending: Array<Promise<unknown>> = [];
  let publishErrors = 0;
  const started = nowMs();
  let nextProgress = started + 10_000;
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / options.rate - nowMs();
    if (wait > 1) await sleep(wait);
    filings[i]['description'] = `${STAMP_PREFIX}${nowMs().toFixed(3)}`;
    pending.push(
      publisher.publish(filings[i]).catch(() => {
        publishErrors += 1;
      }),
    );
    if (i % options.rate === 0) {
      rssPeakKiB = Math.max(rssPeakKiB, rssKiB(server.pid) || 0);
    }
    if (nowMs() >= nextProgress) {
      nextProgress += 10_000;
      await logProgress(
        context,
        generators,
        server,
        nowMs() - started,
        i + 1,
        open,
      );
    }
  }
  await Promise.all(pending);
  const published = total - publishErrors;
  return {
    published,
    publishErrors,
    publishSpanMs: nowMs() - started,
    expected: published * open,
    rssPeakKiB,
  };
}
