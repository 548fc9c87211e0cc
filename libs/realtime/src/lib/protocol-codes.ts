/**
 * Codes of `{"type":"error","code":C}` replies. Each leaves the connection open
 * (docs/protocol.md lists them for users).
 */
export const ERROR_CODES = Object.freeze({
  /** The text frame is not JSON. */
  INVALID_JSON: 'INVALID_JSON',
  /** The JSON is not an object (an array, a string, null...). */
  NOT_AN_OBJECT: 'NOT_AN_OBJECT',
  /** `action` is missing or not one of the protocol's actions. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** `filters` is not valid (wrong type, unknown key, bad CIK...). */
  INVALID_FILTERS: 'INVALID_FILTERS',
  /** A filter list has more than `MAX_FILTER_VALUES` entries. */
  TOO_MANY_VALUES: 'TOO_MANY_VALUES',
  /** `filters.items` is not a list of 8-K item codes such as `2.02`. */
  INVALID_ITEM: 'INVALID_ITEM',
  /** `filters.transactionCodes` is not a list of Form 4 transaction codes (`P`, `S`...). */
  INVALID_TRANSACTION_CODE: 'INVALID_TRANSACTION_CODE',
  /** `filters.minTransactionValue` is not a number of dollars from 0 to 1e12. */
  INVALID_MIN_TRANSACTION_VALUE: 'INVALID_MIN_TRANSACTION_VALUE',
  /** `filters.tenb51` is not true or false. */
  INVALID_TENB51: 'INVALID_TENB51',
  /** `filters.minStakePercent` is not a number from 0 to 100. */
  INVALID_MIN_STAKE_PERCENT: 'INVALID_MIN_STAKE_PERCENT',
  /** `since` is not a position (`<ms>-<seq>`). */
  INVALID_SINCE: 'INVALID_SINCE',
  /** `snapshot` is not an integer from 0 to 500. */
  INVALID_SNAPSHOT: 'INVALID_SNAPSHOT',
  /** A binary frame: the protocol is JSON text only. */
  BINARY_NOT_SUPPORTED: 'BINARY_NOT_SUPPORTED',
  /** More messages than the rate limit allows; the message was ignored. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The replay or snapshot could not be read (Redis unavailable); subscribe again. */
  HISTORY_UNAVAILABLE: 'HISTORY_UNAVAILABLE',
} as const);

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** WebSocket close codes the gateway uses (4xxx are the gateway's own). */
export const CLOSE_CODES = Object.freeze({
  /** The gateway is shutting down (standard "going away"). */
  GOING_AWAY: 1001,
  /** A text frame that is not UTF-8 (standard "invalid payload data", sent by `ws`). */
  INVALID_UTF8: 1007,
  /** A frame above `maxPayloadBytes` (standard "message too big", sent by `ws`). */
  MESSAGE_TOO_BIG: 1009,
  /** The token's `exp` passed while connected; reconnect with a fresh token. */
  UNAUTHORIZED: 4001,
  /** Too many bad messages in a row. */
  POLICY_VIOLATION: 4008,
  /** Unsent data for this client passed `sendBufferBytes`: it cannot keep up. */
  SLOW_CONSUMER: 4009,
  /** The client kept sending above the rate limit. */
  RATE_LIMITED: 4029,
} as const);

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/**
 * Codes of upgrade refusals (HTTP status and the `error.code` of the JSON body). The access
 * refusals (403 `ORIGIN_FORBIDDEN`, 401 `TOKEN_*`) are `/api`'s too and come from `checkAccess`.
 */
export const REFUSAL_CODES = Object.freeze({
  /** 503: `maxConnections` reached. */
  CONNECTION_LIMIT: 'CONNECTION_LIMIT',
  /** 429: `maxConnectionsPerIp` reached by the client's address. */
  IP_CONNECTION_LIMIT: 'IP_CONNECTION_LIMIT',
  /** 503: Redis has not answered since the gateway started; retry later. */
  REDIS_UNAVAILABLE: 'REDIS_UNAVAILABLE',
  /** 503: the gateway is shutting down. */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** 404: the upgrade is not for `/ws`. */
  NOT_FOUND: 'NOT_FOUND',
} as const);

export type RefusalCode = (typeof REFUSAL_CODES)[keyof typeof REFUSAL_CODES];
