/** What a rule delivers: a filing, or the insights of one (contracts §8). */
export type EntryKind = 'filing' | 'insights';

/**
 * One line of a rule's deliveries log or of its dead letters
 * (`GET /api/alert-rules/:id/deliveries`, docs/alerts.md).
 */
export interface DeliveryRecord {
  readonly deliveryId: string;
  readonly entryId: string;
  readonly accessionNo: string;
  readonly kind: EntryKind;
  readonly outcome: 'delivered' | 'failed' | 'dead_lettered';
  readonly attempt: number;
  readonly status?: number;
  readonly code?: string;
  readonly at: string;
  /** From the stream entry to the receiver's answer, for `delivered`. */
  readonly lagMs?: number;
  /** When the next attempt is due, for `failed`. */
  readonly nextAttemptAt?: string;
}
