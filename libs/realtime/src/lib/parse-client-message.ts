import {
  parseFilingFilters,
  type NormalizedFilters,
} from '@secfeed/filing-model';
import { ERROR_CODES, type ErrorCode } from './protocol-codes';
import { parsePosition } from './stream-position';

/** Largest `snapshot` a client may ask for (contracts.md §3). */
export const MAX_SNAPSHOT = 500;

/** A valid client message, ready to act on. */
export type ClientCommand =
  | {
      readonly action: 'subscribe';
      readonly filters: NormalizedFilters;
      /** Canonical position to resume after; replaces `snapshot` when given. */
      readonly since?: string;
      readonly snapshot: number;
    }
  | { readonly action: 'unsubscribe' }
  | { readonly action: 'ping' };

/** A refused client message: the code and message of the error reply. */
export interface ClientMessageError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type ParseClientMessageResult =
  | { readonly ok: true; readonly command: ClientCommand }
  | ({ readonly ok: false } & ClientMessageError);

/**
 * Validates one client frame (contracts.md §3). Never throws: every problem becomes an error
 * reply code. Unknown extra fields are ignored so that newer clients keep working.
 *
 * @example
 * ```ts
 * parseClientMessage(Buffer.from('{"action":"ping"}'), false); // { ok: true, command: { action: 'ping' } }
 * ```
 */
export function parseClientMessage(
  data: Buffer | string,
  isBinary: boolean,
): ParseClientMessageResult {
  if (isBinary) {
    return refuse('BINARY_NOT_SUPPORTED', 'send JSON in text frames');
  }
  let message: unknown;
  try {
    message = JSON.parse(
      typeof data === 'string' ? data : data.toString('utf8'),
    );
  } catch {
    return refuse('INVALID_JSON', 'the message is not JSON');
  }
  if (
    typeof message !== 'object' ||
    message === null ||
    Array.isArray(message)
  ) {
    return refuse('NOT_AN_OBJECT', 'the message must be a JSON object');
  }
  const fields = message as Record<string, unknown>;
  switch (fields['action']) {
    case 'subscribe_sec_filings':
      return parseSubscribe(fields);
    case 'unsubscribe_sec_filings':
      return { ok: true, command: { action: 'unsubscribe' } };
    case 'ping':
      return { ok: true, command: { action: 'ping' } };
    default:
      return refuse(
        'UNKNOWN_ACTION',
        'action must be subscribe_sec_filings, unsubscribe_sec_filings or ping',
      );
  }
}

function parseSubscribe(
  fields: Record<string, unknown>,
): ParseClientMessageResult {
  const parsed = parseFilingFilters(fields['filters']);
  if (!parsed.ok) {
    const reasons = parsed.reasons
      .map(
        ({ field, reason }) => `filters${field ? `.${field}` : ''} ${reason}`,
      )
      .join('; ');
    return refuse(parsed.code, reasons);
  }
  const rawSince = fields['since'];
  const since =
    rawSince === undefined || rawSince === null
      ? undefined
      : parsePosition(rawSince);
  if (since === undefined && rawSince !== undefined && rawSince !== null) {
    return refuse(
      'INVALID_SINCE',
      'since must be a position like "1736000000000-0"',
    );
  }
  const snapshot = fields['snapshot'] ?? 0;
  if (
    !Number.isInteger(snapshot) ||
    (snapshot as number) < 0 ||
    (snapshot as number) > MAX_SNAPSHOT
  ) {
    return refuse(
      'INVALID_SNAPSHOT',
      `snapshot must be an integer from 0 to ${MAX_SNAPSHOT}`,
    );
  }
  return {
    ok: true,
    command: {
      action: 'subscribe',
      filters: parsed.filters,
      since,
      snapshot: since === undefined ? (snapshot as number) : 0,
    },
  };
}

function refuse(
  code: keyof typeof ERROR_CODES,
  message: string,
): ParseClientMessageResult {
  return { ok: false, code: ERROR_CODES[code], message };
}
