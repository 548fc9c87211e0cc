/** One Redis stream entry: its id (`<ms>-<seq>`) and its field/value pairs as strings. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: Record<string, string>;
}

/**
 * Life of a {@link redisStreamReader}'s dedicated connection, reported through `onState`
 * (never through the entries Observable):
 * - `connecting`: opening attempt `attempt` (1-based, follows the `retry` before it);
 * - `ready`: connected; reading entries after `position` (a concrete id, never `$`);
 * - `error`: the connection or a command failed (`code` stable, `message` from node-redis);
 * - `retry`: waiting `delayMs` before attempt `attempt + 1`.
 */
export type StreamReaderState =
  | { readonly type: 'connecting'; readonly attempt: number }
  | { readonly type: 'ready'; readonly position: string }
  | {
      readonly type: 'error';
      readonly code: StreamReaderErrorCode;
      readonly message: string;
    }
  | {
      readonly type: 'retry';
      readonly attempt: number;
      readonly delayMs: number;
    };

/** `CONNECT_FAILED` before the connection was ready, `READ_FAILED` after. */
export type StreamReaderErrorCode = 'CONNECT_FAILED' | 'READ_FAILED';
