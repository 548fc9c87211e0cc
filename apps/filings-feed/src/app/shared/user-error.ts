/** A failure as the user reads it: what happened, in words, and what they can do. */
export interface UserError {
  /** Stable code (the gateway's, or `NETWORK`, `UNKNOWN`...) for support and tests. */
  readonly code: string;
  /** One sentence, no jargon. */
  readonly message: string;
}

const GATEWAY_MESSAGES: Readonly<Record<string, string>> = {
  INVALID_JSON: 'The feed did not understand a request from this page.',
  NOT_AN_OBJECT: 'The feed did not understand a request from this page.',
  UNKNOWN_ACTION: 'The feed did not understand a request from this page.',
  INVALID_FILTERS:
    'The live feed refused these filters. Check the tickers, CIKs and form types.',
  TOO_MANY_VALUES:
    'Too many values in one filter (at most 100). Remove some and try again.',
  INVALID_SINCE: 'The feed could not resume where it left off.',
  INVALID_SNAPSHOT: 'The feed could not send recent filings.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a moment and retry.',
  HISTORY_UNAVAILABLE:
    'The feed could not read past filings right now. Retry in a moment.',
  INVALID_TICKER: 'A ticker in the filters is not valid (e.g. AAPL, BRK-B).',
  INVALID_CIK: 'A CIK in the filters is not valid: use digits only.',
  INVALID_FORM_TYPE: 'A form type in the filters is not valid.',
  INVALID_DATE: 'A date in the filters is not valid.',
  INVALID_RANGE: 'The start date is after the end date.',
  INVALID_CURSOR: 'The list could not continue; reload to start again.',
  REDIS_UNAVAILABLE:
    'The filings store is unavailable right now. Retry in a moment.',
  NOT_FOUND: 'That filing was not found.',
};

const CLOSE_MESSAGES: Readonly<Record<number, string>> = {
  1001: 'The feed server is restarting.',
  1009: 'A message was too large for the feed.',
  4001: 'Your access to the feed expired or was refused. Reload the page to sign in again.',
  4008: 'The feed closed the connection after repeated bad requests.',
  4009: 'The connection was too slow to keep up with the feed.',
  4029: 'Too many requests were sent to the feed.',
};

/** Words for a gateway error code (`{"type":"error"}` or a REST `error.code`). */
export function gatewayError(code: string, fallback?: string): UserError {
  return {
    code,
    message:
      GATEWAY_MESSAGES[code] ?? fallback ?? 'The feed reported a problem.',
  };
}

/** Words for a WebSocket close code; `undefined` for ordinary closes (1000, 1005, 1006). */
export function closeError(code: number): UserError | undefined {
  const message =
    CLOSE_MESSAGES[code] ??
    (code >= 4000 && code < 5000
      ? `The feed closed the connection (code ${code}).`
      : undefined);
  return message === undefined ? undefined : { code: `CLOSE_${code}`, message };
}
