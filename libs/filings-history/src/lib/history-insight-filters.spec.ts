// GET /api/filings with the insight filters (docs/rest.md): a real HTTP server on real Redis,
// filings published through dedup, then some documents given their insights as dedup's
// insights script stores them (the filing with its insights, same TTL).
import type {
  FilingInsights,
  OwnershipTransaction,
} from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import {
  HistoryTest,
  openHistoryTest,
} from './test-support/history-test-server';
import { publishFilings } from './test-support/seed-filings';
import type { PageBody } from './test-support/walk-pages';

const tx = (
  code: string,
  shares: number,
  price: number | null,
): OwnershipTransaction => ({
  security: 'Common Stock',
  date: '2025-03-10',
  code,
  acquired: code === 'P',
  shares,
  price,
  sharesAfter: null,
  derivative: false,
  direct: true,
});
const ownership = (
  transactions: OwnershipTransaction[],
  tenb51 = false,
): FilingInsights => ({
  ownership: {
    issuer: { cik: '1000', name: 'Acme', ticker: 'ACME' },
    owners: [],
    transactions,
    tenb51,
  },
});

const filedAt = (hour: number) =>
  `2025-03-11T${String(hour).padStart(2, '0')}:00:00-04:00`;
const FILINGS = {
  bigBuy: makeFiling({ formType: '4', ticker: 'ACME', filedAt: filedAt(9) }),
  smallBuy: makeFiling({ formType: '4', ticker: 'ACME', filedAt: filedAt(10) }),
  bigSale: makeFiling({ formType: '4', ticker: 'ACME', filedAt: filedAt(11) }),
  noInsights: makeFiling({
    formType: '4',
    ticker: 'ACME',
    filedAt: filedAt(12),
  }),
  results: makeFiling({
    formType: '8-K',
    ticker: 'ACME',
    filedAt: filedAt(13),
  }),
  stake: makeFiling({
    formType: 'SC 13G',
    ticker: 'ACME',
    filedAt: filedAt(14),
  }),
};
const INSIGHTS: Partial<Record<keyof typeof FILINGS, FilingInsights>> = {
  bigBuy: ownership([tx('P', 10_000, 25)]),
  smallBuy: ownership([tx('P', 100, 25)]),
  bigSale: ownership([tx('S', 50_000, 30), tx('P', 10, 1)], true),
  results: {
    items: [
      { code: '2.02', title: 'Results of Operations and Financial Condition' },
    ],
  },
  stake: {
    stake: {
      issuer: { name: 'Acme', cusip: '000000000' },
      filers: [{ name: 'Fund LP', shares: 1_000_000, percent: 9.8 }],
      percent: 9.8,
    },
  },
};

let history: HistoryTest;

beforeAll(async () => {
  history = await openHistoryTest('history-insights');
  const { client, keys } = history.redis;
  await publishFilings(client, keys, Object.values(FILINGS));
  for (const [name, insights] of Object.entries(INSIGHTS)) {
    const key = keys.filing(FILINGS[name as keyof typeof FILINGS].accessionNo);
    const stored = JSON.parse((await client.get(key)) ?? 'null');
    await client.set(key, JSON.stringify({ ...stored, insights }), {
      expiration: 'KEEPTTL',
    });
  }
});

afterAll(() => history?.close());

/** Names of the filings listed, newest first. */
async function listed(query: string): Promise<string[]> {
  const reply = await history.server.request(`/api/filings?${query}`);
  expect(reply.status).toBe(200);
  const byAccession = new Map(
    Object.entries(FILINGS).map(([name, f]) => [f.accessionNo, name]),
  );
  return (reply.body as PageBody).filings.map(
    (filing) => byAccession.get(filing.accessionNo) ?? filing.accessionNo,
  );
}

describe('GET /api/filings with insight filters', () => {
  it('lists the insider purchases of $100k or more, and only them', async () => {
    expect(
      await listed('transactionCode=P&minTransactionValue=100000'),
    ).toEqual(['bigBuy']);
    expect(
      await listed('formType=4&transactionCode=p&minTransactionValue=100000'),
    ).toEqual(['bigBuy']);
  });

  it('matches each insight filter on the documents, never a filing without insights', async () => {
    expect(await listed('transactionCode=P')).toEqual([
      'bigSale',
      'smallBuy',
      'bigBuy',
    ]);
    expect(await listed('minTransactionValue=1000000')).toEqual(['bigSale']);
    expect(await listed('tenb51=true')).toEqual(['bigSale']);
    expect(await listed('tenb51=false&formType=4')).toEqual([
      'smallBuy',
      'bigBuy',
    ]);
    expect(await listed('item=2.02,5.02')).toEqual(['results']);
    expect(await listed('item=5.02')).toEqual([]);
    expect(await listed('minStakePercent=9.8')).toEqual(['stake']);
    expect(await listed('minStakePercent=10')).toEqual([]);
  });

  it('lists as before without insight filters, insights included in the filings', async () => {
    const reply = await history.server.request('/api/filings?formType=4');
    const filings = (reply.body as PageBody).filings as unknown as Array<{
      accessionNo: string;
      insights?: FilingInsights;
    }>;
    expect(filings).toHaveLength(4);
    expect(
      filings.find((f) => f.accessionNo === FILINGS.bigBuy.accessionNo)
        ?.insights,
    ).toEqual(INSIGHTS.bigBuy);
  });

  it.each([
    ['item=2.2', 'INVALID_ITEM'],
    ['transactionCode=Q', 'INVALID_TRANSACTION_CODE'],
    ['minTransactionValue=abc', 'INVALID_MIN_TRANSACTION_VALUE'],
    ['tenb51=1', 'INVALID_TENB51'],
    ['minStakePercent=150', 'INVALID_MIN_STAKE_PERCENT'],
  ])('answers %s with 400 %s', async (query, code) => {
    const reply = await history.server.request(`/api/filings?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code } });
  });
});
