import type { FilingPublisher } from '@secfeed/dedup';
import { seedFilings } from './dashboard-filings';
import { fmt } from './lib/report-format';

/** 10,000 filings over ~42 hours. */
const SPACING_MS = 15_000;

/**
 * Phase 2: publishes `rows` filings, the newest filed a minute ago and each 15 s older than the
 * next, and logs how long it took.
 */
export async function seedPhase(
  publisher: FilingPublisher,
  rows: number,
  log: (line: string) => void,
): Promise<void> {
  const seedStarted = performance.now();
  const newestSeedMs = Date.now() - 60_000;
  const seeded = await seedFilings(publisher, rows, newestSeedMs, SPACING_MS);
  log(
    `[2/4] Seeded ${fmt(seeded.published)} filings (${seeded.duplicates} duplicates) in ` +
      `${fmt(performance.now() - seedStarted)} ms, filedAt from ${new Date(newestSeedMs - (rows - 1) * SPACING_MS).toISOString()} ` +
      `to ${new Date(newestSeedMs).toISOString()}`,
  );
}
