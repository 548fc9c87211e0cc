import type { FiledAtMark } from './newest-filed-at';

/**
 * Where the ingest watermark is read and moved: every upstream filing with a `filedAt` strictly
 * older than it is known to be stored. The sec-api source keeps one in memory by default; the
 * service passes its durable one in Redis.
 */
export interface WatermarkStore {
  /** The watermark, or undefined when none was ever set (or it expired). */
  read(): Promise<FiledAtMark | undefined>;
  /** Moves it to `mark` if that is newer; resolves whether it moved. */
  advance(mark: FiledAtMark): Promise<boolean>;
}
