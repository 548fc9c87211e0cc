import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import type { UserError } from './user-error';

/** A problem in plain words with a Retry button. */
@Component({
  selector: 'sf-error-banner',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'banner banner--error',
    role: 'alert',
    '[attr.data-code]': 'error().code',
  },
  template: `
    <span class="banner__text">{{ error().message }}</span>
    <button type="button" (click)="retry.emit()" data-testid="error-retry">
      Retry
    </button>
  `,
})
export class ErrorBanner {
  readonly error = input.required<UserError>();
  readonly retry = output<void>();
}
