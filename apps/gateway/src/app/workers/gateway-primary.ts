import type { RetryPolicy } from '@secfeed/reconnect-policy';
import type { Logger } from '@secfeed/service-runtime';
import cluster, { type Worker } from 'node:cluster';
import type { PrimaryMetrics } from '../metrics/primary-metrics';
import { collectWorkerMetrics } from './collect-worker-metrics';
import { RestartBackoff, WORKER_RESTART_POLICY } from './restart-backoff';
import { sumWorkerMetrics } from './sum-worker-metrics';
import { isWorkerMessage, type TotalsAnswer } from './worker-messages';

/** Options of {@link GatewayPrimary}; defaults first. */
export interface GatewayPrimaryOptions {
  /** Worker processes to keep running (`GATEWAY_WORKERS`, at least 2 to be useful). */
  readonly workers: number;
  readonly logger: Logger;
  readonly metrics: PrimaryMetrics;
  /** Pause before a dead worker is replaced. Default {@link WORKER_RESTART_POLICY}. */
  readonly restartPolicy?: RetryPolicy;
  /** How long a scrape waits for each worker's metrics. Default 2 s. */
  readonly collectTimeoutMs?: number;
}

/** One place in the pool: its worker now, and the backoff of the workers that held it. */
interface Slot {
  worker?: Worker;
  startedAt: number;
  readonly backoff: RestartBackoff;
  restart?: NodeJS.Timeout;
}

type Exit = { code: number | null; signal: string | null };

/**
 * The cluster primary of `GATEWAY_WORKERS` > 1 (`node:cluster`): forks that many workers (each
 * a whole gateway: one port shared through the primary, its own Redis clients and stream
 * reader), replaces one that dies after a {@link RestartBackoff} pause, answers the workers'
 * `/metrics` with every worker's totals, and stops them all with SIGTERM. It serves no client.
 */
export class GatewayPrimary {
  private readonly slots: Slot[];
  private started = false;
  private stopping = false;

  constructor(private readonly options: GatewayPrimaryOptions) {
    this.slots = Array.from({ length: options.workers }, () => ({
      startedAt: 0,
      backoff: new RestartBackoff(
        options.restartPolicy ?? WORKER_RESTART_POLICY,
      ),
    }));
  }

  /**
   * Forks every worker and resolves once all listen. Rejects (after stopping the others) when
   * one exits first: the port is taken, or the build is broken; replacing would only loop.
   */
  async start(): Promise<void> {
    const firsts = this.slots.map((slot) => listeningOrExit(this.fork(slot)));
    const results = await Promise.all(firsts);
    const failed = results.find((r): r is Exit => 'code' in r);
    if (this.stopping) return;
    if (failed !== undefined) {
      await this.stop(5_000).catch(() => undefined);
      throw new Error(
        `a gateway worker exited (${failed.code ?? failed.signal}) before it listened`,
      );
    }
    this.started = true;
    const port = results.find((r): r is { port: number } => 'port' in r)?.port;
    this.options.logger.info(
      { workers: this.slots.length, port },
      'Gateway workers listening',
    );
  }

  /**
   * Sends SIGTERM to every worker (each closes its clients with 1001 in its own grace) and
   * resolves once all exited 0 (or of that SIGTERM). Workers still running after `deadlineMs` get SIGKILL; then, or
   * when one exited otherwise, it rejects.
   */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    for (const slot of this.slots) clearTimeout(slot.restart);
    const live = this.liveWorkers();
    const exits = live.map(exitOf);
    for (const worker of live) worker.process.kill('SIGTERM');
    const deadline = setTimeout(() => {
      for (const worker of live)
        if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, deadlineMs);
    const results = await Promise.all(exits);
    clearTimeout(deadline);
    this.options.metrics.workers.set(0);
    // A worker forked a moment ago may die of the SIGTERM itself, before its handler is set:
    // it had no client yet, so that is a clean stop too.
    const unclean = results.filter(
      (exit) => exit.code !== 0 && exit.signal !== 'SIGTERM',
    );
    if (unclean.length > 0) {
      throw new Error(
        `${unclean.length} of ${live.length} gateway workers did not stop cleanly (${unclean
          .map((exit) => exit.code ?? exit.signal)
          .join(', ')})`,
      );
    }
    this.options.logger.info(
      { workers: live.length },
      'gateway workers stopped',
    );
  }

  private fork(slot: Slot): Worker {
    const worker = cluster.fork();
    slot.worker = worker;
    slot.startedAt = Date.now();
    worker.on('message', (message: unknown) => this.answer(worker, message));
    worker.once('exit', (code: number | null, signal: string | null) =>
      this.exited(slot, worker, { code, signal }),
    );
    this.options.metrics.workers.set(this.liveWorkers().length);
    this.options.logger.info(
      { worker: worker.id, pid: worker.process.pid },
      'gateway worker started',
    );
    return worker;
  }

  private exited(slot: Slot, worker: Worker, exit: Exit): void {
    const { logger, metrics } = this.options;
    if (slot.worker === worker) slot.worker = undefined;
    metrics.workers.set(this.liveWorkers().length);
    // Before the start is done, start() reports the failure; while stopping, stop() waits.
    if (this.stopping || !this.started) return;
    const livedMs = Date.now() - slot.startedAt;
    const delayMs = slot.backoff.next(livedMs);
    metrics.workerRestarts.inc();
    logger.warn(
      {
        worker: worker.id,
        pid: worker.process.pid,
        code: exit.code,
        signal: exit.signal,
        livedMs,
        delayMs,
      },
      'gateway worker exited; replacing it',
    );
    slot.restart = setTimeout(() => {
      slot.restart = undefined;
      if (!this.stopping) this.fork(slot);
    }, delayMs);
  }

  /** A worker asks for the totals its `/metrics` serves. */
  private answer(worker: Worker, message: unknown): void {
    if (!isWorkerMessage(message, 'secfeed:totals?')) return;
    const { id } = message;
    const send = (answer: TotalsAnswer) => {
      if (worker.isConnected()) worker.send(answer, undefined, () => undefined);
    };
    this.totals().then(
      (text) => send({ type: 'secfeed:totals', id, text }),
      (err: Error) => send({ type: 'secfeed:totals', id, error: err.message }),
    );
  }

  private async totals(): Promise<string> {
    const { metrics, collectTimeoutMs = 2_000 } = this.options;
    const live = this.liveWorkers();
    const collected = await collectWorkerMetrics(live, collectTimeoutMs);
    metrics.workers.set(this.liveWorkers().length);
    metrics.workersScraped.set(collected.length);
    return sumWorkerMetrics(collected, metrics.registry);
  }

  private liveWorkers(): Worker[] {
    return this.slots.flatMap((slot) =>
      slot.worker !== undefined && !slot.worker.isDead() ? [slot.worker] : [],
    );
  }
}

/** Resolves with the port once `worker` listens, or with its exit if it exits first. */
function listeningOrExit(worker: Worker): Promise<{ port: number } | Exit> {
  return new Promise((resolve) => {
    worker.once('listening', (address: { port: number }) =>
      resolve({ port: address.port }),
    );
    worker.once('exit', (code: number | null, signal: string | null) =>
      resolve({ code, signal }),
    );
  });
}

function exitOf(worker: Worker): Promise<Exit> {
  return new Promise((resolve) =>
    worker.isDead()
      ? resolve({
          code: worker.process.exitCode,
          signal: worker.process.signalCode,
        })
      : worker.once('exit', (code: number | null, signal: string | null) =>
          resolve({ code, signal }),
        ),
  );
}
