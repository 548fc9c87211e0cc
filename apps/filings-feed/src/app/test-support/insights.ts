import type { FilingInsights } from '@secfeed/filing-model';

/** A CFO's 10b5-1 sale of 12,000 shares at $31.20: "CFO sold 12,000 sh at $31.20 ($374k), 10b5-1". */
export const CFO_SALE: FilingInsights = {
  ownership: {
    issuer: { cik: '1000', name: 'Acme Corp', ticker: 'ACME' },
    owners: [
      {
        cik: '2000',
        name: 'Jane Roe',
        director: false,
        officer: true,
        officerTitle: 'Chief Financial Officer',
        tenPercentOwner: false,
        other: false,
      },
    ],
    transactions: [
      {
        security: 'Common Stock',
        date: '2025-03-03',
        code: 'S',
        acquired: false,
        shares: 12_000,
        price: 31.2,
        sharesAfter: 88_000,
        derivative: false,
        direct: true,
      },
    ],
    tenb51: true,
  },
};

/** A director's open-market purchase of 5,000 shares at $25 ($125k), no plan. */
export const DIRECTOR_BUY: FilingInsights = {
  ownership: {
    issuer: { cik: '1000', name: 'Acme Corp', ticker: 'ACME' },
    owners: [
      {
        cik: '3000',
        name: 'John Doe',
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
        date: '2025-03-04',
        code: 'P',
        acquired: true,
        shares: 5_000,
        price: 25,
        sharesAfter: 15_000,
        derivative: false,
        direct: false,
      },
    ],
    tenb51: false,
  },
};

/** An 8-K with results and exhibits: "Items 2.02, 9.01: results". */
export const RESULTS_8K: FilingInsights = {
  items: [
    { code: '2.02', title: 'Results of Operations and Financial Condition' },
    { code: '9.01', title: 'Financial Statements and Exhibits' },
  ],
};

/** A 13G of 9.8 %: "Commodore Capital 9.8% of AN2". */
export const STAKE_13G: FilingInsights = {
  stake: {
    issuer: { name: 'AnaptysBio Inc', cusip: '032724106' },
    filers: [{ name: 'Commodore Capital LP', shares: 2_700_000, percent: 9.8 }],
    percent: 9.8,
  },
};
