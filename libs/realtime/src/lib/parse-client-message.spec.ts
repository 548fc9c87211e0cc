import { MAX_FILTER_VALUES } from '@secfeed/filing-model';
import { parseClientMessage } from './parse-client-message';

const parse = (value: unknown) =>
  parseClientMessage(Buffer.from(JSON.stringify(value)), false);

describe('parseClientMessage', () => {
  it('reads ping and unsubscribe', () => {
    expect(parse({ action: 'ping' })).toEqual({
      ok: true,
      command: { action: 'ping' },
    });
    expect(parse({ action: 'unsubscribe_sec_filings', extra: 1 })).toEqual({
      ok: true,
      command: { action: 'unsubscribe' },
    });
  });

  it('reads a subscription with normalized filters', () => {
    const result = parse({
      action: 'subscribe_sec_filings',
      filters: {
        tickers: ['aapl'],
        ciks: ['0000320193', 789019],
        formTypes: ['10-k'],
      },
      snapshot: 5,
    });
    expect(result.ok && result.command).toMatchObject({
      action: 'subscribe',
      since: undefined,
      snapshot: 5,
    });
    if (!result.ok || result.command.action !== 'subscribe')
      throw new Error('not ok');
    expect([...result.command.filters.tickers]).toEqual(['AAPL']);
    expect([...result.command.filters.ciks]).toEqual(['320193', '789019']);
    expect([...result.command.filters.formTypes]).toEqual(['10-K']);
  });

  it('canonicalizes since and ignores snapshot when since is given', () => {
    const result = parse({
      action: 'subscribe_sec_filings',
      since: '017-02',
      snapshot: 5,
    });
    expect(result.ok && result.command).toMatchObject({
      since: '17-2',
      snapshot: 0,
    });
  });

  it('treats null since, snapshot and filters as absent', () => {
    const result = parse({
      action: 'subscribe_sec_filings',
      since: null,
      snapshot: null,
      filters: null,
    });
    expect(result.ok && result.command).toMatchObject({
      since: undefined,
      snapshot: 0,
    });
  });

  it.each([
    ['binary', Buffer.from('{"action":"ping"}'), true, 'BINARY_NOT_SUPPORTED'],
    ['not JSON', Buffer.from('{nope'), false, 'INVALID_JSON'],
    ['an array', Buffer.from('[1]'), false, 'NOT_AN_OBJECT'],
    ['null', Buffer.from('null'), false, 'NOT_AN_OBJECT'],
    ['a string', Buffer.from('"ping"'), false, 'NOT_AN_OBJECT'],
    ['no action', Buffer.from('{}'), false, 'UNKNOWN_ACTION'],
    [
      'unknown action',
      Buffer.from('{"action":"publish"}'),
      false,
      'UNKNOWN_ACTION',
    ],
  ])('refuses %s with %s', (_label, data, binary, code) => {
    expect(parseClientMessage(data, binary)).toMatchObject({ ok: false, code });
  });

  it.each([
    [{ filters: { tickers: 'AAPL' } }, 'INVALID_FILTERS'],
    [{ filters: { ticker: ['AAPL'] } }, 'INVALID_FILTERS'],
    [{ filters: { ciks: ['abc'] } }, 'INVALID_FILTERS'],
    [{ filters: [] }, 'INVALID_FILTERS'],
    [
      {
        filters: {
          tickers: Array.from(
            { length: MAX_FILTER_VALUES + 1 },
            (_, i) => `T${i}`,
          ),
        },
      },
      'TOO_MANY_VALUES',
    ],
    [{ since: 'yesterday' }, 'INVALID_SINCE'],
    [{ since: 17 }, 'INVALID_SINCE'],
    [{ snapshot: 501 }, 'INVALID_SNAPSHOT'],
    [{ snapshot: -1 }, 'INVALID_SNAPSHOT'],
    [{ snapshot: 1.5 }, 'INVALID_SNAPSHOT'],
    [{ snapshot: '5' }, 'INVALID_SNAPSHOT'],
  ])('refuses subscribe %j with %s', (fields, code) => {
    const result = parse({ action: 'subscribe_sec_filings', ...fields });
    expect(result).toMatchObject({ ok: false, code });
    expect(!result.ok && result.message.length).toBeGreaterThan(0);
  });
});
