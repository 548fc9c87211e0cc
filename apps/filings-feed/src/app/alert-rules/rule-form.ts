import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { FilterBar } from '../filters/filter-bar';
import {
  CHANNEL_TYPES,
  type AlertRule,
  type AlertRuleBody,
  type ChannelType,
  type RuleApiError,
} from './alert-rule';
import {
  EMPTY_DRAFT,
  draftFromRule,
  ruleBody,
  validateDraft,
  type FieldError,
  type RuleDraft,
} from './rule-draft';

const FIELD_SLOTS = [
  'name',
  'enabled',
  'channel.type',
  'channel.url',
  'channel.secret',
  'channel.botToken',
  'channel.chatId',
];

/** Where a refusal naming `field` is shown: its input, the filters, or the top of the form. */
function slotOf(field: string | undefined): string {
  if (field === 'filters' || field?.startsWith('filters.')) return 'filters';
  if (field === 'channel') return 'channel.type';
  return field !== undefined && FIELD_SLOTS.includes(field) ? field : 'form';
}

/**
 * Creates or edits one rule: name, enabled, the filter bar (rule scope), the channel and its
 * fields. Secrets come masked from the API and are left out of the body unless retyped. Checks
 * what it can before `save` is emitted; the API's refusal (`serverError`) is shown by the field
 * it names until that field changes.
 */
@Component({
  selector: 'sf-rule-form',
  imports: [FilterBar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rule-form.html',
})
export class RuleForm {
  /** The rule to edit, or `null` for a new one. */
  readonly rule = input<AlertRule | null>(null);
  /** The API's last refusal of this form's body. */
  readonly serverError = input<RuleApiError | null>(null);
  readonly saving = input(false);
  readonly save = output<AlertRuleBody>();
  readonly cancelled = output<void>();

  protected readonly channelTypes = CHANNEL_TYPES;
  protected readonly draft = linkedSignal<AlertRule | null, RuleDraft>({
    source: this.rule,
    computation: (rule) => (rule ? draftFromRule(rule) : EMPTY_DRAFT),
  });
  private readonly submitted = signal(false);
  private readonly shownServerError = linkedSignal(() => this.serverError());

  /** What the page refuses now; shown once a save was tried. */
  readonly clientErrors = computed(() =>
    validateDraft(this.draft(), this.keptChannel()),
  );

  /** The masked value a blank secret field keeps, or `''` when there is none to keep. */
  protected readonly keptSecret = computed(() => {
    const channel = this.keptChannel();
    if (!channel) return '';
    switch (channel.type) {
      case 'webhook':
        return channel.secret;
      case 'slack':
      case 'discord':
        return channel.url;
      case 'telegram':
        return channel.botToken;
    }
  });

  protected errorFor(slot: string): FieldError | null {
    const server = this.shownServerError();
    if (server && slotOf(server.field) === slot)
      return { code: server.code, message: server.message };
    return this.submitted() ? (this.clientErrors()[slot] ?? null) : null;
  }

  protected patch(change: Partial<RuleDraft>): void {
    const server = this.shownServerError();
    const slots = Object.keys(change).map((key) =>
      key === 'filters' || key === 'name' || key === 'enabled'
        ? key
        : key === 'channelType'
          ? 'channel.type'
          : `channel.${key}`,
    );
    // A refusal goes once the field it names is changed; a new channel type clears any
    // channel refusal, and a change anywhere clears one about the whole form.
    const shownAt = server ? slotOf(server.field) : '';
    if (
      server &&
      (shownAt === 'form' ||
        slots.includes(shownAt) ||
        (slots.includes('channel.type') && shownAt.startsWith('channel')))
    )
      this.shownServerError.set(null);
    this.draft.update((draft) => ({ ...draft, ...change }));
  }

  /** A new channel type starts blank (a webhook URL is no Discord URL), the rule's own as stored. */
  protected setChannelType(type: string): void {
    const rule = this.rule();
    const start =
      rule?.channel.type === type ? draftFromRule(rule) : EMPTY_DRAFT;
    this.patch({
      channelType: type as ChannelType,
      url: start.url,
      secret: '',
      botToken: '',
      chatId: start.chatId,
    });
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    if (Object.keys(this.clientErrors()).length > 0) return;
    this.save.emit(ruleBody(this.draft()));
  }

  private keptChannel() {
    const channel = this.rule()?.channel;
    return channel?.type === this.draft().channelType ? channel : undefined;
  }
}
