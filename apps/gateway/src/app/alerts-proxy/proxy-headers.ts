import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// RFC 9110 §7.6.1: meant for one connection, never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function withoutHopByHop(
  headers: IncomingHttpHeaders,
  drop: (name: string) => boolean,
): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.includes(name))
      continue;
    if (!drop(name)) kept[name] = value;
  }
  return kept;
}

/**
 * The headers a browser's request keeps on its way to the alerts service: all but the hop-by-hop
 * ones, `Host` (the service's own), `Expect` and `Origin` (the gateway already checked it: to the
 * service this is a call from the gateway). `Authorization` goes on, so the service checks the same JWT.
 * `X-Forwarded-For` and `-Proto` say who asked.
 */
export function requestHeadersForAlerts(
  headers: IncomingHttpHeaders,
  clientAddress: string | undefined,
  encrypted: boolean,
): OutgoingHttpHeaders {
  const kept = withoutHopByHop(
    headers,
    // `Expect: 100-continue` was answered by the gateway's own server already.
    (name) => name === 'host' || name === 'origin' || name === 'expect',
  );
  const earlier = headers['x-forwarded-for'];
  kept['x-forwarded-for'] = [earlier, clientAddress]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(', ');
  kept['x-forwarded-proto'] = encrypted ? 'https' : 'http';
  return kept;
}

/**
 * The headers of the service's answer the browser gets: all but the hop-by-hop ones and the
 * CORS headers (the gateway answers for its own origins, already set on the response). The
 * service's `Vary` (`accept-encoding`) is added to the one the gateway set (`origin`,
 * `ownVary`) rather than replacing it.
 */
export function responseHeadersFromAlerts(
  headers: IncomingHttpHeaders,
  ownVary?: number | string | readonly string[],
): OutgoingHttpHeaders {
  const kept = withoutHopByHop(headers, (name) =>
    name.startsWith('access-control-'),
  );
  if (ownVary !== undefined && kept['vary'] !== undefined)
    kept['vary'] = [ownVary, kept['vary']].flat().join(', ');
  return kept;
}
