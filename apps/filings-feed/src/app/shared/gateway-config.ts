import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** Where the dashboard finds the gateway. */
export interface GatewayConfig {
  /**
   * Base URL of the gateway, e.g. `https://feed.example.com`; `''` (the default) means the
   * origin that served the dashboard.
   */
  readonly baseUrl: string;
  /** Bearer token for a gateway that requires one (`?token=` on the socket). Default none. */
  readonly token?: string;
}

/**
 * The gateway's location, read once at start from
 * `<meta name="secfeed-gateway" content="https://host:9000">` and
 * `<meta name="secfeed-token" content="...">` in index.html. Both are optional.
 */
export const GATEWAY_CONFIG = new InjectionToken<GatewayConfig>(
  'GATEWAY_CONFIG',
  {
    providedIn: 'root',
    factory: () => {
      const document = inject(DOCUMENT);
      const meta = (name: string) =>
        document
          .querySelector(`meta[name="${name}"]`)
          ?.getAttribute('content')
          ?.trim() ?? '';
      const token = meta('secfeed-token');
      return {
        baseUrl: meta('secfeed-gateway').replace(/\/+$/, ''),
        ...(token ? { token } : {}),
      };
    },
  },
);

/** The WebSocket URL of `/ws` for a config, relative to the page's location when same-origin. */
export function socketUrl(config: GatewayConfig, location: Location): string {
  const base = config.baseUrl || `${location.protocol}//${location.host}`;
  const url = new URL('/ws', base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (config.token) url.searchParams.set('token', config.token);
  return url.toString();
}

/** The URL of `GET /api/filings` (relative when same-origin, so a dev proxy works). */
export function filingsUrl(config: GatewayConfig): string {
  return `${config.baseUrl}/api/filings`;
}

/** The URL of `/api/alert-rules` (the gateway forwards it to the alerts service). */
export function alertRulesUrl(config: GatewayConfig): string {
  return `${config.baseUrl}/api/alert-rules`;
}
