/**
 * Test helpers for projects that drive the sources: a stand-in for EDGAR's Latest Filings feed
 * (`FeedServer`), Atom pages built the way EDGAR writes them (`atomFeed`), and a recorder of a
 * source's events (`EventRecorder`). For specs only.
 */
export { atomFeed, type TestEntry } from './lib/edgar/test-support/atom-feed';
export { EventRecorder } from './lib/edgar/test-support/event-recorder';
export {
  FeedServer,
  type FeedReply,
} from './lib/edgar/test-support/feed-server';
