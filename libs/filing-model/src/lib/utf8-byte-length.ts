/**
 * The UTF-8 size of `text` as TextEncoder would encode it, counting no further than
 * `stopAbove + 1` bytes so that checking a cap costs no more than the cap.
 *
 * Counted by hand rather than with TextEncoder because encoding a frame only to measure it
 * would allocate a second copy of it. Lone surrogates count 3 bytes (they encode as U+FFFD).
 */
export function utf8ByteLength(text: string, stopAbove = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      bytes += 1;
    } else if (unit < 0x800) {
      bytes += 2;
    } else if (
      unit >= 0xd800 &&
      unit <= 0xdbff &&
      isLowSurrogate(text.charCodeAt(i + 1))
    ) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
