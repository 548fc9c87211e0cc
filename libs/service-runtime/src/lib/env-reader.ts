import { ConfigError } from './config-error';

const DAY_MS = 86_400_000;

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Typed, validated reads of environment variables. An unset or empty variable takes the
 * default; a set but invalid one throws a {@link ConfigError} naming it, never falls back.
 *
 * @example
 * ```ts
 * const env = new EnvReader(process.env);
 * const port = env.port('GATEWAY_PORT', 9000);
 * const enabled = env.bool('STREAM_ENABLED', true);
 * ```
 */
export class EnvReader {
  constructor(private readonly env: Env) {}

  /** The raw value, or undefined when unset or empty. */
  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === ''
      ? undefined
      : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  /** A whole number in [min, max]. */
  int(
    name: string,
    fallback: number,
    { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
  ): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw) || value < min || value > max) {
      throw new ConfigError(
        name,
        `must be a whole number from ${min} to ${max}, got "${raw}"`,
      );
    }
    return value;
  }

  /** A positive number (fractions allowed). */
  positive(name: string, fallback: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) {
      throw new ConfigError(name, `must be a positive number, got "${raw}"`);
    }
    return value;
  }

  /**
   * A duration given in days (fractions allowed), as whole milliseconds from 1 to `maxMs`:
   * a value that rounds to 0 ms or exceeds `maxMs` fails naming the variable.
   */
  daysAsMs(name: string, fallbackDays: number, maxMs: number): number {
    const ms = Math.round(this.positive(name, fallbackDays) * DAY_MS);
    if (ms < 1 || ms > maxMs) {
      throw new ConfigError(
        name,
        `must be from 1 ms to ${maxMs / DAY_MS} days, got "${String(this.raw(name))}"`,
      );
    }
    return ms;
  }

  port(name: string, fallback: number): number {
    return this.int(name, fallback, { min: 0, max: 65535 });
  }

  /** `true`/`false` (also `1`/`0`, `yes`/`no`, any case). */
  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    throw new ConfigError(name, `must be true or false, got "${raw}"`);
  }

  /** A URL whose protocol is one of `protocols` (e.g. `['redis:', 'rediss:']`). */
  url(name: string, fallback: string, protocols: readonly string[]): string {
    const raw = this.raw(name) ?? fallback;
    checkUrl(name, raw, protocols);
    return raw;
  }

  /**
   * One URL or a comma-separated list of them (e.g. the nodes of a Redis Cluster), each checked
   * as {@link url} checks it; returned as given.
   */
  urlList(
    name: string,
    fallback: string,
    protocols: readonly string[],
  ): string {
    const raw = this.raw(name) ?? fallback;
    for (const part of raw.split(',')) checkUrl(name, part.trim(), protocols);
    return raw;
  }

  /** One of a fixed set of values. */
  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(
        name,
        `must be one of ${allowed.join(', ')}, got "${raw}"`,
      );
    }
    return raw as T;
  }
}

function checkUrl(
  name: string,
  raw: string,
  protocols: readonly string[],
): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(
      name,
      `must be a ${protocols.join(' or ')} URL, got ${url.protocol}`,
    );
  }
}
