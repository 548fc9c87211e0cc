import {
  CHANNEL_TYPES,
  DEFAULT_RATE_PER_SECOND,
  ruleRate,
  type AlertChannel,
} from './alert-rule';

const channels: Record<(typeof CHANNEL_TYPES)[number], AlertChannel> = {
  webhook: {
    type: 'webhook',
    url: 'https://hooks.example.com/a',
    secret: 's'.repeat(32),
  },
  slack: { type: 'slack', url: 'https://hooks.slack.com/services/T/B/X' },
  discord: { type: 'discord', url: 'https://discord.com/api/webhooks/1/x' },
  telegram: { type: 'telegram', botToken: '1:x', chatId: '42' },
};

describe('ruleRate', () => {
  it.each(CHANNEL_TYPES)(
    'a %s rule without a rate of its own goes at its channel default',
    (type) => {
      expect(ruleRate({ channel: channels[type] })).toBe(
        DEFAULT_RATE_PER_SECOND[type],
      );
    },
  );

  it('keeps within what each service tolerates per webhook or chat', () => {
    // Slack: 1 message/s per incoming webhook; Discord: ~30/min; Telegram: ~1/s per chat.
    expect(DEFAULT_RATE_PER_SECOND.slack).toBeLessThanOrEqual(1);
    expect(DEFAULT_RATE_PER_SECOND.discord).toBeLessThanOrEqual(0.5);
    expect(DEFAULT_RATE_PER_SECOND.telegram).toBeLessThanOrEqual(1);
  });

  it("takes the rule's own rate over the default", () => {
    expect(ruleRate({ channel: channels.slack, ratePerSecond: 0.2 })).toBe(0.2);
    expect(ruleRate({ channel: channels.webhook, ratePerSecond: 50 })).toBe(50);
  });

  it('cannot be changed at run time (the defaults are frozen)', () => {
    expect(Object.isFrozen(DEFAULT_RATE_PER_SECOND)).toBe(true);
  });
});
