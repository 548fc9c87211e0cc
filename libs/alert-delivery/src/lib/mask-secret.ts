import type { AlertChannel } from '@secfeed/alert-model';

const MASK = '****';

/** A secret as answers show it: `****` and its last 4 characters (none when it is short). */
export function maskSecret(secret: string): string {
  return secret.length >= 16 ? `${MASK}${secret.slice(-4)}` : MASK;
}

/** A URL whose path is a credential (Slack, Discord): the origin, then the masked path. */
export function maskUrlPath(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}/${maskSecret(parsed.pathname + parsed.search)}`;
  } catch {
    return MASK;
  }
}

/**
 * The channel as API answers and logs may show it: the webhook `secret`, the Slack and Discord
 * URL paths and the Telegram token (but its bot id) masked.
 *
 * @example
 * maskChannel({ type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/abcdefgh12345678' });
 * // { type: 'slack', url: 'https://hooks.slack.com/****5678' }
 */
export function maskChannel(channel: AlertChannel): AlertChannel {
  switch (channel.type) {
    case 'webhook':
      return { ...channel, secret: maskSecret(channel.secret) };
    case 'slack':
    case 'discord':
      return { ...channel, url: maskUrlPath(channel.url) };
    case 'telegram': {
      const [bot] = channel.botToken.split(':');
      return {
        ...channel,
        botToken: `${bot}:${maskSecret(channel.botToken)}`,
      };
    }
  }
}

/** Whether `value` is what {@link maskChannel} shows, so an update sending it back keeps the secret. */
export function isMasked(value: unknown): boolean {
  return typeof value === 'string' && value.includes(MASK);
}
