import {
  decodeStreamEntryDocument,
  STREAM_FIELDS,
  type StoredFormatErrorCode,
} from '@secfeed/filing-model/stored';
import type { FilingInsights, MatchableFiling } from '@secfeed/filing-model';
import { insightsFrame } from './insights-frame';
import { textFrame } from './ws-text-frame';

/**
 * One stream entry prepared for fan-out: parsed once for matching, serialized and framed once
 * for every subscriber.
 */
export interface BroadcastEntry {
  /** The stream entry ID: the filing's (or its insights') `position`. */
  readonly id: string;
  /** The message type of `frame`. */
  readonly type: 'sec_filing' | 'sec_filing_insights';
  /**
   * The fields matching reads; on an insights entry, with the filing's `insights`, so that an
   * insights filter matches the insights message.
   */
  readonly filing: MatchableFiling & { readonly insights?: FilingInsights };
  /** The whole `sec_filing` (or `sec_filing_insights`) message, UTF-8. */
  readonly frame: Buffer;
  /** {@link frame} as one WebSocket text frame (header and payload), written to every socket as is. */
  readonly wire: Buffer;
}

export type ToBroadcastEntryResult =
  | { readonly ok: true; readonly entry: BroadcastEntry }
  | { readonly ok: false; readonly reason: string };

/**
 * Builds the message of a stream entry written by `@secfeed/dedup`, decoded with the stored
 * format's own decoder (one parse per entry, never per client): for a filing,
 * `{"type":"sec_filing","position":"<id>","data":<stored JSON>}`; for the insights of one,
 * `{"type":"sec_filing_insights","position":"<id>","accessionNo":A,"insights":I,"filing":<stored JSON>}`
 * (see insights-frame.ts). The stored JSON is spliced in as is (it parsed, so it is valid
 * JSON): the filing is never stringified again.
 * Refuses an entry without `data`, with data that is not JSON, of a kind it does not know, an
 * insights entry without its insights, or one that lacks the string fields `ticker`, `cik` and
 * `formType`. Never throws.
 *
 * @example
 * ```ts
 * const built = toBroadcastEntry(entry.id, entry.fields);
 * if (built.ok) socket.write(built.entry.wire); // a WebSocket's TCP socket
 * ```
 */
export function toBroadcastEntry(
  id: string,
  fields: Readonly<Record<string, string>>,
): ToBroadcastEntryResult {
  const decoded = decodeStreamEntryDocument(fields);
  if (!decoded.ok) {
    return { ok: false, reason: `entry ${id} ${refusal(decoded.error.code)}` };
  }
  const document = decoded.value;
  const { ticker, cik, formType } = document.filing;
  if (ticker === undefined || cik === undefined || formType === undefined) {
    return { ok: false, reason: `entry ${id} ${LACKS}` };
  }
  if (document.kind === 'insights') {
    const insights = document.insights as FilingInsights;
    const { wire, payload } = textFrame(insightsFrame(id, document));
    return {
      ok: true,
      entry: {
        id,
        type: 'sec_filing_insights',
        filing: { ticker, cik, formType, insights },
        frame: payload,
        wire,
      },
    };
  }
  const { wire, payload } = textFrame(
    `{"type":"sec_filing","position":"${id}","data":${document.data}}`,
  );
  return {
    ok: true,
    entry: {
      id,
      type: 'sec_filing',
      filing: { ticker, cik, formType },
      frame: payload,
      wire,
    },
  };
}

const LACKS = 'lacks a string ticker, cik or formType';

function refusal(code: StoredFormatErrorCode): string {
  if (code === 'MISSING_FIELD')
    return `has no ${STREAM_FIELDS.data} (or, for insights, no accessionNo or insights)`;
  if (code === 'NOT_JSON') return 'has data that is not JSON';
  if (code === 'UNKNOWN_KIND') return `has an unknown ${STREAM_FIELDS.kind}`;
  return LACKS;
}
