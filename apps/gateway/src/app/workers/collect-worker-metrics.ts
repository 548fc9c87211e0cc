import type { Worker } from 'node:cluster';
import {
  isWorkerMessage,
  type CollectRequest,
  type WorkerMetricsJson,
} from './worker-messages';

let nextId = 0;

/**
 * Asks each worker for its own metrics and resolves with the answers that came within
 * `timeoutMs`; a worker that exits, cannot be reached or stays silent is left out (the caller
 * shows how many answered), so one wedged worker does not blank the whole scrape.
 */
export async function collectWorkerMetrics(
  workers: readonly Worker[],
  timeoutMs: number,
): Promise<WorkerMetricsJson[]> {
  const id = (nextId += 1);
  const answers = await Promise.all(
    workers.map((worker) => collectFrom(worker, id, timeoutMs)),
  );
  return answers.filter((a): a is WorkerMetricsJson => a !== undefined);
}

function collectFrom(
  worker: Worker,
  id: number,
  timeoutMs: number,
): Promise<WorkerMetricsJson | undefined> {
  if (!worker.isConnected()) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const done = (metrics?: WorkerMetricsJson) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(metrics);
    };
    const onMessage = (message: unknown) => {
      if (isWorkerMessage(message, 'secfeed:collect') && message.id === id)
        done(message.metrics);
    };
    const onExit = () => done();
    const timer = setTimeout(done, timeoutMs);
    worker.on('message', onMessage);
    worker.once('exit', onExit);
    const request: CollectRequest = { type: 'secfeed:collect?', id };
    worker.send(request, undefined, (err) => err && done());
  });
}
