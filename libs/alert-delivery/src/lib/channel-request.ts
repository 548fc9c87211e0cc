import { createHmac } from 'node:crypto';
import type { AlertRule } from '@secfeed/alert-model';
import {
  alertMessage,
  messageText,
  type AlertMessage,
  type MessageFiling,
} from './alert-message';
import type { EntryKind } from '@secfeed/alert-model';

/**
 * Where the channels that have a fixed service live. Tests and private deployments point them
 * at their own servers; the rule's URL keeps only its path (its credential).
 */
export interface ChannelEndpoints {
  /** Default `https://hooks.slack.com`. */
  readonly slack: string;
  /** Default `https://discord.com`. */
  readonly discord: string;
  /** Default `https://api.telegram.org`. */
  readonly telegram: string;
}

export const DEFAULT_CHANNEL_ENDPOINTS: ChannelEndpoints = Object.freeze({
  slack: 'https://hooks.slack.com',
  discord: 'https://discord.com',
  telegram: 'https://api.telegram.org',
});

/** One delivery, ready to send: the raw body is what the signature covers. */
export interface ChannelRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What one delivery carries. `data` is the stored filing JSON, spliced in unchanged. */
export interface DeliveryPayload {
  readonly deliveryId: string;
  readonly kind: EntryKind;
  readonly data: string;
  readonly filing: MessageFiling;
}

const USER_AGENT = 'secfeed-alerts/1';

/**
 * The HTTP request that delivers `payload` to the rule's channel (contracts §8): a webhook gets
 * `{"rule":{"id","name"},"kind","filing"}` signed with HMAC-SHA256 of the raw body
 * (`X-Secfeed-Signature: sha256=<hex>`) and `X-Secfeed-Delivery`; Slack, Discord and Telegram
 * get a short readable message.
 */
export function channelRequest(
  rule: Pick<AlertRule, 'id' | 'name' | 'channel'>,
  payload: DeliveryPayload,
  endpoints: ChannelEndpoints = DEFAULT_CHANNEL_ENDPOINTS,
): ChannelRequest {
  const json = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
  const { channel } = rule;
  const message = () => alertMessage(payload.filing, payload.kind);
  switch (channel.type) {
    case 'webhook': {
      const body = `{"rule":${JSON.stringify({ id: rule.id, name: rule.name })},"kind":${JSON.stringify(payload.kind)},"filing":${payload.data}}`;
      return {
        url: channel.url,
        headers: {
          ...json,
          'x-secfeed-delivery': payload.deliveryId,
          'x-secfeed-signature': signature(body, channel.secret),
        },
        body,
      };
    }
    case 'slack':
      return {
        url: rebase(channel.url, endpoints.slack),
        headers: json,
        body: JSON.stringify({
          text: slackText(message()),
          unfurl_links: false,
        }),
      };
    case 'discord':
      return {
        url: rebase(channel.url, endpoints.discord),
        headers: json,
        body: JSON.stringify({
          content: discordText(message()),
          allowed_mentions: { parse: [] },
        }),
      };
    case 'telegram':
      return {
        url: `${endpoints.telegram.replace(/\/+$/, '')}/bot${channel.botToken}/sendMessage`,
        headers: json,
        body: JSON.stringify({
          chat_id: channel.chatId,
          text: messageText(message()).slice(0, 4096),
          disable_web_page_preview: true,
        }),
      };
  }
}

/** `sha256=<hex HMAC-SHA256 of body with secret>`, as a receiver recomputes it. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function rebase(url: string, base: string): string {
  const parsed = new URL(url);
  return `${base.replace(/\/+$/, '')}${parsed.pathname}${parsed.search}`;
}

const slackEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slackText(message: AlertMessage): string {
  return [
    `*${slackEscape(message.title)}*`,
    message.summary && slackEscape(message.summary),
    slackEscape(message.filed),
    message.link && `<${message.link}|Open on EDGAR>`,
  ]
    .filter(Boolean)
    .join('\n');
}

function discordText(message: AlertMessage): string {
  return [
    `**${message.title}**`,
    message.summary,
    message.filed,
    message.link && `<${message.link}>`,
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, 2000);
}
