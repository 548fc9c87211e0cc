import {
  ChangeDetectionStrategy,
  Component,
  OnInit,
  computed,
  inject,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AlertRule, TestSendResult } from './alert-rule';
import { AlertRulesState } from './alert-rules-state.service';
import { describeChannel, describeRuleFilters } from './describe-rule';
import { RuleDeliveries } from './rule-deliveries';
import { RuleForm } from './rule-form';

/**
 * `/alerts`: the alert rules that push filings to webhooks, Slack, Discord and Telegram
 * (docs/alerts.md): the list, a form to create or edit one, delete with a confirmation,
 * test-send, and one rule's deliveries, failures and dead letters.
 */
@Component({
  selector: 'sf-alert-rules-page',
  imports: [RouterLink, RuleForm, RuleDeliveries],
  providers: [AlertRulesState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page page--rules' },
  templateUrl: './alert-rules-page.html',
})
export class AlertRulesPage implements OnInit {
  protected readonly state = inject(AlertRulesState);

  protected readonly editedRule = computed(() => {
    const editing = this.state.editing();
    return editing === 'new' ? null : editing;
  });
  protected readonly deliveriesOf = computed(
    () =>
      this.state.rules().find((r) => r.id === this.state.shownDeliveries()) ??
      null,
  );

  protected readonly filtersOf = describeRuleFilters;
  protected readonly channelOf = describeChannel;

  ngOnInit(): void {
    this.state.load();
  }

  protected testOf(rule: AlertRule): TestSendResult | 'sending' | undefined {
    return this.state.tests()[rule.id];
  }
}
