/** A request target as the gateway routes it. */
export interface RequestTarget {
  /** The path, dot segments resolved and percent-encoding kept: `/ws`, `/api/filings`. */
  readonly pathname: string;
  /** The query, without `?`. */
  readonly search: string;
  readonly searchParams: URLSearchParams;
}

/** Any fixed origin: only the path and query of a target are ever read. */
const ORIGIN = 'http://gateway.invalid';
const ABSOLUTE = /^(https?|wss?):\/\//i;

/**
 * Parses the target of an HTTP request line (`req.url`) and never throws, whatever a client
 * sends: origin-form (`/ws?token=...`), including `//`, `/%00` and `/../..`, and absolute-form
 * (`http://host/ws`, which a proxy may send). `new URL(target, base)` is not safe for this: it
 * reads `//x` as a host, and throws on `//`. Returns `undefined` for a target that names no
 * path: `*` (asterisk-form), `host:443` (authority-form), anything else that is not a URL.
 *
 * @example
 * ```ts
 * parseRequestTarget('/ws?token=abc')?.searchParams.get('token'); // 'abc'
 * parseRequestTarget('//')?.pathname; // '//'
 * parseRequestTarget('*'); // undefined
 * ```
 */
export function parseRequestTarget(
  target: string | undefined,
): RequestTarget | undefined {
  const raw = target ?? '/';
  // Appending the target to an origin (not resolving it against a base) keeps `//x` a path.
  const href = raw.startsWith('/')
    ? ORIGIN + raw
    : ABSOLUTE.test(raw)
      ? raw
      : undefined;
  if (href === undefined) return undefined;
  try {
    const url = new URL(href);
    return {
      pathname: url.pathname,
      search: url.search.slice(1),
      searchParams: url.searchParams,
    };
  } catch {
    return undefined;
  }
}

/** The path of `target`, or `undefined` when it has none (see {@link parseRequestTarget}). */
export function requestPath(target: string | undefined): string | undefined {
  return parseRequestTarget(target)?.pathname;
}
