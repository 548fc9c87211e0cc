import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  archivePathAccession,
  loadArchiveDocuments,
  withExtraFilings,
} from './archive-documents';
import { loadReplayDay } from './replay-day';
import { startSimulator, type Simulator } from './start-simulator';

const DOCUMENTS = join(
  __dirname,
  '../../../../../shared/fixtures/edgar/documents',
);
const AAR = '0001127602-25-001055';
const AAR_PATH = `/Archives/edgar/data/1750/000112760225001055/${AAR}.txt`;

describe('the simulated archive', () => {
  const day = loadReplayDay();
  let simulator: Simulator | undefined;

  afterEach(async () => {
    await simulator?.close();
    simulator = undefined;
  });

  it('reads each full submission and a filing for it from its own header', () => {
    const { files, filings } = loadArchiveDocuments(DOCUMENTS, day[0], {
      '1750': 'AIR',
    });
    expect(files.size).toBe(8);
    expect(filings).toHaveLength(8);
    const aar = filings.find((f) => f.accessionNo === AAR);
    expect(aar).toMatchObject({
      formType: '4',
      cik: '1750',
      companyName: 'AAR CORP',
      ticker: 'AIR',
      linkToTxt: `https://www.sec.gov${AAR_PATH}`,
    });
    const nvidia = filings.find(
      (f) => f.accessionNo === '0001045810-26-000024',
    );
    expect(nvidia).toMatchObject({ formType: '8-K', cik: '1045810' });
    expect(nvidia).not.toHaveProperty('items');
  });

  it('gives none for a folder that is not there', () => {
    expect(loadArchiveDocuments('/nonexistent', day[0]).files.size).toBe(0);
  });

  it('reads an accession number only from a full submission path whose two forms agree', () => {
    expect(archivePathAccession(AAR_PATH)).toBe(AAR);
    expect(
      archivePathAccession(
        `/Archives/edgar/data/1750/000112760225001056/${AAR}.txt`,
      ),
    ).toBeUndefined();
    expect(
      archivePathAccession(`/Archives/edgar/data/1750/${AAR}.txt`),
    ).toBeUndefined();
  });

  it('inserts the extra filings among the day, in acceptance order', () => {
    const extra = [{ ...day[5], accessionNo: 'x-1' }];
    const mixed = withExtraFilings(day.slice(0, 10), extra, 4);
    expect(mixed.map((f) => f.accessionNo).indexOf('x-1')).toBe(4);
    expect(mixed[4].filedAt).toBe(day[3].filedAt);
    expect(mixed).toHaveLength(11);
  });

  it('serves the submissions as EDGAR would, 404 for any other filing', async () => {
    simulator = await startSimulator({
      documentsDir: DOCUMENTS,
      documentFilingEvery: 1,
      waitForClient: true,
    });
    const get = (path: string) => fetch(`${simulator?.archivesUrl}${path}`);
    const found = await get(AAR_PATH);
    expect(found.status).toBe(200);
    expect(await found.text()).toBe(
      readFileSync(
        join(DOCUMENTS, `form4_fullsub_AAR_Garascia_${AAR}_S.txt`),
        'latin1',
      ),
    );
    const replayed = day[0].accessionNo;
    const missing = await get(
      `/Archives/edgar/data/${day[0].cik}/${replayed.replace(/-/g, '')}/${replayed}.txt`,
    );
    expect(missing.status).toBe(404);
    expect((await get('/Archives/edgar/data/x')).status).toBe(404);
    expect(simulator.archiveRequests().map((r) => r.status)).toEqual([
      200, 404, 404,
    ]);
  });
});
