import {
  loadReplayDay,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
  type WireFiling,
} from '@secfeed/sec-api-simulator';
import type { Filing } from '@secfeed/filing-model';
import { collect, waitUntil, type Collected } from '@secfeed/test-kit';
import { Subject, tap } from 'rxjs';
import type { SourceEvent, UpstreamState } from '../source-event';
import { secApiSource } from './sec-api-source';
import type { SecApiSourceOptions } from './sec-api-source-options';
import {
  startQueryApiServer,
  type QueryApiServer,
} from './test-support/query-api-server';

// Characters that must be URL-encoded, to prove the key travels (and is scrubbed) both ways.
const KEY = 'sk_live+9f/3a=Zq7';
const fast = { minDelayMs: 10, maxDelayMs: 40 };
const day = loadReplayDay().slice(0, 200);

const filingsOf = (events: SourceEvent[]): Filing[] =>
  events.flatMap((e) => (e.kind === 'filings' ? e.filings : []));
const statesOf = (events: SourceEvent[]): UpstreamState[] =>
  events.flatMap((e) => (e.kind === 'state' ? [e.upstream] : []));
const rejectCodes = (events: SourceEvent[]): string[] =>
  events.flatMap((e) =>
    e.kind === 'rejects' ? e.rejects.map((r) => r.code) : [],
  );
const errorsOf = (events: SourceEvent[]) =>
  events.filter(
    (e): e is Extract<SourceEvent, { kind: 'error' }> => e.kind === 'error',
  );
const count = (events: SourceEvent[], state: UpstreamState['state']) =>
  statesOf(events).filter((s) => s.state === state).length;
const accessions = (filings: readonly (Filing | WireFiling)[]) =>
  filings.map((f) => f.accessionNo);

