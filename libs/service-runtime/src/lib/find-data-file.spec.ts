import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDataFile } from './find-data-file';

describe('findDataFile', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'secfeed-data-'));
    mkdirSync(join(root, 'data/replay'), { recursive: true });
    writeFileSync(join(root, 'data/replay/day.gz'), '');
    mkdirSync(join(root, 'dist/apps/ingest'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds data/ in the nearest folder above', () => {
    expect(findDataFile('replay/day.gz', join(root, 'dist/apps/ingest'))).toBe(
      join(root, 'data/replay/day.gz'),
    );
  });

  it('prefers data/ beside the start folder (a deployed build)', () => {
    mkdirSync(join(root, 'dist/apps/ingest/data/replay'), { recursive: true });
    writeFileSync(join(root, 'dist/apps/ingest/data/replay/day.gz'), '');
    expect(findDataFile('replay/day.gz', join(root, 'dist/apps/ingest'))).toBe(
      join(root, 'dist/apps/ingest/data/replay/day.gz'),
    );
  });

  it('answers the expected place when the file is nowhere', () => {
    expect(findDataFile('replay/none.gz', join(root, 'dist/apps/ingest'))).toBe(
      join(root, 'dist/apps/ingest/data/replay/none.gz'),
    );
  });
});
