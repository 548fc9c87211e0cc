import { join } from 'node:path';

/** The workspace root (this file is tools/filings-feed-e2e/src/test-support/). */
export const WORKSPACE = join(__dirname, '../../../..');
