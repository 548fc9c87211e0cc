import { testRedisUrl, uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  startIngest,
  StreamProbe,
  type RunningIngest,
} from '../test-support/ingest-harness';

jest.setTimeout(20_000);

const FEED = readFileSync(
  join(
    __dirname,
    '../../../../../shared/fixtures/edgar/getcurrent-10-K.atom.xml',
  ),
);
const USER_AGENT = 'Secfeed Tests tests@secfeed.example';

/**
 * The `edgar` path end to end: EDGAR's real Latest Filings feed (the fixture, served as EDGAR
 * serves it, ISO-8859-1) -> the ingest service -> the real Redis, tickers from the shipped map.
 */
describe('ingest, edgar source, into Redis', () => {
  let server: Server;
  let feedUrl: string;
  const requests: IncomingHttpHeaders[] = [];
  let ingest: RunningIngest | undefined;
  let probe: StreamProbe;
  let prefix: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.headers);
      res
        .writeHead(200, {
          'content-type': 'application/atom+xml; charset=ISO-8859-1',
        })
        .end(FEED);
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/browse-edgar`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(async () => {
    prefix = uniqueKeyPrefix('edgar');
    probe = await StreamProbe.connect(testRedisUrl(), prefix);
  });
  afterEach(async () => {
    await ingest?.stop();
    await probe.dispose();
  });

  it('publishes each accession of the feed once, with the declared User-Agent and real tickers', async () => {
    ingest = await startIngest({
      SECFEED_KEY_PREFIX: prefix,
      INGEST_SOURCE: 'edgar',
      SEC_USER_AGENT: USER_AGENT,
      EDGAR_FEED_URL: feedUrl,
      EDGAR_POLL_MS: '1000',
    });
    // 40 entries, 32 accession numbers (co-registrants share one filing).
    await waitUntil(
      async () => (await probe.accessions()).length === 32,
      '32 filings in the stream',
    );
    await waitUntil(() => requests.length >= 2, 'a second poll');
    expect(await probe.accessions()).toHaveLength(32);
    expect(requests.every((h) => h['user-agent'] === USER_AGENT)).toBe(true);
    const docs = await Promise.all(
      (await probe.accessions()).map(async (acc) =>
        JSON.parse((await probe.client.get(probe.keys.filing(acc))) ?? 'null'),
      ),
    );
    expect(
      docs.every((d) => d.source === 'edgar' && d.formType.startsWith('10-K')),
    ).toBe(true);
    expect(docs.some((d) => d.ticker !== '')).toBe(true);
    expect(ingest.service.readiness()).toMatchObject({ ready: true });
  });
});
