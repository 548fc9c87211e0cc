// The WebSocket's subscribe and REST's query take the same filter values: each case of
// filing-model's shared table goes through both parsers the gateway answers with, and both
// must accept it with the same normalized value, or both refuse it (each with its own code).
import {
  INSIGHT_FILTER_CODES,
  type FilterNumberKind,
  type FilterValueKind,
} from '@secfeed/filing-model';
import { HistoryError, parseHistoryQuery } from '@secfeed/filings-history';
import { parseClientMessage } from '@secfeed/realtime';
import {
  FILTER_NUMBER_CASES,
  FILTER_VALUE_CASES,
} from '@secfeed/filing-model/testing';
import {
  protocolCodes,
  restCodes,
} from '../fuzz/test-support/documented-codes';

const REST_PARAMETER = {
  ticker: 'ticker',
  cik: 'cik',
  formType: 'formType',
  item: 'item',
  transactionCode: 'transactionCode',
};
const REST_CODE = {
  ticker: 'INVALID_TICKER',
  cik: 'INVALID_CIK',
  formType: 'INVALID_FORM_TYPE',
  item: 'INVALID_ITEM',
  transactionCode: 'INVALID_TRANSACTION_CODE',
};
// The lists of the first filters refuse a value with the generic code on the WebSocket; the
// insight filters came later and have their own code, the same on both.
const WS_CODE = {
  ticker: 'INVALID_FILTERS',
  cik: 'INVALID_FILTERS',
  formType: 'INVALID_FILTERS',
  item: 'INVALID_ITEM',
  transactionCode: 'INVALID_TRANSACTION_CODE',
};
const NUMBER_CODE = {
  minTransactionValue: 'INVALID_MIN_TRANSACTION_VALUE',
  minStakePercent: 'INVALID_MIN_STAKE_PERCENT',
};
const FILTER_OF = {
  ticker: 'tickers',
  cik: 'ciks',
  formType: 'formTypes',
  item: 'items',
  transactionCode: 'transactionCodes',
} as const;

/** The subscription's values, or the error reply's code. */
function overWebSocket(kind: FilterValueKind, raw: string) {
  const result = parseClientMessage(
    JSON.stringify({
      action: 'subscribe_sec_filings',
      filters: { [FILTER_OF[kind]]: [raw] },
    }),
    false,
  );
  if (!result.ok) return { code: result.code };
  if (result.command.action !== 'subscribe') throw new Error('not a subscribe');
  return { values: [...(result.command.filters[FILTER_OF[kind]] ?? [])] };
}

/** The query's values, or the 400's code. */
function overRest(kind: FilterValueKind, raw: string) {
  try {
    const query = parseHistoryQuery(
      new URLSearchParams({ [REST_PARAMETER[kind]]: raw }).toString(),
    );
    return { values: [...(query.filters[FILTER_OF[kind]] ?? [])] };
  } catch (err) {
    if (err instanceof HistoryError) return { code: err.code };
    throw err;
  }
}

describe('the same filter values on the WebSocket and REST', () => {
  it.each(FILTER_VALUE_CASES.map((c) => [c.kind, c.raw, c.accepted]))(
    '%s %j: %j on both',
    (kind, raw, accepted) => {
      expect({
        ws: overWebSocket(kind, raw),
        rest: overRest(kind, raw),
      }).toEqual(
        accepted === null
          ? { ws: { code: WS_CODE[kind] }, rest: { code: REST_CODE[kind] } }
          : { ws: { values: [accepted] }, rest: { values: [accepted] } },
      );
    },
  );

  it.each(FILTER_NUMBER_CASES.map((c) => [c.kind, c.raw, c.accepted]))(
    '%s %j: %j on both',
    (kind, raw, accepted) => {
      expect({
        ws: numberOverWebSocket(kind, raw),
        rest: numberOverRest(kind, String(raw)),
      }).toEqual(
        accepted === null
          ? {
              ws: { code: NUMBER_CODE[kind] },
              rest: { code: NUMBER_CODE[kind] },
            }
          : { ws: { value: accepted }, rest: { value: accepted } },
      );
    },
  );

  it.each([
    ['true', true],
    ['false', false],
  ])('tenb51 %s on both', (raw, value) => {
    expect({
      ws: numberOverWebSocket('tenb51', value),
      rest: numberOverRest('tenb51', raw),
    }).toEqual({ ws: { value }, rest: { value } });
    expect({
      ws: numberOverWebSocket('tenb51', raw),
      rest: numberOverRest('tenb51', 'yes'),
    }).toEqual({
      ws: { code: 'INVALID_TENB51' },
      rest: { code: 'INVALID_TENB51' },
    });
  });
});

describe('the insight filter codes', () => {
  it('are listed in docs/protocol.md and, as 400s, in docs/rest.md', () => {
    const codes = Object.values(INSIGHT_FILTER_CODES);
    const ws = protocolCodes().errors;
    const rest = restCodes().get(400) ?? new Set();
    expect(codes.filter((code) => !ws.has(code) || !rest.has(code))).toEqual(
      [],
    );
  });
});

type ScalarKind = FilterNumberKind | 'tenb51';

/** The subscription's scalar filter, or the error reply's code. */
function numberOverWebSocket(kind: ScalarKind, raw: unknown) {
  const result = parseClientMessage(
    JSON.stringify({
      action: 'subscribe_sec_filings',
      filters: { [kind]: raw },
    }),
    false,
  );
  if (!result.ok) return { code: result.code };
  if (result.command.action !== 'subscribe') throw new Error('not a subscribe');
  return { value: result.command.filters[kind] };
}

/** The query's scalar filter, or the 400's code. */
function numberOverRest(kind: ScalarKind, raw: string) {
  try {
    const query = parseHistoryQuery(
      new URLSearchParams({ [kind]: raw }).toString(),
    );
    return { value: query.filters[kind] };
  } catch (err) {
    if (err instanceof HistoryError) return { code: err.code };
    throw err;
  }
}
