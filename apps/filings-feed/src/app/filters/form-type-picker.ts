import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { FORM_TYPE_GROUPS, type FormTypeGroup } from './form-type-groups';

/** Form types as a grouped multi-select: tick single forms or a whole group at once. */
@Component({
  selector: 'sf-form-type-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details class="picker" data-testid="filter-forms">
      <summary>{{ summary() }}</summary>
      <div class="picker__body">
        @for (group of groups; track group.label) {
          <fieldset class="picker__group">
            <legend>
              <label>
                <input
                  type="checkbox"
                  [checked]="allOf(group)"
                  (change)="toggleGroup(group)"
                  [attr.data-testid]="'form-group-' + group.label.toLowerCase()"
                />
                {{ group.label }}
              </label>
            </legend>
            @for (form of group.formTypes; track form) {
              <label class="picker__option">
                <input
                  type="checkbox"
                  [checked]="selectedSet().has(form)"
                  (change)="toggle(form)"
                  [attr.data-testid]="'form-' + form.replace(' ', '-')"
                />
                {{ form }}
              </label>
            }
          </fieldset>
        }
      </div>
    </details>
  `,
})
export class FormTypePicker {
  readonly selected = input.required<readonly string[]>();
  readonly selectedChange = output<string[]>();

  protected readonly groups = FORM_TYPE_GROUPS;
  protected readonly selectedSet = computed(() => new Set(this.selected()));
  protected readonly summary = computed(() => {
    const forms = this.selected();
    return forms.length === 0
      ? 'All forms'
      : forms.length <= 3
        ? forms.join(', ')
        : `${forms.length} forms`;
  });

  protected allOf(group: FormTypeGroup): boolean {
    return group.formTypes.every((form) => this.selectedSet().has(form));
  }

  protected toggle(form: string): void {
    const set = new Set(this.selected());
    if (!set.delete(form)) set.add(form);
    this.selectedChange.emit([...set]);
  }

  protected toggleGroup(group: FormTypeGroup): void {
    const set = new Set(this.selected());
    const on = !this.allOf(group);
    for (const form of group.formTypes) {
      if (on) set.add(form);
      else set.delete(form);
    }
    this.selectedChange.emit([...set]);
  }
}
