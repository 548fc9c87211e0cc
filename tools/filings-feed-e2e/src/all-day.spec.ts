/**
 * The dashboard kept open all day: several gateway outages (a crash, a clean shutdown) and days
 * of filings replayed fast, while the page runs unattended. It must come back by itself after
 * every outage (no give-up, however many attempts fail), resume exactly where it left off, and
 * hold a bounded heap and row count however much it has seen.
 *
 * Time is compressed twice: the simulator sends the replayed EDGAR day (4,655 filings) in about
 * 31 s, and the page's own clock (playwright's `page.clock`) is moved past each reconnect wait
 * instead of sitting through it, as a laptop lid closed for a while would.
 */
import type { CDPSession, WebSocket as PageWebSocket } from 'playwright-core';
import { Dashboard } from './test-support/dashboard';
import { eventually } from './test-support/eventually';
import {
  startProductStack,
  type ProductStack,
} from './test-support/product-stack';

/** Filings per second: a replayed EDGAR day every ~31 s. */
const RATE = 150;
/** The page's row bound for this test (`secfeed-max-rows`), so that it is reached in seconds. */
const MAX_ROWS = 2000;
/** Failed attempts in a row after which the page used to go offline until Retry was clicked. */
const OLD_GIVE_UP = 15;
/** The reconnect backoff's cap: no countdown may show more. */
const CAP_S = 30;
/** The virtual list renders the rows in view plus a buffer; far below any real row count. */
const MAX_DOM_ROWS = 60;
/** Heap growth allowed after the bound is reached (GC timing, JIT code): no per-filing growth. */
const HEAP_SLACK_MIB = 2;

/** What the page holds at one moment. */
interface Sample {
  readonly label: string;
  /** Live filings the page had received (over every socket). */
  readonly received: number;
  /** The row count the page shows. */
  readonly rows: number;
  /** Rows in the DOM, and all elements. */
  readonly domRows: number;
  readonly elements: number;
  /** JS heap after a full GC, MiB. */
  readonly heapMiB: number;
}

