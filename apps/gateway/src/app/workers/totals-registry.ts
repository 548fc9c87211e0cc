import { Registry } from 'prom-client';
import { isWorkerMessage, type TotalsRequest } from './worker-messages';

/** How long a worker waits for the primary's totals before `/metrics` answers 500. */
const TOTALS_TIMEOUT_MS = 5_000;

let nextId = 0;

/**
 * The registry a worker serves at `/metrics` (`GATEWAY_WORKERS` > 1): its `metrics()` asks the
 * primary, which collects every worker's own metrics and sums them, so whichever worker a scrape
 * reaches, it shows the totals of all. Rejects (the health handler answers 500
 * `METRICS_FAILED`) when the primary cannot be reached or does not answer in `timeoutMs`.
 */
export class TotalsRegistry extends Registry {
  constructor(private readonly timeoutMs = TOTALS_TIMEOUT_MS) {
    super();
  }

  override metrics(): Promise<string> {
    const id = (nextId += 1);
    return new Promise((resolve, reject) => {
      const done = (err?: Error, text?: string) => {
        clearTimeout(timer);
        process.off('message', onMessage);
        if (err) reject(err);
        else resolve(text ?? '');
      };
      const onMessage = (message: unknown) => {
        if (!isWorkerMessage(message, 'secfeed:totals') || message.id !== id)
          return;
        if (message.error !== undefined) done(new Error(message.error));
        else done(undefined, message.text);
      };
      const timer = setTimeout(
        () => done(new Error('the cluster primary did not send the totals')),
        this.timeoutMs,
      );
      process.on('message', onMessage);
      const request: TotalsRequest = { type: 'secfeed:totals?', id };
      if (!process.connected || !process.send) {
        done(new Error('no cluster primary to ask for the totals'));
        return;
      }
      process.send(request, undefined, undefined, (err) => err && done(err));
    });
  }
}
