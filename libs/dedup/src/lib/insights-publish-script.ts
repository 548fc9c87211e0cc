import { createHash } from 'node:crypto';
import { INSIGHTS_KIND, STREAM_FIELDS } from '@secfeed/filing-model/stored';
import { STREAM_AGE_TRIM } from './expire-script';
import { SEEN_MARK_GRACE_MS } from './publish-script';

/**
 * Publishes the insights of one filing atomically, once per publication of the filing.
 *
 * KEYS: 1 stream, 2 the filing's seen-mark, 3 the insights' seen-mark, 4 the filing's document.
 * ARGV: 1 accessionNo, 2 the filing with its insights as JSON (both as `encodeInsightsEntry` of
 * `@secfeed/filing-model/stored` encodes them), 3 retention in ms, 4 stream MAXLEN.
 * Returns {'published', position}, {'duplicate', position of the insights already published}
 * or {'no-filing', ''} when the filing is not in the stream (never published, past the
 * retention, or lost by a failover: its publication again brings its insights again).
 *
 * As the filing's script: the stream is trimmed by age first, the entry written before its
 * seen-mark (a failure in between can publish twice on retry, never zero times), the seen-mark
 * lives until the entry's ID + retention + {@link SEEN_MARK_GRACE_MS} on Redis's clock, so the
 * insights are never published twice while their first entry can be replayed.
 *
 * The insights' seen-mark holds the position of their entry, which a filing's own entry
 * precedes. A mark older than the filing's current position belongs to an earlier publication
 * of the same accession number (the filing left the stream and was published anew): that
 * publication gets its insights too.
 *
 * The filing's stored document becomes the filing with its insights (`KEEPTTL`: it still
 * expires with the filing's entry), so REST serves them; a document already expired stays so.
 */
export const INSIGHTS_PUBLISH_SCRIPT = `#!lua
local retention = tonumber(ARGV[3])
${STREAM_AGE_TRIM}

local filing = redis.call('GET', KEYS[2])
if not filing then
  return {'no-filing', ''}
end
local function after(a, b)
  local ams, aseq = string.match(a, '^(%d+)-(%d+)$')
  local bms, bseq = string.match(b, '^(%d+)-(%d+)$')
  if not ams or not bms then return false end
  ams, bms = tonumber(ams), tonumber(bms)
  if ams ~= bms then return ams > bms end
  return tonumber(aseq) > tonumber(bseq)
end
local seen = redis.call('GET', KEYS[3])
if seen and after(seen, filing) then
  return {'duplicate', seen}
end
local position = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], '*',
  '${STREAM_FIELDS.accessionNo}', ARGV[1], '${STREAM_FIELDS.kind}', '${INSIGHTS_KIND}',
  '${STREAM_FIELDS.data}', ARGV[2])
local ms = string.match(position, '^(%d+)-')
redis.call('SET', KEYS[3], position, 'PXAT',
  string.format('%d', tonumber(ms) + retention + ${SEEN_MARK_GRACE_MS}))
if redis.call('EXISTS', KEYS[4]) == 1 then
  redis.call('SET', KEYS[4], ARGV[2], 'KEEPTTL')
end
return {'published', position}
`;

/** SHA1 of {@link INSIGHTS_PUBLISH_SCRIPT}, the name `EVALSHA` knows it by. */
export const INSIGHTS_PUBLISH_SCRIPT_SHA = createHash('sha1')
  .update(INSIGHTS_PUBLISH_SCRIPT)
  .digest('hex');
