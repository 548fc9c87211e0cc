import { parseStreamFrame, type FrameReject } from '@secfeed/filing-model';
import type { IngestReject, SourceEvent } from '../source-event';
import { binaryFrameReject } from './binary-frame-reject';

/** One frame of the socket, as {@link reconnectingSocket} delivers it. */
export type StreamFrame =
  | { readonly data: string; readonly binary: false }
  | { readonly data: Buffer; readonly binary: true };

/**
 * The events of one stream frame: a `filings` event when it held valid filings, then a
 * `rejects` event when anything was refused. Filings first, so that one bad element never
 * delays the good ones of the same frame. Never throws.
 */
export function frameEvents(
  frame: StreamFrame,
  receivedAt: string,
): SourceEvent[] {
  if (frame.binary) {
    return [{ kind: 'rejects', rejects: [binaryFrameReject(frame.data)] }];
  }
  const { filings, rejects } = parseStreamFrame(frame.data, {
    source: 'sec-api',
    receivedAt,
  });
  const events: SourceEvent[] = [];
  if (filings.length > 0) events.push({ kind: 'filings', filings });
  if (rejects.length > 0) {
    events.push({ kind: 'rejects', rejects: rejects.map(toIngestReject) });
  }
  return events;
}

/** A frame reject as the dead-letter stream takes it; `index` stays out, `raw` says enough. */
export function toIngestReject(reject: FrameReject): IngestReject {
  return {
    code: reject.code,
    source: 'sec-api',
    raw: reject.raw,
    reasons: reject.reasons,
  };
}
