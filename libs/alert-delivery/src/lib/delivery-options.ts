import {
  DEFAULT_CHANNEL_ENDPOINTS,
  type ChannelEndpoints,
} from './channel-request';

/** How deliveries are paced, retried and given up (docs/alerts.md, "Limits"). */
export interface DeliveryOptions {
  /** Rules this replica delivers at the same time. Default 32. */
  readonly concurrency: number;
  /** A rule's lease; a replica that dies mid-delivery hands over after this. Default 30 s. */
  readonly leaseMs: number;
  /** How often the queued rules are looked at, besides being woken. Default 250 ms. */
  readonly pollMs: number;
  /** First retry's backoff cap; doubles per attempt (full jitter). Default 1 s. */
  readonly retryBaseMs: number;
  /** Largest backoff between two attempts. Default 5 min. */
  readonly retryMaxMs: number;
  /** A receiver's Retry-After is honoured up to this. Default 1 h. */
  readonly maxRetryAfterMs: number;
  /** Attempts of one delivery before its dead letter. Default 60. */
  readonly maxAttempts: number;
  /** A delivery still failing this long after its stream entry (or its retry) is given up. Default 2 h. */
  readonly maxAgeMs: number;
  /** One attempt, redirects included. Default 10 s. */
  readonly timeoutMs: number;
  /** Deliveries of one rule in a row before other rules get the slot. Default 50. */
  readonly maxPerTurn: number;
  readonly endpoints: ChannelEndpoints;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = Object.freeze({
  concurrency: 32,
  leaseMs: 30_000,
  pollMs: 250,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
  maxRetryAfterMs: 3_600_000,
  maxAttempts: 60,
  maxAgeMs: 7_200_000,
  timeoutMs: 10_000,
  maxPerTurn: 50,
  endpoints: DEFAULT_CHANNEL_ENDPOINTS,
});
