import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import type {
  DeliveryRecord,
  DeliveryReport,
  RuleApiError,
} from './alert-rule';

/** Words for a record's outcome. */
const OUTCOMES: Readonly<Record<DeliveryRecord['outcome'], string>> = {
  delivered: 'delivered',
  failed: 'failed, will retry',
  dead_lettered: 'given up',
};

/**
 * One rule's deliveries (docs/alerts.md, "API"): counters, the recent log (deliveries and failed
 * attempts, newest first) and the dead letters, with "Retry dead letters".
 */
@Component({
  selector: 'sf-rule-deliveries',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'rule-deliveries', 'data-testid': 'rule-deliveries' },
  templateUrl: './rule-deliveries.html',
})
export class RuleDeliveries {
  readonly ruleName = input.required<string>();
  readonly report = input<DeliveryReport | null>(null);
  readonly error = input<RuleApiError | null>(null);
  /** How many dead letters the last retry put back, if one was made. */
  readonly requeued = input<number | null>(null);
  readonly refresh = output<void>();
  readonly retryDeadLetters = output<void>();
  readonly closed = output<void>();

  protected readonly counters = computed(() => {
    const progress = this.report()?.progress ?? {};
    const count = (key: string) => Number(progress[key] ?? 0) || 0;
    return {
      delivered: count('delivered'),
      failedAttempts: count('failedAttempts'),
      deadLettered: count('deadLettered'),
      queued: this.report()?.queued ?? 0,
    };
  });

  protected outcome(record: DeliveryRecord): string {
    return OUTCOMES[record.outcome] ?? record.outcome;
  }
}
