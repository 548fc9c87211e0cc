import { makeFiling } from '@secfeed/filing-model/testing';
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
});
