import { ArrivalLog } from './arrival-log';

const OWNERSHIP = { ownership: { transactions: [] } };

describe('ArrivalLog', () => {
  it('gives each accession its insights lag from its own filing', () => {
    const log = new ArrivalLog();
    log.filing('a', 100);
    log.filing('b', 110);
    log.insights('b', 400, OWNERSHIP);
    log.insights('a', 350, OWNERSHIP);
    const summary = log.summary(['a', 'b']);
    expect(summary.lagsMs).toEqual([250, 290]);
    expect(summary.spanMs).toBe(300);
    expect(summary).toMatchObject({
      filings: 2,
      insights: 2,
      withOwnership: 2,
      missingInsights: [],
      duplicateInsights: 0,
    });
  });

  it('counts repeats, missing insights, problems and unexpected accessions apart', () => {
    const log = new ArrivalLog();
    log.filing('a', 0);
    log.filing('a', 5);
    log.insights('a', 10, { problems: [{ code: 'X', message: 'm' }] });
    log.insights('a', 20, OWNERSHIP);
    log.filing('b', 1);
    log.filing('other', 2);
    log.insights('other', 3, OWNERSHIP);
    const summary = log.summary(['a', 'b']);
    expect(summary).toMatchObject({
      filings: 2,
      insights: 1,
      duplicateFilings: 1,
      duplicateInsights: 1,
      missingInsights: ['b'],
      withOwnership: 0,
      withProblems: 1,
      lagsMs: [10],
    });
    expect(log.insightsOf(['a', 'b', 'other'])).toBe(2);
  });

  it('notices insights that overtook their filing', () => {
    const log = new ArrivalLog();
    log.insights('a', 5, OWNERSHIP);
    log.filing('a', 9);
    expect(log.summary(['a']).insightsBeforeFiling).toBe(1);
  });
});
