import type { BroadcastEntry } from './broadcast-entry';

/** What a batch needs of a session: to send what it took, in one write. */
export interface BatchMember {
  /**
   * Writes the entries taken from `batch` (in stream order) as one Buffer; when the client is
   * gone or is closed as a slow consumer instead, calls `unsent` for each of them.
   */
  sendTaken(
    batch: DeliveryBatch,
    unsent: (entry: BroadcastEntry) => void,
  ): void;
}

/**
 * The entries of one stream read (an `XREAD` reply) on their way to the clients: each client
 * gets what it matched of them in **one** write, the floor's way, instead of one write per entry.
 * A client that matched every entry (no filters, the common case) gets {@link joined}, the
 * entries' frames joined once for the whole batch; a client that matched some of them gets its
 * own join.
 */
export class DeliveryBatch {
  private readonly members: BatchMember[] = [];
  private all?: Buffer;

  constructor(readonly entries: readonly BroadcastEntry[]) {}

  /** Every entry's WebSocket frame, in order, as one Buffer (built at the first call). */
  get joined(): Buffer {
    this.all ??= Buffer.concat(this.entries.map((entry) => entry.wire));
    return this.all;
  }

  /** Adds a session that took its first entry of this batch. */
  enlist(member: BatchMember): void {
    this.members.push(member);
  }

  /** Sends each session what it took; `unsent` is called for each entry a session could not get. */
  send(unsent: (entry: BroadcastEntry) => void): void {
    for (const member of this.members) member.sendTaken(this, unsent);
    this.members.length = 0;
  }
}
