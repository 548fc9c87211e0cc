import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { NOW_MS, RETENTION_MS } from './test-support/seed-filings';
import {
  openHistoryTest,
  type HistoryTest,
} from './test-support/history-test-server';

const INSIGHTS = {
  items: [
    { code: '5.02', title: 'Departure of Directors or Certain Officers' },
  ],
};

/**
 * REST returns each filing with its `insights` once ingest published them (dedup keeps the
 * filing's stored document up to date), and without them before.
 */
describe('history: filings with their insights', () => {
  let test: HistoryTest;

  beforeEach(async () => {
    test = await openHistoryTest('history-insights');
  });
  afterEach(() => test.close());

  it('lists and serves a filing with its insights once known, the others as they were', async () => {
    const { client, keys } = test.redis;
    const publisher = new FilingPublisher(client, {
      keys,
      retentionMs: RETENTION_MS,
      now: () => NOW_MS,
    });
    const filedAt = (minutesAgo: number) =>
      easternIsoString(NOW_MS - minutesAgo * 60_000);
    const eightK = makeFiling({ formType: '8-K', filedAt: filedAt(10) });
    const tenK = makeFiling({ formType: '10-K', filedAt: filedAt(5) });
    await publisher.publishBatch([eightK, tenK]);

    const before = await test.server.request(
      `/api/filings/${eightK.accessionNo}`,
    );
    expect(before.status).toBe(200);
    expect(before.body).not.toHaveProperty('insights');

    await publisher.publishInsights({ ...eightK, insights: INSIGHTS });

    const one = await test.server.request(`/api/filings/${eightK.accessionNo}`);
    expect(one.body).toEqual({
      ...JSON.parse(JSON.stringify(eightK)),
      insights: INSIGHTS,
    });
    const list = await test.server.request('/api/filings');
    const filings = (list.body as { filings: Array<Record<string, unknown>> })
      .filings;
    expect(filings.map((f) => [f['accessionNo'], f['insights']])).toEqual([
      [tenK.accessionNo, undefined],
      [eightK.accessionNo, INSIGHTS],
    ]);
    const byForm = await test.server.request('/api/filings?formType=8-K');
    expect(
      (byForm.body as { filings: Array<Record<string, unknown>> }).filings[0][
        'insights'
      ],
    ).toEqual(INSIGHTS);
  });
});
