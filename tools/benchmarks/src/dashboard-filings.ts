import type { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString, type Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';

/** A few filers and forms, so the rows look like a real list (badges of every group). */
const FILERS = [
  { cik: '320193', ticker: 'AAPL', companyName: 'Apple Inc.' },
  { cik: '789019', ticker: 'MSFT', companyName: 'MICROSOFT CORP' },
  { cik: '1045810', ticker: 'NVDA', companyName: 'NVIDIA CORP' },
  { cik: '1018724', ticker: 'AMZN', companyName: 'AMAZON COM INC' },
  { cik: '1318605', ticker: 'TSLA', companyName: 'Tesla, Inc.' },
  { cik: '19617', ticker: 'JPM', companyName: 'JPMORGAN CHASE & CO' },
  { cik: '1999999', ticker: '', companyName: 'Acme Holdings Trust' },
];
const FORMS = [
  {
    formType: '4',
    description: 'Statement of changes in beneficial ownership',
  },
  { formType: '8-K', description: 'Current report' },
  { formType: '10-Q', description: 'Quarterly report' },
  { formType: 'SC 13G/A', description: 'Beneficial ownership, amended' },
  { formType: '424B2', description: 'Prospectus' },
  { formType: 'DEF 14A', description: 'Definitive proxy statement' },
];

/** A valid normalized filing (`makeFiling`) filed at `filedAtMs`, filer and form by `n`. */
export function benchFiling(n: number, filedAtMs: number): Filing {
  const filer = FILERS[n % FILERS.length];
  const form = FORMS[n % FORMS.length];
  return makeFiling({
    ...filer,
    ...form,
    items:
      form.formType === '8-K'
        ? ['Item 2.02: Results of Operations and Financial Condition']
        : [],
    filedAt: easternIsoString(filedAtMs),
    source: 'sec-api',
    receivedAt: new Date(filedAtMs + 500).toISOString(),
  });
}

/**
 * Seeds `count` filings into Redis through the publisher, newest `newestMs`, one every
 * `spacingMs` further back (well inside the 7-day retention), in pipelined batches.
 */
export async function seedFilings(
  publisher: FilingPublisher,
  count: number,
  newestMs: number,
  spacingMs: number,
  batchSize = 500,
): Promise<{ published: number; duplicates: number }> {
  let published = 0;
  let duplicates = 0;
  for (let start = 0; start < count; start += batchSize) {
    const batch: Filing[] = [];
    // Oldest first, as ingest would have published them over the days.
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      const age = count - 1 - i;
      batch.push(benchFiling(i, newestMs - age * spacingMs));
    }
    for (const result of await publisher.publishBatch(batch)) {
      if (result.status === 'published') published += 1;
      else duplicates += 1;
    }
  }
  return { published, duplicates };
}

export interface LiveRun {
  /** Accession numbers published, in order. */
  accessionNos: string[];
  published: number;
  duplicates: number;
  /** How late the last publish was against its schedule, ms (the pacing was kept if small). */
  maxLagMs: number;
}

/**
 * Publishes `rate` filings per second for `seconds` through the publisher, each `filedAt` =
 * now, paced on a 20 ms tick (one filing per tick at 50/s); resolves when all are published.
 */
export async function publishLive(
  publisher: FilingPublisher,
  rate: number,
  seconds: number,
  firstN: number,
): Promise<LiveRun> {
  const total = Math.round(rate * seconds);
  const accessionNos: string[] = [];
  let published = 0;
  let duplicates = 0;
  let maxLagMs = 0;
  const start = performance.now();
  while (accessionNos.length < total) {
    const elapsed = performance.now() - start;
    const due = Math.min(total, Math.floor((elapsed / 1000) * rate) + 1);
    const batch: Filing[] = [];
    while (accessionNos.length + batch.length < due) {
      batch.push(
        benchFiling(firstN + accessionNos.length + batch.length, Date.now()),
      );
    }
    if (batch.length > 0) {
      // The first filing of the batch was due at accessionNos.length / rate.
      const lag = elapsed - (accessionNos.length / rate) * 1000;
      maxLagMs = Math.max(maxLagMs, lag);
      for (const filing of batch) accessionNos.push(filing.accessionNo);
      const results = await publisher.publishBatch(batch);
      for (const result of results) {
        if (result.status === 'published') published += 1;
        else duplicates += 1;
      }
    }
    const nextAt = start + (accessionNos.length / rate) * 1000;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, nextAt - performance.now())),
    );
  }
  return { accessionNos, published, duplicates, maxLagMs };
}
