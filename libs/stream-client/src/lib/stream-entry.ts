/** One Redis stream entry: its id (`<ms>-<seq>`) and its field/value pairs as strings. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: Record<string, string>;
}
