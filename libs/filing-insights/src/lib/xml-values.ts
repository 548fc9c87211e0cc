// Readers of values parsed by fast-xml-parser with every value kept as a string. EDGAR wraps most
// ownership values in `<value>` (often beside `<footnoteId>`), but not all of them, and old
// schemas differ: each reader takes either shape.

/** A parsed element: a string, an object of children, an array of either, or absent. */
export type XmlNode = unknown;

/** The child `name` of `node`, or undefined. */
export function child(node: XmlNode, name: string): XmlNode {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    return undefined;
  }
  return Object.prototype.hasOwnProperty.call(node, name)
    ? (node as Record<string, unknown>)[name]
    : undefined;
}

/** The node at `path` below `node` (first element wherever an array is met). */
export function at(node: XmlNode, ...path: string[]): XmlNode {
  let current = node;
  for (const name of path) current = child(first(current), name);
  return current;
}

/** The node itself, or the first element of an array. */
export function first(node: XmlNode): XmlNode {
  return Array.isArray(node) ? node[0] : node;
}

/** The node as an array (absent is empty). */
export function list(node: XmlNode): XmlNode[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

/**
 * The trimmed text of an element, taking its `<value>` when it has one; `''` when it has none
 * (absent, empty, or only a `<footnoteId>`).
 */
export function text(node: XmlNode): string {
  const value = first(node);
  if (typeof value === 'string') return decodeCharacterReferences(value).trim();
  if (value !== null && typeof value === 'object') {
    const wrapped = child(value, 'value');
    if (wrapped !== undefined) return text(wrapped);
    const own = child(value, '#text');
    if (typeof own === 'string') return decodeCharacterReferences(own).trim();
  }
  return '';
}

/**
 * `&#65;` and `&#x41;` as characters: the parser decodes only the five named entities. A
 * reference to no valid code point is kept as written.
 */
export function decodeCharacterReferences(value: string): string {
  if (!value.includes('&#')) return value;
  return value.replace(
    /&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});/g,
    (whole, ref: string) => {
      const code =
        ref[0] === 'x' ? parseInt(ref.slice(1), 16) : parseInt(ref, 10);
      const valid =
        code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    },
  );
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A decimal written as EDGAR's schemas allow (`757756`, `23.8257`, `200000.0`, `3697435.00`), with
 * thousands separators tolerated; null when empty or not a finite number.
 */
export function decimal(raw: string): number | null {
  const cleaned = raw.replace(/,/g, '').trim();
  if (!DECIMAL.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/** The number inside an element (see {@link text} and {@link decimal}). */
export function numberOf(node: XmlNode): number | null {
  return decimal(text(node));
}

/**
 * An XML Schema boolean as EDGAR filers write it: `1` or `true` is true; `0`, `false`, empty or
 * absent is false.
 */
export function flag(node: XmlNode): boolean {
  const value = text(node).toLowerCase();
  return value === '1' || value === 'true';
}

/** A CIK without its leading zeros (`0001214935` → `1214935`); `''` when not digits. */
export function cikOf(node: XmlNode): string {
  const digits = text(node);
  return /^\d{1,10}$/.test(digits) ? String(Number(digits)) : '';
}
