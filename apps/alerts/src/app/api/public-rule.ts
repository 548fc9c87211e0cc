import { maskChannel } from '@secfeed/alert-delivery';
import { ruleRate, type AlertRule } from '@secfeed/alert-model';

/** A rule as the API answers it: secrets masked, the rate in effect filled in. */
export function publicRule(rule: AlertRule): AlertRule {
  return {
    ...rule,
    channel: maskChannel(rule.channel),
    ratePerSecond: ruleRate(rule),
  };
}