describe('the dashboard kept open all day', () => {
  let stack: ProductStack;
  let dashboard: Dashboard | undefined;

  beforeAll(async () => {
    stack = await startProductStack({ label: 'e2e-all-day', rate: RATE });
  }, 90_000);

  afterAll(async () => {
    await dashboard?.close().catch(() => undefined);
    await stack?.close();
  }, 60_000);

  it('comes back by itself after every gateway outage, and its heap and rows stay bounded over two days of filings', async () => {
    const attempts: PageWebSocket[] = [];
    dashboard = await Dashboard.open(stack.browser, stack.baseUrl, '/', {
      beforeLoad: async ({ page }) => {
        page.on('websocket', (ws) => attempts.push(ws));
        // The page's timers and Date, under the test's control from the start (flowing
        // normally until moved forward).
        await page.clock.install();
        // The deployment's bound, as an operator sets it in index.html: the tag joins the
        // head as soon as the parser creates it, before the app starts. (Serving a rewritten
        // index.html through page.route would make Chromium treat the page as public and block
        // its socket to 127.0.0.1: local network access checks.)
        await page.addInitScript((maxRows) => {
          new MutationObserver((_, observer) => {
            if (!document.head) return;
            const meta = document.createElement('meta');
            meta.name = 'secfeed-max-rows';
            meta.content = String(maxRows);
            document.head.append(meta);
            observer.disconnect();
          }).observe(document, { childList: true, subtree: true });
        }, MAX_ROWS);
      },
    });
    const page = dashboard.page;
    const view = dashboard;
    const cdp = await dashboard.context.newCDPSession(page);
    const samples: Sample[] = [];
    const sample = async (label: string): Promise<Sample> => {
      const taken: Sample = {
        label,
        received: view.liveFilings().length,
        rows: await view.rowCount(),
        ...(await page.evaluate(() => ({
          domRows: document.querySelectorAll('[data-testid="filing-row"]')
            .length,
          elements: document.getElementsByTagName('*').length,
        }))),
        heapMiB: await heapMiB(cdp),
      };
      samples.push(taken);
      return taken;
    };

    /**
     * One outage: the gateway stops; the page counts down (never more than the cap) and tries
     * again, `failures` times in a row (the page's clock moved past each wait); the gateway
     * comes back; the page is live again by itself and resumes with `since`.
     */
    const outage = async (signal: 'SIGTERM' | 'SIGKILL', failures: number) => {
      await stack.stopGateway(signal);
      await eventually('the page to notice the outage', async () =>
        expect(await view.status()).toBe('reconnecting'),
      );
      for (let failed = 0; failed < failures; failed += 1) {
        await eventually(`a countdown after failure ${failed}`, async () => {
          const text = (
            (await view.byTestId('connection-text').textContent()) ?? ''
          ).trim();
          const seconds = Number(/^Reconnecting in (\d+) s$/.exec(text)?.[1]);
          expect(seconds).toBeGreaterThanOrEqual(0);
          expect(seconds).toBeLessThanOrEqual(CAP_S);
        });
        expect(await view.byTestId('reconnect-now').isVisible()).toBe(true);
        const before = attempts.length;
        await page.clock.fastForward((CAP_S + 1) * 1000);
        await eventually(`attempt ${failed + 1} to fail`, () => {
          expect(attempts).toHaveLength(before + 1);
          expect(attempts[before].isClosed()).toBe(true);
        });
      }
      expect(await view.status()).toBe('reconnecting');

      await stack.startGateway();
      await page.clock.fastForward((CAP_S + 1) * 1000);
      await eventually('live again, by itself', async () =>
        expect(await view.status()).toBe('live'),
      );
      // The resume: the new socket's subscription starts after the last filing received.
      const resumed = view.messages('sent', 'subscribe_sec_filings').at(-1);
      const lastBefore = view.frames
        .slice(0, resumed?.index)
        .filter((frame) => frame.message['type'] === 'sec_filing')
        .at(-1);
      expect(resumed?.message['since']).toBe(lastBefore?.message['position']);
      await eventually('the resume to be acknowledged', () => {
        const ack = view
          .messages('received', 'subscribed')
          .find((frame) => frame.socket === resumed?.socket);
        expect(ack?.message['recovered']).toBe(true);
      });
    };

    await eventually('the status to turn live', async () =>
      expect(await view.status()).toBe('live'),
    );
    await eventually('live filings', () =>
      expect(view.liveFilings().length).toBeGreaterThan(50),
    );

    // 1. A crash, down through more failed attempts than the page used to allow.
    await outage('SIGKILL', OLD_GIVE_UP + 5);
    await eventually(
      `the list to reach its bound of ${MAX_ROWS} rows`,
      async () => expect(await view.rowCount()).toBe(MAX_ROWS),
      60_000,
      250,
    );
    const atBound = await sample('bound reached');

    // 2. A clean shutdown (close 1001) a moment later, 3. another crash a day later.
    await outage('SIGTERM', 3);
    const day = stack.day.length;
    const filingsDay = async (days: number, label: string) => {
      await eventually(
        `${days} EDGAR day(s) of filings after the bound (${days * day})`,
        () =>
          expect(view.liveFilings().length).toBeGreaterThanOrEqual(
            atBound.received + days * day,
          ),
        90_000,
        500,
      );
      return sample(label);
    };
    await filingsDay(1, 'one day later');
    await outage('SIGKILL', 3);
    await filingsDay(2, 'two days later');

    // Everything settled: the simulator stops, the last filing sent reaches the page.
    stack.sim.freeze();
    const sent = stack.sim.sent();
    const lastSent = sent[sent.length - 1];
    await eventually(
      'the last filing sent to reach the page',
      () => expect(view.liveFilings().at(-1)?.accessionNo).toBe(lastSent),
      60_000,
    );
    const end = await sample('end');
    console.log(
      `all-day dashboard (${sent.length} filings sent, ${attempts.length} sockets opened):\n` +
        samples
          .map(
            (s) =>
              `  ${s.label}: ${s.received} received, ${s.rows} rows, ${s.domRows} rows in the DOM, ` +
              `${s.elements} elements, heap ${s.heapMiB.toFixed(1)} MiB`,
          )
          .join('\n'),
    );

    // Every live filing arrived once, across four sockets and three outages.
    const live = view.liveFilings().map((filing) => filing.accessionNo);
    expect(new Set(live).size).toBe(live.length);
    expect(end.received).toBeGreaterThanOrEqual(atBound.received + 2 * day);
    // Bounded: the rows stay at the bound, the DOM and the heap stay where they were when it
    // was reached, although the page has since received two EDGAR days (4.6 x the bound).
    // (When row views pinned old versions of the list, each day added 3 to 5 MiB.)
    for (const taken of samples) {
      expect(taken.rows).toBe(MAX_ROWS);
      expect(taken.domRows).toBeLessThanOrEqual(MAX_DOM_ROWS);
      expect(taken.elements).toBeLessThanOrEqual(atBound.elements + 100);
      expect(taken.heapMiB).toBeLessThanOrEqual(
        atBound.heapMiB + HEAP_SLACK_MIB,
      );
    }
    // Still a working list: the newest filing on top (newest filedAt, then accession number,
    // as the list orders them; many share a second here), no error in the page.
    const newest = view
      .liveFilings()
      .map((f) => ({ at: Date.parse(f.filedAt), accessionNo: f.accessionNo }))
      .reduce((a, b) =>
        b.at > a.at || (b.at === a.at && b.accessionNo > a.accessionNo) ? b : a,
      );
    const [top] = await view.renderedRows();
    expect(top.accessionNo).toBe(newest.accessionNo);
    expect(view.pageErrors).toEqual([]);
  }, 240_000);
});

/** The page's JS heap after a full garbage collection, in MiB (CDP). */
async function heapMiB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 2 ** 20;
}
