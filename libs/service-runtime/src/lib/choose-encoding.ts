/** A content coding a service compresses its JSON answers with. */
export type Encoding = 'br' | 'gzip';

/** A `q` value: 0 to 1 with at most three decimals (RFC 9110 §12.4.2). */
const QVALUE = /^q=(0(\.\d{0,3})?|1(\.0{0,3})?)$/;

/**
 * The coding to send for an `Accept-Encoding` header: the accepted one of Brotli and gzip with
 * the highest `q` (Brotli on a tie, it is smaller), or none (`undefined`: send the body as it
 * is). A coding refused with `q=0` is never chosen; `*` stands for every coding not named;
 * `identity` named with a higher `q` than both wins. Unknown codings (`deflate`, `zstd`) and
 * malformed entries are ignored, so a garbage header gets the plain body.
 *
 * @example
 * chooseEncoding('gzip, deflate, br'); // 'br'
 * chooseEncoding('br;q=0, gzip'); // 'gzip'
 * chooseEncoding('gzip;q=1, br;q=0.5'); // 'gzip'
 * chooseEncoding('identity'); // undefined
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
): Encoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [coding, ...params] = part
      .trim()
      .toLowerCase()
      .split(/\s*;\s*/);
    const q = qOf(params);
    if (coding && q !== undefined) weights.set(coding, q);
  }
  const any = weights.get('*') ?? 0;
  const br = weights.get('br') ?? any;
  const gzip = weights.get('gzip') ?? any;
  const identity = weights.get('identity') ?? 0;
  const best = Math.max(br, gzip);
  if (best === 0 || identity > best) return undefined;
  return br === best ? 'br' : 'gzip';
}

/** The weight of one entry: 1 without `q`, `undefined` when its `q` is malformed. */
function qOf(params: readonly string[]): number | undefined {
  const q = params.find((param) => param.startsWith('q='));
  if (q === undefined) return 1;
  return QVALUE.test(q) ? Number(q.slice(2)) : undefined;
}
