/** The coded answers of the alerts proxy (docs/rest.md, "Alert rules through the gateway"). */
export const ALERTS_PROXY_CODES = {
  /** 502: the alerts service refused the connection, reset it, or answered nothing usable. */
  unavailable: 'ALERTS_UNAVAILABLE',
  /** 504: the alerts service stayed silent past the proxy's timeout. */
  timeout: 'ALERTS_TIMEOUT',
  /** 413: a request body over the proxy's cap, refused before it reaches the service. */
  tooLarge: 'PAYLOAD_TOO_LARGE',
} as const;

export type AlertsProxyCode =
  (typeof ALERTS_PROXY_CODES)[keyof typeof ALERTS_PROXY_CODES];
