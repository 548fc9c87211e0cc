import type { Filing } from '@secfeed/filing-model';

/** A filing as it travels in JSON (what REST and the socket deliver). */
export function wire(filing: Filing): Record<string, unknown> {
  return JSON.parse(JSON.stringify(filing)) as Record<string, unknown>;
}

/** A `sec_filing` message. */
export function filingMessage(filing: Filing, position: string): object {
  return { type: 'sec_filing', position, data: wire(filing) };
}
