/** Number of hash slots in a Redis Cluster. */
export const HASH_SLOTS = 16384;

// CRC16-CCITT (XModem), the checksum Redis Cluster uses to place keys; table built once.
const TABLE: readonly number[] = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) {
    crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
});

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  }
  return crc;
}

/**
 * The Redis Cluster hash slot of a key, as `CLUSTER KEYSLOT` computes it: only the part inside
 * the first non-empty `{...}` counts, so keys that share a hash tag share a slot and may be
 * used together by one script or transaction.
 *
 * @example
 * hashSlot('stream:{sec}:filings') === hashSlot('dedup:{sec}:filings:0000320193-25-000079'); // true
 */
export function hashSlot(key: string): number {
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  return crc16(new TextEncoder().encode(key)) % HASH_SLOTS;
}
