import { makeFiling } from '@secfeed/filing-model/testing';
import { wire } from '../test-support/wire';
import { toWireFiling } from './wire-filing';

describe('toWireFiling', () => {
  it('gives back a stored filing as it was stored', () => {
    const filing = makeFiling({ ticker: 'AAPL', formType: '10-K' });
    expect(toWireFiling(wire(filing))).toEqual(wire(filing));
  });

  it('completes what the wire may omit: lists, ticker, cik, company name, filedAtMs', () => {
    const filing = toWireFiling({
      accessionNo: '0000320193-25-000079',
      formType: '8-K',
      filedAt: '2025-10-31T06:01:23-04:00',
      ticker: 7,
    });
    expect(filing).toMatchObject({
      ticker: '',
      cik: '',
      companyName: '(unknown)',
      filedAtMs: Date.parse('2025-10-31T06:01:23-04:00'),
      entities: [],
      documentFormatFiles: [],
      dataFiles: [],
      seriesAndClassesContractsInformation: [],
    });
  });

  it('keeps the exchange of the listing, and leaves out one that is not a non-empty string', () => {
    const listed = makeFiling({ ticker: 'BRK-B', exchange: 'NYSE' });
    expect(toWireFiling(wire(listed))?.exchange).toBe('NYSE');
    for (const exchange of [7, null, '', { name: 'NYSE' }, undefined]) {
      const filing = toWireFiling({ ...wire(makeFiling()), exchange });
      expect(filing && 'exchange' in filing).toBe(false);
    }
  });

  it.each([
    ['null', null],
    ['a string', '{"accessionNo":"x"}'],
    ['an array', [wire(makeFiling())]],
    ['no accessionNo', { ...wire(makeFiling()), accessionNo: undefined }],
    ['a formType of the wrong type', { ...wire(makeFiling()), formType: 10 }],
    ['no filedAt', { ...wire(makeFiling()), filedAt: undefined }],
    [
      'a filedAt that is not a date',
      { ...wire(makeFiling()), filedAt: 'soon' },
    ],
  ])('refuses %s', (_, data) => {
    expect(toWireFiling(data)).toBeNull();
  });
});
