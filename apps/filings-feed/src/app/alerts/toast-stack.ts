import {
  ChangeDetectionStrategy,
  Component,
  inject,
  output,
} from '@angular/core';
import { Alerts } from './alerts.service';

/** Watchlist alerts in the corner; a toast opens its filing or goes away on ✕. */
@Component({
  selector: 'sf-toast-stack',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'toasts' },
  template: `
    @for (toast of alerts.toasts(); track toast.id) {
      <div
        class="toast"
        role="status"
        data-testid="toast"
        [attr.data-accession]="toast.id"
      >
        <button
          type="button"
          class="toast__body"
          (click)="openFiling.emit(toast.id)"
        >
          <strong>★ Watchlist</strong> {{ toast.text }}
        </button>
        <button
          type="button"
          class="icon-button"
          (click)="alerts.dismiss(toast.id)"
          aria-label="Dismiss alert"
          data-testid="toast-dismiss"
        >
          ✕
        </button>
      </div>
    }
  `,
})
export class ToastStack {
  protected readonly alerts = inject(Alerts);
  readonly openFiling = output<string>();
}
