import { FieldError } from './field-error';
import { Filing } from './filing';
import { isPlainObject } from './is-plain-object';
import { FilingMeta, toFiling } from './to-filing';
import { utf8ByteLength } from './utf8-byte-length';

/** 4 MiB: sec-api.io frames carry a handful of filings of a few kilobytes each. */
export const DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

/** Whole-frame rejects keep this much of the text: enough to see what came, never megabytes. */
const PREVIEW_CHARS = 1024;

/** Why a frame or one of its elements was refused; stable, listed in the README. */
export type FrameRejectCode =
  | 'FRAME_TOO_LARGE'
  | 'FRAME_NOT_JSON'
  | 'FRAME_NOT_ARRAY'
  | 'ELEMENT_NOT_OBJECT'
  | 'ELEMENT_INVALID';

/**
 * One refused frame or element. `index` is the element's position in the frame and is absent
 * for whole-frame rejects, whose `raw` is the frame text cut to 1024 characters. For elements
 * `raw` is the parsed element itself (it may be deeply nested: log `reasons`, not `raw`).
 */
export interface FrameReject {
  readonly code: FrameRejectCode;
  readonly index?: number;
  readonly raw: unknown;
  readonly reasons: FieldError[];
}

/** What one stream frame yielded: its valid filings in frame order, and what was refused. */
export interface ParsedFrame {
  readonly filings: Filing[];
  readonly rejects: FrameReject[];
}

export interface ParseStreamFrameOptions {
  /** UTF-8 size above which a frame is refused without parsing. Default 4 MiB. */
  readonly maxBytes?: number;
}

/**
 * Parses one text frame of the sec-api.io stream: a JSON array of filing objects.
 *
 * Never throws on bad input. A frame above `maxBytes` (checked before JSON.parse), not JSON, or
 * not an array yields a single whole-frame reject; otherwise each element is validated on its
 * own with {@link toFiling}, so one bad element never costs the good ones.
 *
 * @throws TypeError when `text` is not a string (decode the WebSocket message first), and
 * RangeError when `options.maxBytes` is not a positive integer: both are programmer mistakes.
 * @example
 * ```ts
 * socket.on('message', (data) => {
 *   const { filings, rejects } = parseStreamFrame(String(data), { source: 'sec-api', receivedAt: new Date().toISOString() });
 *   rejects.forEach((r) => log.warn({ code: r.code, index: r.index, reasons: r.reasons }));
 * });
 * ```
 */
export function parseStreamFrame(
  text: string,
  meta: FilingMeta,
  options: ParseStreamFrameOptions = {},
): ParsedFrame {
  if (typeof text !== 'string') {
    throw new TypeError(
      `a frame must be decoded to a string first, got ${kindOf(text)}`,
    );
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(
      `maxBytes must be a positive integer, got ${maxBytes}`,
    );
  }
  // Every UTF-16 unit is at least one UTF-8 byte, and at most three: skip counting when we can.
  if (
    text.length > maxBytes ||
    (text.length * 3 > maxBytes && utf8ByteLength(text, maxBytes) > maxBytes)
  ) {
    return frameReject(
      'FRAME_TOO_LARGE',
      text,
      `frame is larger than ${maxBytes} bytes`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return frameReject(
      'FRAME_NOT_JSON',
      text,
      `not JSON: ${String((error as Error).message).slice(0, 200)}`,
    );
  }
  if (!Array.isArray(parsed)) {
    return frameReject(
      'FRAME_NOT_ARRAY',
      text,
      `must be a JSON array, got ${kindOf(parsed)}`,
    );
  }
  const filings: Filing[] = [];
  const rejects: FrameReject[] = [];
  parsed.forEach((element: unknown, index) => {
    if (!isPlainObject(element)) {
      const reason = `must be an object, got ${kindOf(element)}`;
      rejects.push({
        code: 'ELEMENT_NOT_OBJECT',
        index,
        raw: element,
        reasons: [{ field: '', reason }],
      });
      return;
    }
    const result = toFiling(element, meta);
    if (result.ok) {
      filings.push(result.filing);
    } else {
      rejects.push({
        code: 'ELEMENT_INVALID',
        index,
        raw: element,
        reasons: result.reasons,
      });
    }
  });
  return { filings, rejects };
}

function frameReject(
  code: FrameRejectCode,
  text: string,
  reason: string,
): ParsedFrame {
  return {
    filings: [],
    rejects: [
      {
        code,
        raw: text.slice(0, PREVIEW_CHARS),
        reasons: [{ field: '', reason }],
      },
    ],
  };
}

function kindOf(value: unknown): string {
  return value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value;
}
