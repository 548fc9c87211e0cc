import type {
  Browser,
  BrowserContext,
  Locator,
  Page,
  WebSocket as PageWebSocket,
} from 'playwright-core';

/** One WebSocket frame the page sent or received, parsed. */
export interface WsFrame {
  /** Which socket of the page (0 = the first connection, 1 = after the first reconnect...). */
  readonly socket: number;
  readonly direction: 'sent' | 'received';
  readonly message: Record<string, unknown>;
}

/** A filing as the gateway sends it (the fields these tests read). */
export interface WireFiling {
  readonly accessionNo: string;
  readonly formType: string;
  readonly ticker: string;
  readonly cik: string;
  readonly companyName: string;
  readonly filedAt: string;
}

/** One `GET /api/filings` the page made, with its answer. */
export interface HistoryCall {
  readonly url: URL;
  readonly status: number;
  readonly filings: readonly WireFiling[];
  readonly next: string | null;
  /** The `Stream-Position` header (the newest page only), or `null`. */
  readonly position: string | null;
}

/** A row as rendered in the virtual list. */
export interface RenderedRow {
  readonly accessionNo: string;
  readonly formType: string;
  /** The ticker, or '' for the dash shown when the filer has none. */
  readonly ticker: string;
}

/**
 * The dashboard in one fresh browser context (own localStorage), with everything that crosses
 * the wire recorded: WebSocket frames both ways and the history requests with their answers.
 */
