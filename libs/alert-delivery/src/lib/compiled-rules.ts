import {
  matchesFilters,
  parseFilingFilters,
  type MatchableFiling,
  type NormalizedFilters,
} from '@secfeed/filing-model';
import type { AlertRule } from '@secfeed/alert-model';

/** The enabled rules, with filters parsed once, for matching every stream entry. */
export class CompiledRules {
  private readonly rules: { id: string; filters: NormalizedFilters }[];

  constructor(rules: readonly AlertRule[]) {
    this.rules = rules.flatMap((rule) => {
      if (!rule.enabled) return [];
      const parsed = parseFilingFilters(rule.filters);
      // A stored rule was validated when written; one that no longer parses (a filter
      // filing-model dropped) matches nothing rather than everything.
      return parsed.ok ? [{ id: rule.id, filters: parsed.filters }] : [];
    });
  }

  get size(): number {
    return this.rules.length;
  }

  /** Ids of the enabled rules `filing` matches (`matchesFilters` of filing-model). */
  matching(filing: Readonly<Record<string, unknown>>): string[] {
    const ids: string[] = [];
    for (const rule of this.rules) {
      try {
        if (matchesFilters(filing as unknown as MatchableFiling, rule.filters))
          ids.push(rule.id);
      } catch {
        // A document without the fields a filter reads does not match it.
      }
    }
    return ids;
  }
}
