import { alertMessage, messageText } from './alert-message';

const filing = {
  accessionNo: '0001140361-20-000236',
  formType: '4',
  companyName: 'ORBCOMM Inc.',
  ticker: 'ORBC',
  filedAt: '2020-01-03T06:00:46-05:00',
  linkToFilingDetails:
    'https://www.sec.gov/Archives/edgar/data/1361983/000114036120000236/0001140361-20-000236-index.htm',
};

describe('alertMessage', () => {
  it('says form, company, ticker, filing time and link, one per line', () => {
    expect(messageText(alertMessage(filing, 'filing'))).toBe(
      [
        'Form 4 · ORBCOMM Inc. (ORBC)',
        'Filed 2020-01-03T06:00:46-05:00',
        filing.linkToFilingDetails,
      ].join('\n'),
    );
  });

  it('adds one line from the insights: an insider trade, 8-K items, a stake', () => {
    const ownership = {
      issuer: { cik: '1', name: 'ORBCOMM Inc.', ticker: 'ORBC' },
      owners: [
        {
          cik: '2',
          name: 'Karen Gould',
          director: true,
          officer: false,
          officerTitle: null,
          tenPercentOwner: false,
          other: false,
        },
      ],
      transactions: [
        {
          security: 'Common Stock',
          date: '2020-01-02',
          code: 'S',
          acquired: false,
          shares: 12000,
          price: 4.25,
          sharesAfter: 1,
          derivative: false,
          direct: true,
        },
      ],
      tenb51: true,
    };
    expect(
      alertMessage({ ...filing, insights: { ownership } }, 'insights').summary,
    ).toBe(
      'Karen Gould (Director) disposed of 12,000 sh at $4.25, code S, 10b5-1 plan',
    );
    expect(
      alertMessage(
        {
          ...filing,
          insights: {
            items: [
              {
                code: '2.02',
                title: 'Results of Operations and Financial Condition',
              },
            ],
          },
        },
        'insights',
      ).summary,
    ).toBe('Items 2.02 Results of Operations and Financial Condition');
    expect(
      alertMessage(
        {
          ...filing,
          insights: {
            stake: {
              issuer: { name: 'X Corp', cusip: '1' },
              filers: [{ name: 'Fund LP', shares: 1, percent: 9.8 }],
              percent: 9.8,
            },
          },
        },
        'insights',
      ).summary,
    ).toBe('Fund LP: 9.8% of X Corp');
  });
});
