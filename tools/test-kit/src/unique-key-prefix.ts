import { randomBytes } from 'node:crypto';

/**
 * A key prefix no other test run uses, so that tests share the Redis on 127.0.0.1:6379 without
 * ever touching each other's keys (or anyone else's).
 */
export function uniqueKeyPrefix(label: string): string {
  return `test-${label}-${process.pid}-${randomBytes(4).toString('hex')}:`;
}
