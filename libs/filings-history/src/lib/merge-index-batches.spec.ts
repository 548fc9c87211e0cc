import { compareNewestFirst, IndexEntry } from './index-entry';
import { mergeIndexBatches } from './merge-index-batches';

const e = (score: number, position: number): IndexEntry => ({
  score,
  member: `${String(position).padStart(16, '0')}-0000000000:acc-${position}`,
});

describe('mergeIndexBatches', () => {
  it('orders by score, then by position, newest first', () => {
    const entries = [e(5, 1), e(5, 9), e(7, 2), e(1, 3)];
    expect([...entries].sort(compareNewestFirst)).toEqual([
      e(7, 2),
      e(5, 9),
      e(5, 1),
      e(1, 3),
    ]);
  });

  it('keeps everything, exhausted, when no batch was full', () => {
    const merged = mergeIndexBatches([
      { entries: [e(9, 1), e(3, 2)], full: false },
      { entries: [e(5, 3)], full: false },
    ]);
    expect(merged).toEqual({
      entries: [e(9, 1), e(5, 3), e(3, 2)],
      exhausted: true,
    });
  });

  it('stops at the newest last entry of a full batch: older ones may be missing', () => {
    const merged = mergeIndexBatches([
      { entries: [e(9, 1), e(6, 2)], full: true },
      { entries: [e(8, 3), e(4, 4)], full: true },
      { entries: [e(7, 5), e(2, 6)], full: false },
    ]);
    expect(merged).toEqual({
      entries: [e(9, 1), e(8, 3), e(7, 5), e(6, 2)],
      exhausted: false,
    });
  });

  it('lists a filing found in two sets once', () => {
    const merged = mergeIndexBatches([
      { entries: [e(9, 1)], full: false },
      { entries: [e(9, 1), e(8, 2)], full: false },
    ]);
    expect(merged.entries).toEqual([e(9, 1), e(8, 2)]);
  });
});
