/**
 * Resolves once `condition` holds, checking every 5 ms; rejects after `timeoutMs` with
 * `what` in the message. For integration tests that wait on real sockets and real Redis (marble
 * tests are for RxJS timing, not for this).
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what = 'condition',
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
