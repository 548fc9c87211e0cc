/**
 * Malformed frames an upstream can send, in the order the simulator injects them: each one
 * exercises a different reject path of the ingest pipeline. The last one mixes a valid filing
 * with an invalid one, to prove that one bad element never sinks the good ones.
 */
export function malformedFrame(n: number, valid: unknown): string {
  const frames = [
    '{"accessionNo": "0000000000-00-000000", truncated',
    '{"not":"an array"}',
    JSON.stringify([
      { accessionNo: 'not-an-accession', cik: 42, formType: '' },
    ]),
    JSON.stringify([{ junk: true, nested: { deeper: [1, 2, 3] } }, valid]),
  ];
  return frames[n % frames.length];
}