export class Dashboard {
  readonly frames: WsFrame[] = [];
  readonly history: HistoryCall[] = [];
  readonly pageErrors: string[] = [];
  private sockets = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('pageerror', (error) => this.pageErrors.push(String(error)));
    page.on('websocket', (ws) => this.record(ws));
  }

  /**
   * Records what the app's history requests answered, exactly as the app reads it: the page's
   * `fetch` (Angular's HttpClient uses it, `withFetch()`) is wrapped so that each
   * `/api/filings` answer is read once, handed to the test, and given to the app as the same
   * bytes. (Reading bodies through DevTools loses some: Angular aborts its fetch on teardown,
   * after reading, and DevTools then drops the body; a clone's read is aborted likewise.)
   */
  private async recordHistory(): Promise<void> {
    await this.page.exposeBinding(
      '__e2eHistory',
      (
        _source,
        url: string,
        status: number,
        text: string,
        position: string | null,
      ) => {
        let body: { filings?: WireFiling[]; next?: string | null } = {};
        try {
          body = JSON.parse(text) as typeof body;
        } catch {
          // An error page: kept with no filings.
        }
        this.history.push({
          url: new URL(url),
          status,
          filings: body.filings ?? [],
          next: body.next ?? null,
          position,
        });
      },
    );
    await this.page.addInitScript(() => {
      const original = window.fetch.bind(window);
      const report = (
        url: string,
        status: number,
        text: string,
        position: string | null,
      ) =>
        (
          window as unknown as {
            __e2eHistory: (
              url: string,
              status: number,
              text: string,
              position: string | null,
            ) => void;
          }
        ).__e2eHistory(url, status, text, position);
      window.fetch = async (input, init) => {
        const response = await original(input, init);
        const url = new URL(
          input instanceof Request ? input.url : String(input),
          location.href,
        );
        if (url.pathname !== '/api/filings') return response;
        // Read once, report, and hand the app the very same bytes.
        const text = await response.text();
        report(
          url.href,
          response.status,
          text,
          response.headers.get('stream-position'),
        );
        return new Response(text, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      };
    });
  }

  /** Opens `path` (e.g. `/?tickers=JPM`) of the gateway at `baseUrl`. */
  static async open(
    browser: Browser,
    baseUrl: string,
    path = '/',
    options: {
      colorScheme?: 'light' | 'dark';
      /** Runs before the page loads, e.g. to route its WebSocket. */
      beforeLoad?: (dashboard: Dashboard) => Promise<void>;
    } = {},
  ): Promise<Dashboard> {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1280, height: 860 },
      colorScheme: options.colorScheme ?? 'light',
      locale: 'en-US',
    });
    const page = await context.newPage();
    const dashboard = new Dashboard(context, page);
    await dashboard.recordHistory();
    await options.beforeLoad?.(dashboard);
    await page.goto(path);
    return dashboard;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** The connection status (`live`, `connecting`, `reconnecting`, `offline`). */
  status(): Promise<string | null> {
    return this.byTestId('connection-status').getAttribute('data-status');
  }

  /** How many rows the list holds (the "N filings" meta), rendered or not. */
  async rowCount(): Promise<number> {
    const text = (await this.byTestId('row-count').textContent()) ?? '';
    const match = /([\d,]+) filings?/.exec(text);
    if (!match) throw new Error(`row-count reads "${text}"`);
    return Number(match[1].replace(/,/g, ''));
  }

  /** The rows the virtual list has rendered now, top to bottom. */
  renderedRows(): Promise<RenderedRow[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="filing-row"]')]
        .map((row) => ({
          top: row.getBoundingClientRect().top,
          accessionNo: row.getAttribute('data-accession') ?? '',
          formType:
            row
              .querySelector('[data-testid="form-badge"]')
              ?.textContent?.trim() ?? '',
          ticker: (
            row.querySelector('[data-testid="row-ticker"]')?.textContent ?? ''
          )
            .trim()
            .replace(/^—$/, ''),
        }))
        .sort((a, b) => a.top - b.top)
        .map(({ accessionNo, formType, ticker }) => ({
          accessionNo,
          formType,
          ticker,
        })),
    );
  }

  /** Every message of a type, in the order it crossed the wire. */
  messages(
    direction: 'sent' | 'received',
    type: string,
    fromIndex = 0,
  ): Array<WsFrame & { index: number }> {
    const key = direction === 'sent' ? 'action' : 'type';
    return this.frames
      .map((frame, index) => ({ ...frame, index }))
      .slice(fromIndex)
      .filter(
        (frame) => frame.direction === direction && frame.message[key] === type,
      );
  }

  /** The filings the socket delivered (`sec_filing`), in order, from frame `fromIndex` on. */
  liveFilings(fromIndex = 0): WireFiling[] {
    return this.messages('received', 'sec_filing', fromIndex).map(
      (frame) => frame.message['data'] as WireFiling,
    );
  }

  /**
   * Scrolls to the end of the list until the app has loaded every older page (the last
   * history answer has `next: null`) and is not loading. Rows of the second where one page
   * ends and the next begins interleave by accession number, so the list must be complete
   * before it is walked.
   */
  async loadAllHistory(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.evaluate(() => {
        const list = document.querySelector('[data-testid="filing-list"]');
        if (list) list.scrollTop = list.scrollHeight;
      });
      await this.byTestId('loading').waitFor({ state: 'detached' });
      const last = this.history[this.history.length - 1];
      if (last && last.next === null) return;
      if (Date.now() > deadline)
        throw new Error(`history still has pages after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Scrolls the whole virtual list from top to bottom and returns every row's accession number
   * in list order. Rows are placed by their offset in the scrolled content (56 px each), so a
   * row seen twice while scrolling is counted once, and two rows with the same accession number
   * at different places are both kept (for the caller to catch as a duplicate). The list must
   * hold still meanwhile: a row that changes place fails the walk.
   */
  async walkAllRows(): Promise<string[]> {
    const walk = await this.page.evaluate(async () => {
      const viewport = document.querySelector(
        '[data-testid="filing-list"]',
      ) as HTMLElement;
      const frame = () =>
        new Promise<void>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
        );
      const seen: Record<number, string> = {};
      const conflicts: string[] = [];
      const read = () => {
        const origin =
          viewport.getBoundingClientRect().top - viewport.scrollTop;
        for (const row of viewport.querySelectorAll(
          '[data-testid="filing-row"]',
        )) {
          const index = Math.round(
            (row.getBoundingClientRect().top - origin) / 56,
          );
          const accession = row.getAttribute('data-accession') ?? '';
          if (seen[index] !== undefined && seen[index] !== accession)
            conflicts.push(`${index}: ${seen[index]} then ${accession}`);
          seen[index] = accession;
        }
      };
      viewport.scrollTop = 0;
      await frame();
      for (let step = 0; step < 10_000; step++) {
        read();
        if (
          viewport.scrollTop + viewport.clientHeight >=
          viewport.scrollHeight - 1
        )
          break;
        viewport.scrollTop += Math.max(56, viewport.clientHeight - 112);
        await frame();
      }
      return { seen, conflicts };
    });
    if (walk.conflicts.length)
      throw new Error(
        `rows moved while the list was walked: ${walk.conflicts.slice(0, 5).join('; ')}`,
      );
    return Object.keys(walk.seen)
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => walk.seen[index]);
  }

  private record(ws: PageWebSocket): void {
    if (!new URL(ws.url()).pathname.endsWith('/ws')) return;
    const socket = this.sockets++;
    const push = (direction: 'sent' | 'received', payload: string | Buffer) => {
      try {
        const message = JSON.parse(String(payload)) as Record<string, unknown>;
        this.frames.push({ socket, direction, message });
      } catch {
        // Not JSON: the gateway only sends JSON; nothing to record.
      }
    };
    ws.on('framesent', (frame) => push('sent', frame.payload));
    ws.on('framereceived', (frame) => push('received', frame.payload));
  }
}

/** Whether a filing's form type is one of `forms` or an amendment of one (`8-K/A`). */
export function formMatches(
  formType: string,
  forms: readonly string[],
): boolean {
  const upper = formType.toUpperCase();
  return forms.some((form) => upper === form || upper === `${form}/A`);
}