describe('secApiSource (sec-api simulator, local Query API)', () => {
  let simulator: Simulator | undefined;
  let queryApi: QueryApiServer;
  let run: Collected<SourceEvent> | undefined;

  const simulate = async (options: SimulatorOptions) =>
    (simulator = await startSimulator({
      apiKey: KEY,
      rate: 0,
      day,
      // The day's own acceptance times: the local Query API below answers from them.
      liveTimes: false,
      ...options,
    }));
  const source = (sim: Simulator, options: Partial<SecApiSourceOptions> = {}) =>
    (run = collect(
      secApiSource({
        apiKey: KEY,
        streamUrl: sim.url,
        queryApiUrl: queryApi.url,
        retry: fast,
        backfillRetry: fast,
        // The specs below check the exact start of a backfill; the margin has its own.
        backfillOverlapMs: 0,
        ...options,
      }),
    ));

  beforeEach(async () => (queryApi = await startQueryApiServer()));
  afterEach(async () => {
    run?.subscription.unsubscribe();
    run = undefined;
    await simulator?.close();
    simulator = undefined;
    await queryApi.close();
  });

  it('delivers exactly the filings sent, in order, after connecting and open', async () => {
    const sim = await simulate({ limit: 30, batchSize: 3 });
    const events = source(sim);
    await events.waitFor((e) => filingsOf(e).length === 30);
    expect(accessions(filingsOf(events.values))).toEqual(sim.sent());
    expect(accessions(filingsOf(events.values))).toEqual(
      accessions(day.slice(0, 30)),
    );
    expect(statesOf(events.values).slice(0, 2)).toEqual([
      { state: 'connecting', attempt: 1 },
      { state: 'open' },
    ]);
    expect(filingsOf(events.values)[0]).toMatchObject({
      source: 'sec-api',
      filedAt: day[0].filedAt,
      receivedAt: expect.stringMatching(/Z$/),
    });
    // Nothing known yet, nothing stored: no backfill on the first open.
    expect(queryApi.requests).toEqual([]);
    expect(errorsOf(events.values)).toEqual([]);
  });

  it('turns malformed frames into coded rejects while the good filings still arrive', async () => {
    const sim = await simulate({ limit: 8, faults: { malformedEvery: 2 } });
    const events = source(sim);
    await events.waitFor(
      (e) => rejectCodes(e).length === 4 && filingsOf(e).length === 9,
    );
    expect(rejectCodes(events.values)).toEqual([
      'FRAME_NOT_JSON',
      'FRAME_NOT_ARRAY',
      'ELEMENT_INVALID',
      'ELEMENT_INVALID',
    ]);
    const rejects = events.values.flatMap((e) =>
      e.kind === 'rejects' ? e.rejects : [],
    );
    expect(
      rejects.every((r) => r.source === 'sec-api' && r.reasons.length > 0),
    ).toBe(true);
    // The last malformed frame carries a valid filing (a repeat of frame 8) beside the junk.
    expect(accessions(filingsOf(events.values))).toEqual([
      ...accessions(day.slice(0, 8)),
      day[7].accessionNo,
    ]);
  });

  it('rejects binary frames as FRAME_BINARY with their length and a bounded base64 head', async () => {
    const sim = await simulate({ limit: 6, faults: { binaryEvery: 3 } });
    const events = source(sim);
    await events.waitFor(
      (e) => rejectCodes(e).length === 2 && filingsOf(e).length === 6,
    );
    sim.sendRaw(Buffer.alloc(100_000, 7));
    await events.waitFor((e) => rejectCodes(e).length === 3);
    const rejects = events.values.flatMap((e) =>
      e.kind === 'rejects' ? e.rejects : [],
    );
    expect(rejectCodes(events.values)).toEqual([
      'FRAME_BINARY',
      'FRAME_BINARY',
      'FRAME_BINARY',
    ]);
    const first = rejects[0].raw as { bytes: number; head: string };
    expect(first.bytes).toBe(Buffer.byteLength(JSON.stringify([day[2]])));
    expect(Buffer.from(first.head, 'base64').toString('utf8')).toBe(
      JSON.stringify([day[2]]).slice(0, 64),
    );
    expect(rejects[2].raw).toEqual({
      bytes: 100_000,
      head: Buffer.alloc(64, 7).toString('base64'),
    });
    expect(accessions(filingsOf(events.values))).toEqual(
      accessions(day.slice(0, 6)),
    );
  });

  it('after an abrupt drop: closed, retry, open again, and a backfill from the newest filedAt seen fills the gap', async () => {
    queryApi.filings = day.slice(0, 40);
    const sim = await simulate({
      rate: 400,
      limit: 40,
      faults: { disconnectAfterFrames: 5 },
    });
    const events = source(sim);
    await events.waitFor(
      (e) => count(e, 'backfilled') === 1 && sim.stats().filingsSent === 40,
    );
    await events.waitFor((e) =>
      filingsOf(e).some((f) => f.accessionNo === day[39].accessionNo),
    );
    const states = statesOf(events.values).map((s) => s.state);
    expect(states.slice(0, 5)).toEqual([
      'connecting',
      'open',
      'closed',
      'retry',
      'connecting',
    ]);
    expect(states[5]).toBe('open');
    // The backfill starts at the newest filing received before the drop.
    const closedAt = events.values.findIndex(
      (e) => e.kind === 'state' && e.upstream.state === 'closed',
    );
    const before = filingsOf(events.values.slice(0, closedAt));
    const newest = before[before.length - 1].filedAt;
    expect(queryApi.requests.map((r) => r.body)).toEqual([
      {
        query: `filedAt:["${newest}" TO *]`,
        from: '0',
        size: '50',
        sort: [{ filedAt: { order: 'asc' } }],
      },
    ]);
    expect(queryApi.requests[0].headers['authorization']).toBe(KEY);
    const backfilling = statesOf(events.values).find(
      (s) => s.state === 'backfilling',
    );
    expect(backfilling).toEqual({ state: 'backfilling', from: newest });
    const expected = day
      .slice(0, 40)
      .filter((f) => Date.parse(f.filedAt) >= Date.parse(newest));
    expect(
      statesOf(events.values).find((s) => s.state === 'backfilled'),
    ).toEqual({
      state: 'backfilled',
      filings: expected.length,
    });
    // Live and backfilled filings together: every filing published, none missed.
    expect(new Set(accessions(filingsOf(events.values)))).toEqual(
      new Set(accessions(day.slice(0, 40))),
    );
  });

  it('backfills a reconnect from the newest filing seen before it, even when lastFiledAt answers after newer live filings arrived', async () => {
    queryApi.filings = day.slice(0, 60);
    const sim = await simulate({
      rate: 100,
      limit: 60,
      faults: { disconnectAfterFrames: 5 },
    });
    let answer: (stored: string | undefined) => void = () => undefined;
    let calls = 0;
    const events = source(sim, {
      // The first open answers at once (nothing stored); the reconnect's answer is held back.
      lastFiledAt: () =>
        calls++ === 0
          ? Promise.resolve(undefined)
          : new Promise((resolve) => (answer = resolve)),
    });
    await events.waitFor((e) => count(e, 'open') === 2);
    const closedAt = events.values.findIndex(
      (e) => e.kind === 'state' && e.upstream.state === 'closed',
    );
    const before = filingsOf(events.values.slice(0, closedAt));
    const newest = before[before.length - 1].filedAt;
    await events.waitFor((e) =>
      filingsOf(e.slice(closedAt)).some(
        (f) => Date.parse(f.filedAt) > Date.parse(newest),
      ),
    );
    answer(undefined);
    await events.waitFor((e) => count(e, 'backfilled') === 1);
    expect(
      statesOf(events.values).find((s) => s.state === 'backfilling'),
    ).toEqual({ state: 'backfilling', from: newest });
    expect(queryApi.requests[0].body.query).toBe(`filedAt:["${newest}" TO *]`);
  });

  it('backfills on the first open from lastFiledAt (the newest filing stored)', async () => {
    queryApi.filings = day.slice(0, 60);
    const stored = day[50].filedAt;
    const sim = await simulate({ limit: 3 });
    const events = source(sim, { lastFiledAt: () => Promise.resolve(stored) });
    await events.waitFor((e) => count(e, 'backfilled') === 1);
    expect(queryApi.requests[0].body.query).toBe(`filedAt:["${stored}" TO *]`);
    const backfilled = events.values.filter((e) => e.kind === 'filings').pop();
    expect(backfilled).toEqual({
      kind: 'filings',
      filings: expect.arrayContaining([
        expect.objectContaining({ accessionNo: day[59].accessionNo }),
      ]),
    });
  });

  it('reports a failed backfill as BACKFILL_FAILED, keeps live filings flowing, and retries it with backoff, without a reconnect', async () => {
    queryApi.filings = day.slice(0, 20);
    queryApi.fault = (_req, index) =>
      index < 2
        ? { status: 503, body: `{"error":"down for ${KEY}"}` }
        : undefined;
    const sim = await simulate({ rate: 100, limit: 20 });
    const events = source(sim, {
      lastFiledAt: () => Promise.resolve(day[0].filedAt),
    });
    await events.waitFor((e) => count(e, 'backfilled') === 1);
    const errors = errorsOf(events.values);
    expect(errors.map((e) => e.code)).toEqual([
      'BACKFILL_FAILED',
      'BACKFILL_FAILED',
    ]);
    expect(errors[0].message).toContain('503');
    expect(errors[0].message).not.toContain('9f/3a');
    expect(
      events.values.filter((e) => e.kind === 'backfill-retry'),
    ).toMatchObject([
      { kind: 'backfill-retry', attempt: 1 },
      { kind: 'backfill-retry', attempt: 2 },
    ]);
    expect(count(events.values, 'open')).toBe(1);
    expect(queryApi.requests).toHaveLength(3);
    expect(new Set(queryApi.requests.map((r) => r.body.query))).toEqual(
      new Set([`filedAt:["${day[0].filedAt}" TO *]`]),
    );
  });

  it('starts a backfill the overlap margin below the stored point', async () => {
    const sim = await simulate({ limit: 1 });
    const stored = '2020-01-03T10:00:30-05:00';
    const events = source(sim, {
      lastFiledAt: () => Promise.resolve(stored),
      backfillOverlapMs: 90_000,
    });
    await events.waitFor((e) => count(e, 'backfilled') === 1);
    expect(queryApi.requests[0].body.query).toBe(
      'filedAt:["2020-01-03T09:59:00-05:00" TO *]',
    );
  });

  it('backfills again what the consumer reports dropped, with the socket still open', async () => {
    queryApi.filings = day.slice(0, 30);
    const dropped = new Subject<readonly Filing[]>();
    const sim = await simulate({ rate: 200, limit: 30 });
    let lost: readonly Filing[] = [];
    // Like the publish pipeline: the drop is reported while the filings are handed on.
    const consumer = secApiSource({
      apiKey: KEY,
      streamUrl: sim.url,
      queryApiUrl: queryApi.url,
      retry: fast,
      backfillRetry: fast,
      backfillOverlapMs: 0,
      dropped,
    }).pipe(
      tap((event) => {
        if (event.kind !== 'filings' || lost.length > 0) return;
        if (filingsOf(run?.values ?? []).length < 5) return;
        lost = event.filings;
        dropped.next(lost);
      }),
    );
    const events = (run = collect(consumer));
    await events.waitFor((e) => count(e, 'backfilled') === 1);
    expect(queryApi.requests[0].body.query).toBe(
      `filedAt:["${lost[0].filedAt}" TO *]`,
    );
    expect(count(events.values, 'open')).toBe(1);
  });

  it('terminates a half-open upstream after silenceTimeoutMs and reconnects', async () => {
    const sim = await simulate({ rate: 200, limit: 1000 });
    const events = source(sim, { silenceTimeoutMs: 150 });
    await events.waitFor((e) => filingsOf(e).length >= 3);
    sim.freeze();
    await events.waitFor((e) => count(e, 'open') === 2, 3000);
    const errors = errorsOf(events.values);
    expect(errors.map((e) => e.code)).toContain('SILENCE_TIMEOUT');
    expect(statesOf(events.values).map((s) => s.state)).toEqual(
      expect.arrayContaining(['closed', 'retry']),
    );
    sim.thaw();
    const seen = filingsOf(events.values).length;
    await events.waitFor((e) => filingsOf(e).length > seen);
  });

  it('never lets the API key into an event, whatever fails', async () => {
    queryApi.fault = () => ({
      status: 401,
      body: `bad key ${KEY} / ${encodeURIComponent(KEY)}`,
    });
    const sim = await simulate({
      limit: 5,
      faults: { malformedEvery: 1, binaryEvery: 2 },
    });
    const good = source(sim, {
      lastFiledAt: () => Promise.resolve(day[0].filedAt),
    });
    await good.waitFor(
      (e) => errorsOf(e).length >= 1 && filingsOf(e).length >= 5,
    );
    sim.dropAll();
    await good.waitFor(
      (e) => count(e, 'open') === 2 && errorsOf(e).length >= 2,
    );
    const wrongKey = `${KEY}-revoked`;
    const refused = collect(
      secApiSource({
        apiKey: wrongKey,
        streamUrl: sim.url,
        queryApiUrl: queryApi.url,
        retry: fast,
      }),
    );
    await refused.waitFor((e) => count(e, 'retry') >= 2);
    refused.subscription.unsubscribe();
    expect(errorsOf(refused.values)[0]).toMatchObject({
      code: 'HANDSHAKE_FAILED',
    });
    const text = JSON.stringify([...good.values, ...refused.values]);
    for (const secret of [
      KEY,
      encodeURIComponent(KEY),
      wrongKey,
      encodeURIComponent(wrongKey),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('closes the socket on unsubscribe', async () => {
    const sim = await simulate({ rate: 50 });
    const events = source(sim);
    await waitUntil(
      () => sim.stats().connections === 1,
      'one upstream connection',
    );
    await events.waitFor((e) => filingsOf(e).length >= 1);
    events.subscription.unsubscribe();
    await waitUntil(
      () => sim.stats().connections === 0,
      'no upstream connection',
    );
  });

  it('validates its options, naming the bad one and never echoing the key', () => {
    expect(() => secApiSource({ apiKey: ' ' })).toThrow(/apiKey is required/);
    const bad: Array<[Partial<SecApiSourceOptions>, RegExp]> = [
      [{ streamUrl: 'https://stream.sec-api.io' }, /streamUrl/],
      [{ streamUrl: `wss://stream.sec-api.io?apiKey=${KEY}` }, /streamUrl/],
      [{ queryApiUrl: 'wss://api.sec-api.io' }, /queryApiUrl/],
      [{ silenceTimeoutMs: 0 }, /silenceTimeoutMs/],
      [{ backfillPageSize: 100 }, /backfillPageSize/],
      [{ backfillRequestTimeoutMs: -1 }, /backfillRequestTimeoutMs/],
      [{ retry: { minDelayMs: 0 } }, /retry: .*minDelayMs/],
    ];
    for (const [options, message] of bad) {
      const attempt = () => secApiSource({ apiKey: KEY, ...options });
      expect(attempt).toThrow(message);
      expect(attempt).not.toThrow(KEY);
    }
  });
});
