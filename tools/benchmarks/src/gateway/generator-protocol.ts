import type { HistogramSnapshot } from './latency-histogram';

/** Which server the load generator's clients speak to. */
export type ClientKind = 'ws' | 'socketio';

/** Filings carry their publish time as `description: "bench:<epoch ms, 3 decimals>"`. */
export const STAMP_PREFIX = 'bench:';

/** Epoch milliseconds with sub-millisecond resolution, the same clock in every process. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export type ParentToGenerator =
  | { cmd: 'connect'; count: number; batch: number }
  | { cmd: 'progress' }
  | { cmd: 'report' }
  | { cmd: 'close' };

export interface GeneratorReport {
  type: 'report';
  clients: number;
  /** sec_filing messages received, all clients together. */
  received: number;
  /** Filings received per client, in connection order; -1 for a client that never subscribed. */
  perClient: number[];
  histogram: HistogramSnapshot;
  closes: Record<string, number>;
  errors: number;
  cpuMs: number;
}

export type GeneratorToParent =
  | { type: 'ready' }
  | {
      type: 'connected';
      open: number;
      failed: number;
      ms: number;
      firstError?: string;
    }
  | { type: 'progress'; received: number; open: number }
  | GeneratorReport;
