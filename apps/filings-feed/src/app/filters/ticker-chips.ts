import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { cleanList } from './feed-filters';

/** A chip input: type a value, Enter or comma adds it, ✕ or Backspace on empty removes. */
@Component({
  selector: 'sf-ticker-chips',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chips" role="group" [attr.aria-label]="label()">
      @for (value of values(); track value) {
        <span class="chip" data-testid="filter-chip">
          {{ value }}
          <button
            type="button"
            class="chip__remove"
            (click)="remove(value)"
            [attr.aria-label]="'Remove ' + value"
          >
            ✕
          </button>
        </span>
      }
      <input
        class="chips__input"
        [attr.data-testid]="testid()"
        [attr.aria-label]="label()"
        [placeholder]="placeholder()"
        (keydown)="onKey($event)"
        (blur)="commit($any($event.target))"
      />
    </div>
  `,
})
export class TickerChips {
  readonly values = input.required<readonly string[]>();
  readonly label = input('Tickers');
  readonly placeholder = input('Add ticker…');
  readonly testid = input('filter-tickers');
  readonly valuesChange = output<string[]>();

  protected onKey(event: KeyboardEvent): void {
    const field = event.target as HTMLInputElement;
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      this.commit(field);
    } else if (
      event.key === 'Backspace' &&
      field.value === '' &&
      this.values().length
    ) {
      this.valuesChange.emit(this.values().slice(0, -1));
    }
  }

  protected commit(field: HTMLInputElement): void {
    const added = cleanList(field.value.split(/[\s,]+/));
    field.value = '';
    if (added.length)
      this.valuesChange.emit(cleanList([...this.values(), ...added]));
  }

  protected remove(value: string): void {
    this.valuesChange.emit(this.values().filter((v) => v !== value));
  }
}
