/**
 * `work`'s outcome, or a rejection with `Error("no answer from <what> within <ms> ms")` once
 * `ms` milliseconds pass first. Redis may hang rather than fail (a half-open socket); a request
 * waiting on it must not hang with it. The timer is cleared as soon as either side settles, so
 * nothing is left scheduled. `work` itself goes on (a promise cannot be cancelled); its late
 * outcome is ignored.
 *
 * @param what What is waited for, named in the message. Default `Redis`.
 *
 * @example
 * ```ts
 * const reply = await withTimeout(redis.get(key), 2000); // rejects after 2 s without an answer
 * ```
 */
export async function withTimeout<T>(
  work: Promise<T>,
  ms: number,
  what = 'Redis',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from ${what} within ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
