/** The one method {@link newestPosition} needs; a node-redis v5 client (or its routed commands) fits. */
export interface StreamCommands {
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
}

/** The position before every entry: what an empty stream is complete up to. */
const ZERO_POSITION = '0-0';

/**
 * The newest entry ID of the filings stream at `key`, or `0-0` for an empty or missing stream:
 * every filing at or before it is already indexed, so history and live meet there.
 */
export async function newestPosition(
  client: StreamCommands,
  key: string,
): Promise<string> {
  const reply = await client.sendCommand([
    'XREVRANGE',
    key,
    '+',
    '-',
    'COUNT',
    '1',
  ]);
  const newest: unknown = Array.isArray(reply) ? reply[0] : undefined;
  return Array.isArray(newest) ? String(newest[0]) : ZERO_POSITION;
}
