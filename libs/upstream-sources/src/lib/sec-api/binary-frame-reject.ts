import type { IngestReject } from '../source-event';

/** How many leading bytes of a binary frame a reject keeps: enough to recognise it, never megabytes. */
export const BINARY_PREVIEW_BYTES = 64;

/** What a {@link binaryFrameReject} keeps of the frame. */
export interface BinaryFrameRaw {
  /** Length of the whole frame in bytes. */
  readonly bytes: number;
  /** The first {@link BINARY_PREVIEW_BYTES} bytes, base64. */
  readonly head: string;
}

/**
 * The reject for a binary WebSocket frame: the sec-api.io stream sends filings as JSON text
 * frames only, so a binary frame is never decoded as one (guessing its encoding could turn
 * garbage into filings). Code `FRAME_BINARY`, source `sec-api`.
 */
export function binaryFrameReject(data: Buffer): IngestReject {
  const raw: BinaryFrameRaw = {
    bytes: data.length,
    head: data.subarray(0, BINARY_PREVIEW_BYTES).toString('base64'),
  };
  return {
    code: 'FRAME_BINARY',
    source: 'sec-api',
    raw,
    reasons: [
      {
        field: '',
        reason: `must be a text frame, got ${data.length} binary bytes`,
      },
    ],
  };
}
