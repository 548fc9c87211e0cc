import { decodeStreamEntry } from '@secfeed/filing-model/stored';
import {
  loadReplayDay,
  startSimulator,
  type Simulator,
} from '@secfeed/sec-api-simulator';
import { testRedisUrl, uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startArchiveStandIn,
  type ArchiveStandIn,
} from '../app/insights/test-support/archive-stand-in';
import {
  metric,
  startEmptyQueryApi,
  startIngest,
  StreamProbe,
  type RunningIngest,
} from '../test-support/ingest-harness';

const REDIS_URL = testRedisUrl();
const API_KEY = 'test-key-insights';
const UA = 'Secfeed Tests tests@secfeed.example';
const DOCUMENTS = join(
  __dirname,
  '../../../../../shared/fixtures/edgar/documents',
);
const ACCESSION = '0001127602-25-001055';
const FOLDER = `/Archives/edgar/data/1750/${ACCESSION.replace(/-/g, '')}`;
const PATH = `${FOLDER}/${ACCESSION}.txt`;

/**
 * The whole ingest path with insights: the sec-api simulator sends a real Form 4 (AAR Corp,
 * 0001127602-25-001055) and a 10-K; ingest publishes both, then reads the Form 4's real full
 * submission from a slow local stand-in of EDGAR's archive and publishes its insights.
 */
jest.setTimeout(20_000);

describe('ingest with insights, into Redis', () => {
  let simulator: Simulator;
  let archive: ArchiveStandIn;
  let queryApi: Awaited<ReturnType<typeof startEmptyQueryApi>>;
  let probe: StreamProbe;
  let ingest: RunningIngest | undefined;

  beforeEach(async () => {
    const prefix = uniqueKeyPrefix('ingest-insights');
    archive = await startArchiveStandIn();
    queryApi = await startEmptyQueryApi();
    probe = await StreamProbe.connect(REDIS_URL, prefix);
    const [template, other] = loadReplayDay();
    simulator = await startSimulator({
      apiKey: API_KEY,
      rate: 0,
      limit: 2,
      day: [
        {
          ...template,
          accessionNo: ACCESSION,
          formType: '4',
          cik: '1750',
          ticker: 'AIR',
          companyName: 'AAR CORP',
          linkToTxt: `https://www.sec.gov/Archives/edgar/data/1750/${ACCESSION}.txt`,
          linkToHtml: `https://www.sec.gov${FOLDER}/${ACCESSION}-index.htm`,
          linkToFilingDetails: `https://www.sec.gov${FOLDER}/${ACCESSION}-index.htm`,
        },
        { ...other, formType: '10-K' },
      ],
    });
    ingest = await startIngest({
      REDIS_URL,
      SECFEED_KEY_PREFIX: prefix,
      INGEST_SOURCE: 'sec-api',
      SEC_API_KEY: API_KEY,
      SEC_STREAM_URL: simulator.url,
      SEC_QUERY_API_URL: queryApi.url,
      SEC_USER_AGENT: UA,
      EDGAR_ARCHIVES_URL: archive.url,
      INSIGHTS_ENABLED: 'true',
    });
  });

  afterEach(async () => {
    await ingest?.stop();
    await simulator.close();
    await archive.close();
    await queryApi.close();
    await probe.dispose();
  });

  async function entries() {
    const stream = await probe.client.xRange(probe.keys.stream, '-', '+');
    return stream.map((e) => {
      const decoded = decodeStreamEntry(e.message);
      if (!decoded.ok) throw new Error(decoded.error.message);
      return { id: e.id, ...decoded.value };
    });
  }

  it('publishes the filing at once, then its insights read from the real submission, once', async () => {
    archive.script(PATH, {
      delayMs: 1500,
      body: readFileSync(
        join(DOCUMENTS, `form4_fullsub_AAR_Garascia_${ACCESSION}_S.txt`),
        'utf8',
      ),
    });
    // The archive has the request and has not answered: the filing is already in the stream.
    await waitUntil(() => archive.requests.length === 1, 'the archive request');
    const published = await entries();
    expect(published.map((e) => e.kind)).toEqual(['filing', 'filing']);
    expect(Number(published[0].id.split('-')[0])).toBeLessThanOrEqual(
      archive.requests[0].atMs,
    );
    expect(archive.requests[0]).toMatchObject({ path: PATH, userAgent: UA });

    await waitUntil(
      async () => (await entries()).length === 3,
      'the insights entry',
    );
    const [form4, , insights] = await entries();
    expect(form4.accessionNo).toBe(ACCESSION);
    expect(insights.kind).toBe('insights');
    expect(insights.accessionNo).toBe(ACCESSION);
    if (insights.kind !== 'insights') throw new Error('not insights');
    // Values read from the document by hand.
    expect(insights.insights['ownership']).toMatchObject({
      issuer: { cik: '1750', name: 'AAR CORP', ticker: 'AIR' },
      owners: [
        expect.objectContaining({
          cik: '1806647',
          name: 'Garascia Jessica A.',
          officer: true,
          officerTitle: 'Senior VP, GC, CAO & Secretary',
        }),
      ],
      transactions: [
        expect.objectContaining({
          security: 'Common Stock',
          date: '2025-01-10',
          code: 'S',
          acquired: false,
          shares: 1500,
          price: 66.903,
          sharesAfter: 37565,
          derivative: false,
          direct: true,
        }),
      ],
      tenb51: false,
    });
    // REST's document is the filing with its insights.
    const doc = JSON.parse(
      (await probe.client.get(probe.keys.filing(ACCESSION))) ?? '{}',
    );
    expect(doc.insights).toEqual(insights.insights);
    // The 10-K has no insights to read.
    expect(archive.requests).toHaveLength(1);
    const metrics = ingest?.metrics;
    if (!metrics) throw new Error('no ingest');
    expect(
      await metric(metrics, 'secfeed_ingest_insights_published_total'),
    ).toBe(1);
    expect(await metric(metrics, 'secfeed_ingest_insights_parsed_total')).toBe(
      1,
    );
  });
});
