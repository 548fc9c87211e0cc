import { intEnv } from '../lib/report-format';

/** The ingest benchmark's knobs, read from the environment at start. */
export interface IngestSettings {
  /** BENCH_FILINGS: filings of the throughput phase (default 50,000). */
  filings: number;
  /** BENCH_BATCH_SIZE: filings per frame (default 50). */
  batchSize: number;
  /** BENCH_LATENCY_SECONDS: the latency phase after its 2 s warm-up (default 30). */
  latencySeconds: number;
  /** BENCH_STAGE_FILINGS: filings parsed and published apart (default 20,000). */
  stageFilings: number;
  /** BENCH_INGEST_CPU_PROF: where the throughput ingest writes its .cpuprofile (none by default). */
  cpuProfDir?: string;
  /** REDIS_URL (default redis://127.0.0.1:6379). */
  redisUrl: string;
}

/** Reads the knobs; a bad number fails naming its variable. */
export function readIngestSettings(): IngestSettings {
  return {
    filings: intEnv('BENCH_FILINGS', 50_000),
    batchSize: intEnv('BENCH_BATCH_SIZE', 50),
    latencySeconds: intEnv('BENCH_LATENCY_SECONDS', 30),
    stageFilings: intEnv('BENCH_STAGE_FILINGS', 20_000),
    cpuProfDir: process.env['BENCH_INGEST_CPU_PROF'],
    redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
  };
}
