import type { EntryKind } from '@secfeed/alert-model';
import { createHash } from 'node:crypto';

/**
 * The id of one rule's delivery of one filing (and kind): the same on every retry, on every
 * replica and after a restart, so a receiver can drop what it has seen (`X-Secfeed-Delivery`).
 *
 * @example
 * deliveryId('r1', '0000320193-25-000079', 'filing'); // 32 hex digits, always the same
 */
export function deliveryId(
  ruleId: string,
  accessionNo: string,
  kind: EntryKind,
): string {
  return createHash('sha256')
    .update(`${ruleId}\n${accessionNo}\n${kind}`)
    .digest('hex')
    .slice(0, 32);
}
