import {
  checkInvariant,
  compareSequences,
  comparePositions,
  describeReport,
  type CheckedStreamEntry,
  type ReceivedFiling,
} from './invariant-checker';

const entry = (
  id: string,
  accessionNo: string,
  ticker = '',
  formType = '8-K',
): CheckedStreamEntry => ({
  id,
  accessionNo,
  filing: { ticker, cik: '1', formType },
});

// a, b, c, d published in this order; b is an AAPL 10-K/A, d an AAPL 4.
const stream = [
  entry('100-0', 'a'),
  entry('100-1', 'b', 'AAPL', '10-K/A'),
  entry('205-0', 'c'),
  entry('1000-0', 'd', 'AAPL', '4'),
];
const sent = ['a', 'b', 'c', 'd'];
const got = (...ids: string[]): ReceivedFiling[] =>
  ids.map((id) => ({
    accessionNo: id,
    position: stream.find((e) => e.accessionNo === id)?.id ?? '9-9',
  }));

describe('checkInvariant', () => {
  it('passes when the stream is what was sent and each client got its match, in order', () => {
    const report = checkInvariant({
      sent,
      stream,
      clients: [
        { name: 'all', after: '0-0', received: got('a', 'b', 'c', 'd') },
        {
          name: 'aapl',
          filters: { tickers: ['aapl'] },
          after: '0-0',
          received: got('b', 'd'),
        },
        {
          name: '10-K',
          filters: { formTypes: ['10-K'] },
          after: '0-0',
          received: got('b'),
        },
        // Joined after b: owes only what came after its subscribed position.
        { name: 'late', after: '100-1', received: got('c', 'd') },
      ],
    });
    expect(describeReport(report)).toBe('invariant holds');
    expect(report.ok).toBe(true);
  });

  it('reports a filing missing from the stream, one published twice and one never sent', () => {
    const report = checkInvariant({
      sent,
      stream: [stream[0], stream[1], entry('300-0', 'b'), entry('301-0', 'x')],
      clients: [],
    });
    expect(report.ok).toBe(false);
    expect(report.stream).toMatchObject({
      duplicates: ['b'],
      missing: ['c', 'd'],
      extra: ['x'],
    });
  });

  it('reports a stream out of sent order unless the scenario allows any order', () => {
    const swapped = [stream[0], stream[2], stream[1], stream[3]];
    expect(
      checkInvariant({ sent, stream: swapped, clients: [] }).stream.outOfOrder,
    ).toEqual(['b']);
    expect(
      checkInvariant({ sent, stream: swapped, clients: [], streamOrder: 'any' })
        .ok,
    ).toBe(true);
  });

  it('reports what a client missed, got twice, got in the wrong order or should not have got', () => {
    const report = checkInvariant({
      sent,
      stream,
      clients: [
        { name: 'gap', after: '0-0', received: got('a', 'c', 'd') },
        { name: 'twice', after: '0-0', received: got('a', 'b', 'b', 'c', 'd') },
        { name: 'swapped', after: '0-0', received: got('a', 'c', 'b', 'd') },
        {
          name: 'aapl',
          filters: { tickers: ['AAPL'] },
          after: '0-0',
          received: got('a', 'b', 'd'),
        },
        { name: 'before-join', after: '205-0', received: got('c', 'd') },
      ],
    });
    expect(report.ok).toBe(false);
    expect(report.stream.missing).toEqual([]);
    expect(report.clients['gap'].missing).toEqual(['b']);
    expect(report.clients['twice'].duplicates).toEqual(['b']);
    expect(report.clients['swapped'].outOfOrder).toEqual(['b']);
    expect(report.clients['aapl'].extra).toEqual(['a']);
    expect(report.clients['before-join'].extra).toEqual(['c']);
    expect(describeReport(report)).toContain('client gap: 1 missing (b)');
  });

  it('reports a filing delivered with a position that is not its stream entry', () => {
    const report = checkInvariant({
      sent,
      stream,
      clients: [
        {
          name: 'all',
          after: '0-0',
          received: [
            ...got('a', 'b', 'c'),
            { accessionNo: 'd', position: '999-0' },
          ],
        },
      ],
    });
    expect(report.clients['all'].wrongPosition).toEqual(['d']);
    expect(report.ok).toBe(false);
  });

  it('refuses filters the gateway would refuse, rather than matching everything', () => {
    expect(() =>
      checkInvariant({
        sent,
        stream,
        clients: [
          {
            name: 'typo',
            filters: { ticker: ['AAPL'] },
            after: '0-0',
            received: [],
          },
        ],
      }),
    ).toThrow(/typo: invalid filters/);
  });
});

describe('compareSequences', () => {
  it('names a filing held back, and the filings another one jumped over', () => {
    expect(
      compareSequences(
        ['1', '2', '3', '4', '5'],
        ['5', '1', '2', '3', '4'],
        true,
      ).outOfOrder,
    ).toEqual(['1', '2', '3', '4']);
    expect(
      compareSequences(
        ['1', '2', '3', '4', '5'],
        ['2', '3', '4', '5', '1'],
        true,
      ).outOfOrder,
    ).toEqual(['1']);
  });
});

describe('comparePositions', () => {
  it('compares numerically, milliseconds first', () => {
    expect(comparePositions('9-0', '10-0')).toBeLessThan(0);
    expect(comparePositions('10-2', '10-10')).toBeLessThan(0);
    expect(comparePositions('11-0', '10-99')).toBeGreaterThan(0);
    expect(comparePositions('10-1', '10-1')).toBe(0);
  });
});
