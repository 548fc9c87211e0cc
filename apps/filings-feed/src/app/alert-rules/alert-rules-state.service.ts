import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  AlertRule,
  AlertRuleBody,
  DeliveryReport,
  RuleApiError,
  TestSendResult,
} from './alert-rule';
import { AlertRulesApi } from './alert-rules-api.service';

/** How often the open deliveries report is read again. */
export const DELIVERIES_REFRESH_MS = 5000;

/**
 * The rules page's state: the rules, the form being edited, the delete being confirmed, test
 * results, and the deliveries report of one rule (read again every few seconds while shown).
 * Provided by the page, so it lives as long as the page does.
 */
@Injectable()
export class AlertRulesState {
  private readonly api = inject(AlertRulesApi);

  readonly rules = signal<readonly AlertRule[]>([]);
  readonly loading = signal(false);
  /** Why the list could not be read. */
  readonly listError = signal<RuleApiError | null>(null);
  /** The rule in the form: an existing one, `'new'`, or `null` when the form is closed. */
  readonly editing = signal<AlertRule | 'new' | null>(null);
  readonly saving = signal(false);
  /** The API's refusal of the form's last save. */
  readonly saveError = signal<RuleApiError | null>(null);
  /** The rule whose delete awaits a confirmation. */
  readonly confirmingDelete = signal<string | null>(null);
  /** The outcome of the last action that is not the form's (delete, test, retry): shown on top. */
  readonly actionError = signal<RuleApiError | null>(null);
  /** Per rule, the last test-send's outcome (or `'sending'`). */
  readonly tests = signal<Readonly<Record<string, TestSendResult | 'sending'>>>(
    {},
  );
  /** The rule whose deliveries are shown. */
  readonly shownDeliveries = signal<string | null>(null);
  readonly report = signal<DeliveryReport | null>(null);
  readonly reportError = signal<RuleApiError | null>(null);
  /** After "retry dead letters": how many went back in the queue. */
  readonly requeued = signal<number | null>(null);

  private readonly timer = setInterval(
    () => this.refreshDeliveries(),
    DELIVERIES_REFRESH_MS,
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.timer));
  }

  load(): void {
    this.loading.set(true);
    this.api.list().subscribe({
      next: (rules) => {
        this.rules.set(rules);
        this.listError.set(null);
        this.loading.set(false);
      },
      error: (error: RuleApiError) => {
        this.listError.set(error);
        this.loading.set(false);
      },
    });
  }

  startNew(): void {
    this.saveError.set(null);
    this.editing.set('new');
  }

  edit(rule: AlertRule): void {
    this.saveError.set(null);
    this.editing.set(rule);
  }

  closeForm(): void {
    this.editing.set(null);
    this.saveError.set(null);
  }

  save(body: AlertRuleBody): void {
    const editing = this.editing();
    if (editing === null) return;
    this.saving.set(true);
    const request: Observable<AlertRule> =
      editing === 'new'
        ? this.api.create(body)
        : this.api.update(editing.id, body);
    request.subscribe({
      next: (rule) => {
        this.saving.set(false);
        this.rules.update((rules) =>
          rules.some((r) => r.id === rule.id)
            ? rules.map((r) => (r.id === rule.id ? rule : r))
            : [...rules, rule],
        );
        this.closeForm();
      },
      error: (error: RuleApiError) => {
        this.saving.set(false);
        this.saveError.set(error);
      },
    });
  }

  askDelete(id: string | null): void {
    this.confirmingDelete.set(id);
  }

  confirmDelete(): void {
    const id = this.confirmingDelete();
    if (id === null) return;
    this.api.remove(id).subscribe({
      next: () => {
        this.confirmingDelete.set(null);
        this.rules.update((rules) => rules.filter((r) => r.id !== id));
        if (this.shownDeliveries() === id) this.showDeliveries(null);
        const editing = this.editing();
        if (editing !== null && editing !== 'new' && editing.id === id)
          this.closeForm();
      },
      error: (error: RuleApiError) => {
        this.confirmingDelete.set(null);
        this.actionError.set(error);
      },
    });
  }

  testSend(id: string): void {
    this.tests.update((tests) => ({ ...tests, [id]: 'sending' }));
    this.api.testSend(id).subscribe({
      next: (result) =>
        this.tests.update((tests) => ({ ...tests, [id]: result })),
      error: (error: RuleApiError) => {
        this.tests.update((tests) => {
          const rest = { ...tests };
          delete rest[id];
          return rest;
        });
        this.actionError.set(error);
      },
    });
  }

  /** Shows the deliveries of `id` (`null` hides them). */
  showDeliveries(id: string | null): void {
    this.shownDeliveries.set(id);
    this.report.set(null);
    this.reportError.set(null);
    this.requeued.set(null);
    this.refreshDeliveries();
  }

  refreshDeliveries(): void {
    const id = this.shownDeliveries();
    if (id === null) return;
    this.api.deliveries(id).subscribe({
      next: (report) => {
        if (this.shownDeliveries() !== id) return;
        this.report.set(report);
        this.reportError.set(null);
      },
      error: (error: RuleApiError) => {
        if (this.shownDeliveries() === id) this.reportError.set(error);
      },
    });
  }

  retryDeadLetters(): void {
    const id = this.shownDeliveries();
    if (id === null) return;
    this.api.retryDeadLetters(id).subscribe({
      next: (requeued) => {
        this.requeued.set(requeued);
        this.refreshDeliveries();
      },
      error: (error: RuleApiError) => this.reportError.set(error),
    });
  }

  dismissActionError(): void {
    this.actionError.set(null);
  }
}
