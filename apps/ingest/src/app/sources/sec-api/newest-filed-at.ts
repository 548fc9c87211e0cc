import type { Filing } from '@secfeed/filing-model';

/** A `filedAt` as sent (Eastern offset) with its epoch ms, for comparisons. */
export interface FiledAtMark {
  readonly filedAt: string;
  readonly ms: number;
}

/**
 * Remembers the newest `filedAt` among the filings seen. The string is kept verbatim (with its
 * Eastern offset, as sec-api.io wrote it) so a Query API range can start exactly there.
 */
export class NewestFiledAt {
  private mark: FiledAtMark | undefined;

  /** The newest mark so far, if any. */
  get value(): FiledAtMark | undefined {
    return this.mark;
  }

  see(filings: readonly Filing[]): void {
    for (const filing of filings) {
      if (this.mark === undefined || filing.filedAtMs > this.mark.ms) {
        this.mark = { filedAt: filing.filedAt, ms: filing.filedAtMs };
      }
    }
  }
}

/** The newer of two marks (either may be missing). */
export function newerMark(
  a: FiledAtMark | undefined,
  b: FiledAtMark | undefined,
): FiledAtMark | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.ms > a.ms ? b : a;
}
