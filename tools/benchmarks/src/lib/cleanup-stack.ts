interface Step {
  what: string;
  run: () => unknown;
}

/**
 * Cleanup steps run last-in first-out, each at most once, each even when an earlier one fails.
 * A phase runs its own steps early through the function {@link CleanupStack.push} returns; the
 * benchmark's `finally` runs whatever is left.
 */
export class CleanupStack {
  private readonly steps: Step[] = [];

  /** Registers `run`; the returned function runs it now (once) and unregisters it. */
  push(what: string, run: () => unknown): () => Promise<void> {
    const step: Step = { what, run };
    this.steps.push(step);
    return async () => {
      const index = this.steps.indexOf(step);
      if (index < 0) return;
      this.steps.splice(index, 1);
      await step.run();
    };
  }

  /** Runs every step still registered, newest first, reporting failures on stderr. */
  async runAll(): Promise<void> {
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      try {
        await step.run();
      } catch (error) {
        process.stderr.write(
          `cleanup "${step.what}" failed: ${(error as Error)?.message ?? String(error)}\n`,
        );
      }
    }
  }

  /** Synchronous last resort for `process.on('exit')`: runs the steps that are synchronous. */
  runSyncOnly(filter: (what: string) => boolean): void {
    for (const step of this.steps.filter((s) => filter(s.what))) {
      try {
        step.run();
      } catch {
        // exiting anyway
      }
    }
  }
}
