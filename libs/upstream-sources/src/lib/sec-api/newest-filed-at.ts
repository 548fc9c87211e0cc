/** A `filedAt` as sent (Eastern offset) with its epoch ms, for comparisons. */
export interface FiledAtMark {
  readonly filedAt: string;
  readonly ms: number;
}

/** The newer of two marks (either may be missing). */
export function newerMark(
  a: FiledAtMark | undefined,
  b: FiledAtMark | undefined,
): FiledAtMark | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.ms > a.ms ? b : a;
}
