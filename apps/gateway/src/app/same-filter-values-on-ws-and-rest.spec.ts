// The WebSocket's subscribe and REST's query take the same filter values: each case of
// filing-model's shared table goes through both parsers the gateway answers with, and both
// must accept it with the same normalized value, or both refuse it (each with its own code).
import type { FilterValueKind } from '@secfeed/filing-model';
import { FILTER_VALUE_CASES } from '@secfeed/filing-model/testing';
import { HistoryError } from './history/history-error';
import { parseHistoryQuery } from './history/parse-history-query';
import { parseClientMessage } from './realtime/parse-client-message';

const WS_LIST = { ticker: 'tickers', cik: 'ciks', formType: 'formTypes' };
const REST_PARAMETER = { ticker: 'ticker', cik: 'cik', formType: 'formType' };
const REST_CODE = {
  ticker: 'INVALID_TICKER',
  cik: 'INVALID_CIK',
  formType: 'INVALID_FORM_TYPE',
};
const FILTER_OF = {
  ticker: 'tickers',
  cik: 'ciks',
  formType: 'formTypes',
} as const;

/** The subscription's values, or the error reply's code. */
function overWebSocket(kind: FilterValueKind, raw: string) {
  const result = parseClientMessage(
    JSON.stringify({
      action: 'subscribe_sec_filings',
      filters: { [WS_LIST[kind]]: [raw] },
    }),
    false,
  );
  if (!result.ok) return { code: result.code };
  if (result.command.action !== 'subscribe') throw new Error('not a subscribe');
  return { values: [...result.command.filters[FILTER_OF[kind]]] };
}

/** The query's values, or the 400's code. */
function overRest(kind: FilterValueKind, raw: string) {
  try {
    const query = parseHistoryQuery(
      new URLSearchParams({ [REST_PARAMETER[kind]]: raw }).toString(),
    );
    return { values: [...query.filters[FILTER_OF[kind]]] };
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
          ? { ws: { code: 'INVALID_FILTERS' }, rest: { code: REST_CODE[kind] } }
          : { ws: { values: [accepted] }, rest: { values: [accepted] } },
      );
    },
  );
});
