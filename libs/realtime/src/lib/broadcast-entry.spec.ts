import { makeFiling } from '@secfeed/filing-model/testing';
import {
  encodeInsightsEntry,
  encodeStreamEntry,
} from '@secfeed/filing-model/stored';
import { toBroadcastEntry } from './broadcast-entry';

describe('toBroadcastEntry', () => {
  it('splices the stored JSON into a sec_filing message', () => {
    const filing = makeFiling({
      ticker: 'AAPL',
      cik: '320193',
      formType: '10-K',
    });
    const data = JSON.stringify(filing);
    const built = toBroadcastEntry('17-3', {
      accessionNo: filing.accessionNo,
      data,
    });
    if (!built.ok) throw new Error(built.reason);
    expect(built.entry.filing).toEqual({
      ticker: 'AAPL',
      cik: '320193',
      formType: '10-K',
    });
    expect(built.entry.frame.toString()).toBe(
      `{"type":"sec_filing","position":"17-3","data":${data}}`,
    );
    expect(JSON.parse(built.entry.frame.toString())).toEqual({
      type: 'sec_filing',
      position: '17-3',
      data: JSON.parse(data),
    });
  });

  it.each([
    [{ accessionNo: 'x' }, 'no data'],
    [{ data: '{oops' }, 'not JSON'],
    [{ data: '[1]' }, 'lacks'],
    [{ data: '{"ticker":"A","cik":1,"formType":"4"}' }, 'lacks'],
  ])('refuses %j', (fields, reason) => {
    const built = toBroadcastEntry('1-0', fields);
    expect(built.ok).toBe(false);
    expect(!built.ok && built.reason).toContain(reason);
  });

  it('builds a sec_filing_insights message from an insights entry: position, accessionNo, insights and the whole filing', () => {
    const insights = {
      ownership: {
        issuer: { cik: '320193', name: 'Apple Inc.', ticker: 'AAPL' },
        owners: [],
        transactions: [],
        tenb51: true,
      },
    };
    const filing = {
      ...makeFiling({ ticker: 'AAPL', formType: '4' }),
      insights,
    };
    const built = toBroadcastEntry('18-0', encodeInsightsEntry(filing));
    if (!built.ok) throw new Error(built.reason);
    expect(built.entry.type).toBe('sec_filing_insights');
    expect(built.entry.filing).toEqual({
      ticker: 'AAPL',
      cik: filing.cik,
      formType: '4',
      insights,
    });
    expect(JSON.parse(built.entry.frame.toString())).toEqual({
      type: 'sec_filing_insights',
      position: '18-0',
      accessionNo: filing.accessionNo,
      insights,
      filing: JSON.parse(JSON.stringify(filing)),
    });
  });

  it('keeps the message valid JSON whatever the accession number field holds', () => {
    const filing = { ...makeFiling(), insights: {} };
    const fields = {
      ...encodeInsightsEntry(filing),
      accessionNo: '"},"x":1,"',
    };
    const built = toBroadcastEntry('19-0', fields);
    if (!built.ok) throw new Error(built.reason);
    expect(JSON.parse(built.entry.frame.toString()).accessionNo).toBe(
      '"},"x":1,"',
    );
  });

  it('a filing entry stays a sec_filing, even when its stored filing carries insights', () => {
    const filing = { ...makeFiling(), insights: { items: [] } };
    const built = toBroadcastEntry('20-0', encodeStreamEntry(filing));
    expect(built.ok && built.entry.type).toBe('sec_filing');
    expect(built.ok && JSON.parse(built.entry.frame.toString()).type).toBe(
      'sec_filing',
    );
  });

  it.each([
    [
      {
        kind: 'insights',
        accessionNo: 'a',
        data: '{"ticker":"A","cik":"1","formType":"4"}',
      },
      'insights',
    ],
    [
      {
        kind: 'insights',
        data: '{"ticker":"A","cik":"1","formType":"4","insights":{}}',
      },
      'accessionNo',
    ],
    [{ kind: 'alert', accessionNo: 'a', data: '{}' }, 'unknown kind'],
  ])('refuses the insights-like entry %j', (fields, reason) => {
    const built = toBroadcastEntry('1-0', fields);
    expect(!built.ok && built.reason).toContain(reason);
  });
});
