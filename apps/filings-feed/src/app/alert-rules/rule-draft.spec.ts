import { EMPTY_FILTERS } from '../filters/feed-filters';
import type { AlertRule } from './alert-rule';
import { describeRuleFilters } from './describe-rule';
import {
  EMPTY_DRAFT,
  draftFromRule,
  filtersFromRule,
  ruleBody,
  validateDraft,
  type RuleDraft,
} from './rule-draft';

const webhook = (change: Partial<RuleDraft> = {}): RuleDraft => ({
  ...EMPTY_DRAFT,
  name: 'Insider buys',
  url: 'https://hooks.example.com/secfeed',
  secret: 'a-secret-of-16-chars',
  ...change,
});

const STORED: AlertRule = {
  id: 'r1',
  name: 'Big buys',
  enabled: false,
  filters: {
    tickers: ['AAPL', 'msft'],
    ciks: ['0000320193'],
    formTypes: ['4'],
    includeAmendments: false,
    transactionCodes: ['P', 'nonsense'],
    minTransactionValue: 100000,
    tenb51: false,
    items: ['2.02'],
    minStakePercent: 5,
  },
  channel: {
    type: 'webhook',
    url: 'https://hooks.example.com/x',
    secret: '****wxyz',
  },
  createdAt: '2025-01-02T10:00:00.000Z',
  updatedAt: '2025-01-02T10:00:00.000Z',
};

describe('validateDraft', () => {
  it('accepts a complete webhook rule', () => {
    expect(validateDraft(webhook())).toEqual({});
  });

  it.each([
    [{ name: '   ' }, 'name', 'INVALID_RULE'],
    [{ name: 'x'.repeat(101) }, 'name', 'INVALID_RULE'],
    [{ url: 'ftp://example.com/x' }, 'channel.url', 'INVALID_CHANNEL_URL'],
    [{ url: 'not a url' }, 'channel.url', 'INVALID_CHANNEL_URL'],
    [{ secret: '' }, 'channel.secret', 'INVALID_CHANNEL'],
    [{ secret: 'too-short' }, 'channel.secret', 'WEAK_SECRET'],
    [{ secret: 's'.repeat(257) }, 'channel.secret', 'WEAK_SECRET'],
  ])('refuses %j at %s with %s', (change, field, code) => {
    const errors = validateDraft(webhook(change));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field].code).toBe(code);
  });

  it('lets an edit leave a secret blank when the channel keeps its type, not when it changes', () => {
    const kept = STORED.channel;
    expect(validateDraft(webhook({ secret: '' }), kept)).toEqual({});
    expect(
      Object.keys(
        validateDraft(
          { ...webhook(), channelType: 'telegram', botToken: '', chatId: '' },
          kept,
        ),
      ),
    ).toEqual(['channel.botToken', 'channel.chatId']);
    expect(
      validateDraft({ ...webhook(), channelType: 'slack', url: '' }, kept)[
        'channel.url'
      ]?.code,
    ).toBe('INVALID_CHANNEL_URL');
    expect(
      validateDraft(
        { ...webhook(), channelType: 'slack', url: '' },
        { type: 'slack', url: 'https://hooks.slack.com/****1234' },
      ),
    ).toEqual({});
  });
});

describe('ruleBody', () => {
  it('sends the server-side filters as the live feed subscribes with them, and the secret typed', () => {
    const body = ruleBody(
      webhook({
        name: '  Insider buys ',
        filters: {
          ...EMPTY_FILTERS,
          q: 'apple',
          from: '2025-01-02',
          tickers: ['AAPL'],
          transactionCodes: ['P'],
          minTransactionValue: 100000,
          includeAmendments: false,
        },
      }),
    );
    expect(body).toEqual({
      name: 'Insider buys',
      enabled: true,
      filters: {
        tickers: ['AAPL'],
        includeAmendments: false,
        transactionCodes: ['P'],
        minTransactionValue: 100000,
      },
      channel: {
        type: 'webhook',
        url: 'https://hooks.example.com/secfeed',
        secret: 'a-secret-of-16-chars',
      },
    });
  });

  it('leaves out secrets not retyped, so a PUT keeps the stored ones', () => {
    const draft = draftFromRule(STORED);
    expect(draft.secret).toBe('');
    expect(ruleBody(draft).channel).toEqual({
      type: 'webhook',
      url: 'https://hooks.example.com/x',
    });
    expect(
      ruleBody({ ...draft, channelType: 'telegram', chatId: '@desk' }).channel,
    ).toEqual({ type: 'telegram', chatId: '@desk' });
    expect(
      ruleBody({ ...draft, channelType: 'discord', url: '' }).channel,
    ).toEqual({
      type: 'discord',
    });
  });
});

describe('filtersFromRule', () => {
  it('reads stored filters with the filter bar rules: values it would drop are dropped', () => {
    expect(filtersFromRule(STORED.filters)).toEqual({
      ...EMPTY_FILTERS,
      tickers: ['AAPL', 'MSFT'],
      ciks: ['320193'],
      formTypes: ['4'],
      includeAmendments: false,
      items: ['2.02'],
      transactionCodes: ['P'],
      minTransactionValue: 100000,
      tenb51: false,
      minStakePercent: 5,
    });
    expect(draftFromRule(STORED)).toMatchObject({
      name: 'Big buys',
      enabled: false,
    });
  });

  it('summarizes a rule in one line', () => {
    expect(describeRuleFilters(STORED.filters)).toBe(
      'AAPL, MSFT · CIK 320193 · forms 4 · no amendments · items 2.02 · codes P · ≥ $100,000 · no 10b5-1 · stake ≥ 5%',
    );
    expect(describeRuleFilters({ tickers: [], includeAmendments: true })).toBe(
      'every filing',
    );
  });
});
