import { createRedisKeys } from '@secfeed/redis-keys';
import { parseHistoryQuery } from './parse-history-query';
import { planScan } from './scan-plan';

const keys = createRedisKeys('t:');
const plan = (search: string) =>
  planScan(parseHistoryQuery(search), keys, 1000);

describe('planScan', () => {
  it('reads the all index without filters, exact, from the retention cut-off', () => {
    expect(plan('')).toEqual({
      keys: [keys.history],
      exact: true,
      minScore: 1000,
      maxScore: Infinity,
    });
  });

  it('prefers the CIK index, then ticker sets, then form indexes', () => {
    expect(plan('cik=1&ticker=A&formType=4')).toMatchObject({
      keys: [keys.cik('1')],
      exact: false,
    });
    expect(plan('cik=1,2&ticker=A')).toMatchObject({
      keys: [keys.ticker('A')],
      exact: false,
    });
    expect(plan('ticker=a,b')).toMatchObject({
      keys: [keys.ticker('A'), keys.ticker('B')],
      exact: true,
    });
    expect(plan('formType=10-K&ticker=A').keys).toEqual([keys.ticker('A')]);
  });

  it('reads the /A index of each form unless amendments are excluded', () => {
    expect(plan('formType=sc 13d').keys).toEqual([
      keys.formType('SC 13D'),
      keys.formType('SC 13D/A'),
    ]);
    expect(plan('formType=4&includeAmendments=false')).toMatchObject({
      keys: [keys.formType('4')],
      exact: true,
    });
  });

  it('checks the insight filters on the documents, whichever index is read', () => {
    expect(plan('transactionCode=P&minTransactionValue=100000')).toMatchObject({
      keys: [keys.history],
      exact: false,
    });
    expect(
      plan('formType=8-K&includeAmendments=false&item=2.02'),
    ).toMatchObject({
      keys: [keys.formType('8-K')],
      exact: false,
    });
    expect(plan('ticker=A&tenb51=true').exact).toBe(false);
  });

  it('checks documents when q is given, and bounds the scores by from and to', () => {
    expect(plan('q=apple')).toMatchObject({
      keys: [keys.history],
      exact: false,
    });
    const bounded = plan('from=2025-03-10T00:00:00Z&to=2025-03-11T00:00:00Z');
    expect(bounded).toMatchObject({
      minScore: Date.parse('2025-03-10T00:00:00Z'),
      maxScore: Date.parse('2025-03-11T00:00:00Z'),
    });
    expect(
      planScan(
        parseHistoryQuery('from=2025-03-10'),
        keys,
        Date.parse('2025-03-11T00:00:00Z'),
      ).minScore,
    ).toBe(Date.parse('2025-03-11T00:00:00Z'));
  });
});
