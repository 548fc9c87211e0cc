import type { AlertKeys } from '@secfeed/redis-keys';
import type { SecfeedRedis } from '@secfeed/service-runtime';
import { randomBytes } from 'node:crypto';
import type { AlertRule } from '@secfeed/alert-model';
import type { AlertRuleFields } from './parse-alert-rule';

/** Most rules one deployment keeps (`TOO_MANY_RULES` past it). */
export const DEFAULT_MAX_RULES = 1000;

/**
 * The alert rules in Redis: one HASH (id → rule JSON) and a version counter that every change
 * increments, so each replica reloads its matcher only when something changed.
 */
export class RuleStore {
  constructor(
    private readonly redis: SecfeedRedis,
    private readonly keys: AlertKeys,
    /** The keys of a rule's deliveries, deleted with it. */
    private readonly deliveryKeys: (ruleId: string) => string[],
  ) {}

  async list(): Promise<AlertRule[]> {
    const all = await this.redis.hGetAll(this.keys.rules);
    return Object.values(all)
      .map((json) => JSON.parse(json) as AlertRule)
      .sort(
        (a, b) =>
          a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      );
  }

  async get(id: string): Promise<AlertRule | undefined> {
    const json = await this.redis.hGet(this.keys.rules, id);
    return json ? (JSON.parse(json) as AlertRule) : undefined;
  }

  /** Stores a new rule; undefined when `maxRules` are already kept. */
  async create(
    fields: AlertRuleFields,
    maxRules = DEFAULT_MAX_RULES,
    now = new Date(),
  ): Promise<AlertRule | undefined> {
    if ((await this.redis.hLen(this.keys.rules)) >= maxRules) return undefined;
    const at = now.toISOString();
    const rule: AlertRule = {
      id: `r${randomBytes(8).toString('hex')}`,
      ...withoutUndefined(fields),
      createdAt: at,
      updatedAt: at,
    };
    await this.redis
      .multi()
      .hSet(this.keys.rules, rule.id, JSON.stringify(rule))
      .incr(this.keys.rulesVersion)
      .exec();
    return rule;
  }

  /** Replaces the fields of an existing rule; undefined when there is none. */
  async update(
    existing: AlertRule,
    fields: AlertRuleFields,
    now = new Date(),
  ): Promise<AlertRule | undefined> {
    const rule: AlertRule = {
      id: existing.id,
      ...withoutUndefined(fields),
      createdAt: existing.createdAt,
      updatedAt: now.toISOString(),
    };
    const replies = await this.redis
      .multi()
      .hExists(this.keys.rules, rule.id)
      .hSet(this.keys.rules, rule.id, JSON.stringify(rule))
      .incr(this.keys.rulesVersion)
      .exec();
    if (Number(replies[0]) === 1) return rule;
    // Deleted meanwhile: undo the write.
    await this.redis
      .multi()
      .hDel(this.keys.rules, rule.id)
      .incr(this.keys.rulesVersion)
      .exec();
    return undefined;
  }

  /** Deletes a rule and every key of its deliveries; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const replies = await this.redis
      .multi()
      .hDel(this.keys.rules, id)
      .unlink(this.deliveryKeys(id))
      .sRem(this.keys.active, id)
      .incr(this.keys.rulesVersion)
      .exec();
    return Number(replies[0]) === 1;
  }

  /** The change counter (0 before any rule). */
  async version(): Promise<string> {
    return (await this.redis.get(this.keys.rulesVersion)) ?? '0';
  }
}

function withoutUndefined(fields: AlertRuleFields): AlertRuleFields {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as unknown as AlertRuleFields;
}
