import type { SecfeedRedis } from '@secfeed/service-runtime';
import type { IngestReject } from '@secfeed/upstream-sources';

/** Longest `raw` kept per dead letter: enough to diagnose, bounded against abuse. */
export const DEAD_LETTER_RAW_BYTES = 8192;
/** Approximate length the dead-letter stream is trimmed to. */
export const DEAD_LETTER_MAX_LEN = 10_000;

type XAddClient = Pick<SecfeedRedis, 'xAdd'>;

/**
 * Appends rejected upstream input, raw and with its reasons, to the capped dead-letter stream
 * (`deadletter:{sec}:filings`), where an operator can read it with XREVRANGE.
 */
export async function writeDeadLetters(
  client: XAddClient,
  key: string,
  rejects: readonly IngestReject[],
): Promise<void> {
  await Promise.all(
    rejects.map((reject) =>
      client.xAdd(
        key,
        '*',
        {
          code: reject.code,
          source: reject.source,
          reasons: JSON.stringify(reject.reasons),
          raw: truncate(
            typeof reject.raw === 'string' ? reject.raw : safeJson(reject.raw),
          ),
        },
        {
          TRIM: {
            strategy: 'MAXLEN',
            strategyModifier: '~',
            threshold: DEAD_LETTER_MAX_LEN,
          },
        },
      ),
    ),
  );
}

/** Never throws: a value nested too deep for JSON.stringify (or String) is named, not kept. */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    return `[not serializable: ${(error as Error).message}]`;
  }
}

function truncate(text: string): string {
  return text.length <= DEAD_LETTER_RAW_BYTES
    ? text
    : `${text.slice(0, DEAD_LETTER_RAW_BYTES)}…[truncated ${text.length} chars]`;
}
