import type { Registry } from 'prom-client';
import { isWorkerMessage, type CollectAnswer } from './worker-messages';

/**
 * In a worker: answers the primary's requests for this worker's metrics with `registry`'s
 * (the worker's own, never the totals). Returns a function that stops answering.
 */
export function answerCollects(registry: Registry): () => void {
  const onMessage = (message: unknown) => {
    if (!isWorkerMessage(message, 'secfeed:collect?')) return;
    const { id } = message;
    registry.getMetricsAsJSON().then(
      (metrics) => reply({ type: 'secfeed:collect', id, metrics }),
      (err: Error) =>
        reply({ type: 'secfeed:collect', id, error: err.message }),
    );
  };
  process.on('message', onMessage);
  return () => process.off('message', onMessage);
}

function reply(answer: CollectAnswer): void {
  // The primary may be gone (the worker is about to exit with it): nothing to answer then.
  if (process.connected)
    process.send?.(answer, undefined, undefined, () => undefined);
}
