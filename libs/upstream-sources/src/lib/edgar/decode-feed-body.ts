import { XMLParser } from 'fast-xml-parser';

// The XML declaration must come first and is short; 512 bytes cover any real one.
const DECLARATION_BYTES = 512;
const declarationParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
});

/**
 * Decodes a feed body with the charset it declares: the `charset` of `Content-Type` first
 * (RFC 7303: the transport wins), then the `encoding` of the XML declaration, then UTF-8 (the
 * XML default). EDGAR declares ISO-8859-1, so decoding as UTF-8 would turn every accented
 * company name into U+FFFD. An unknown label also falls back to UTF-8 rather than failing the
 * poll; the parser then judges the text.
 *
 * @example
 * ```ts
 * decodeFeedBody(bytes, 'application/atom+xml; charset=ISO-8859-1'); // 'SOCIÉTÉ GÉNÉRALE ...'
 * ```
 */
export function decodeFeedBody(
  bytes: Uint8Array,
  contentType: string | null,
): string {
  const label = charsetOf(contentType) ?? declaredEncoding(bytes) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/** The `charset` parameter of a media type, unquoted, or undefined. */
export function charsetOf(contentType: string | null): string | undefined {
  for (const parameter of (contentType ?? '').split(';').slice(1)) {
    const [name, ...rest] = parameter.split('=');
    if (name.trim().toLowerCase() === 'charset') {
      const value = rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1');
      return value || undefined;
    }
  }
  return undefined;
}

/** The `encoding` of the XML declaration, read by the XML parser itself, or undefined. */
export function declaredEncoding(bytes: Uint8Array): string | undefined {
  // Every encoding EDGAR could declare is ASCII-compatible, so the prolog reads fine as latin1.
  const head = new TextDecoder('latin1').decode(
    bytes.subarray(0, DECLARATION_BYTES),
  );
  const end = head.indexOf('?>');
  if (!head.startsWith('<?xml') || end < 0) return undefined;
  try {
    const prolog = declarationParser.parse(head.slice(0, end + 2)) as {
      '?xml'?: { encoding?: unknown };
    };
    const encoding = prolog['?xml']?.encoding;
    return typeof encoding === 'string' && encoding ? encoding : undefined;
  } catch {
    return undefined;
  }
}
