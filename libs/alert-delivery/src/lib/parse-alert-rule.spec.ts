import type { AlertRule } from '@secfeed/alert-model';
import { maskChannel } from './mask-secret';
import { parseAlertRule } from './parse-alert-rule';

const SECRET = 'whsec-0123456789abcdef';
const stored: AlertRule = {
  id: 'r1',
  name: 'rule',
  enabled: true,
  filters: { formTypes: ['4'] },
  channel: { type: 'webhook', url: 'https://x.example/h', secret: SECRET },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('parseAlertRule', () => {
  it('normalizes filters and defaults enabled to true', () => {
    const parsed = parseAlertRule(
      {
        name: ' x ',
        filters: { tickers: ['aapl'], ciks: ['0000320193'] },
        channel: stored.channel,
      },
      'create',
    );
    expect(parsed).toEqual({
      ok: true,
      fields: {
        name: 'x',
        enabled: true,
        filters: {
          tickers: ['AAPL'],
          ciks: ['320193'],
          formTypes: [],
          includeAmendments: true,
        },
        channel: stored.channel,
        ratePerSecond: undefined,
      },
    });
  });

  it('keeps a stored secret when an update omits it or sends it back masked', () => {
    const masked = maskChannel(stored.channel);
    for (const channel of [
      masked,
      { type: 'webhook', url: 'https://y.example/h' },
    ]) {
      const parsed = parseAlertRule({ name: 'n', channel }, 'replace', stored);
      expect(parsed.ok && parsed.fields.channel).toMatchObject({
        secret: SECRET,
      });
    }
    // Another channel type does not inherit it.
    const slack = parseAlertRule(
      { channel: { type: 'slack', url: '****' } },
      'patch',
      stored,
    );
    expect(slack).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CHANNEL_URL' },
    });
  });

  it('patches only the fields given', () => {
    const parsed = parseAlertRule({ enabled: false }, 'patch', stored);
    expect(parsed.ok && parsed.fields).toMatchObject({
      name: 'rule',
      enabled: false,
      filters: { formTypes: ['4'] },
      channel: stored.channel,
    });
  });

  it('never throws on hostile input', () => {
    for (const body of [
      null,
      1,
      'x',
      [],
      { channel: null },
      { name: 'x', channel: { type: 'webhook', url: 5 } },
    ]) {
      expect(parseAlertRule(body, 'create').ok).toBe(false);
    }
  });
});
