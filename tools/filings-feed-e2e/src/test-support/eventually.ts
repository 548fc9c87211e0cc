/**
 * Retries `check` (an assertion: it throws while the page is not there yet) every `intervalMs`
 * until it passes, and returns its result; past `timeoutMs` rethrows its last error with
 * `what` in front. The browser-side counterpart of test-kit's `waitUntil`, for conditions that
 * deserve a precise failure message (playwright-core has no `expect.poll`).
 */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`timed out after ${timeoutMs} ms: ${what}\n${reason}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
