import { TestBed } from '@angular/core/testing';
import { makeFiling } from '@secfeed/filing-model/testing';
import { BROWSER_STORAGE } from '../shared/browser-storage';
import { Alerts, MAX_TOASTS, TOAST_MS } from './alerts.service';
import { DESKTOP_ALERTS, type DesktopAlerts } from './desktop-alerts';
import {
  WATCHLIST_STORAGE_KEY,
  Watchlist,
  describeAlertFilters,
} from './watchlist.service';
import { EMPTY_FILTERS } from '../filters/feed-filters';
import { withInsights } from '../shared/filing-insights-of';
import { CFO_SALE, DIRECTOR_BUY } from '../test-support/insights';

describe('Alerts and Watchlist', () => {
  let memory: Map<string, string>;
  let desktop: jest.Mocked<DesktopAlerts>;
  let permission: NotificationPermission;

  function setup() {
    TestBed.configureTestingModule({
      providers: [
        {
          provide: BROWSER_STORAGE,
          useValue: {
            getItem: (k: string) => memory.get(k) ?? null,
            setItem: (k: string, v: string) => memory.set(k, v),
          },
        },
        { provide: DESKTOP_ALERTS, useValue: desktop },
      ],
    });
    return {
      alerts: TestBed.inject(Alerts),
      watchlist: TestBed.inject(Watchlist),
    };
  }

  beforeEach(() => {
    jest.useFakeTimers();
    memory = new Map();
    permission = 'default';
    desktop = {
      permission: jest.fn(() => permission),
      requestPermission: jest.fn(async () => (permission = 'granted')),
      show: jest.fn(),
      beep: jest.fn(),
    };
  });

  afterEach(() => jest.useRealTimers());

  it('remembers starred tickers and CIKs, and matches CIKs as numbers', () => {
    const { watchlist } = setup();
    watchlist.toggleTicker('aapl');
    watchlist.toggleCik('0000320193');
    expect(JSON.parse(memory.get(WATCHLIST_STORAGE_KEY) ?? '')).toEqual({
      tickers: ['AAPL'],
      ciks: ['320193'],
    });
    expect(watchlist.matches({ ticker: '', cik: '320193' })).toBe(true);
    watchlist.toggleTicker('AAPL');
    expect(watchlist.matches({ ticker: 'AAPL', cik: '1' })).toBe(false);
  });

  it('raises a toast for a watched filing that goes away by itself', () => {
    const { alerts, watchlist } = setup();
    watchlist.toggleCik('1999999');
    alerts.consider(makeFiling({ ticker: '', formType: '4' }));
    expect(alerts.toasts().map((t) => t.text)).toEqual([
      '4 from CIK 1999999: Acme Corp',
    ]);
    expect(desktop.show).not.toHaveBeenCalled();
    jest.advanceTimersByTime(TOAST_MS);
    expect(alerts.toasts()).toEqual([]);
  });

  it('keeps at most a few toasts', () => {
    const { alerts, watchlist } = setup();
    watchlist.toggleTicker('ACME');
    for (let i = 0; i < MAX_TOASTS + 2; i += 1) alerts.consider(makeFiling());
    expect(alerts.toasts()).toHaveLength(MAX_TOASTS);
  });

  it('holds one timer per toast shown, however many watched filings arrive in a burst', () => {
    const { alerts, watchlist } = setup();
    watchlist.toggleTicker('ACME');
    const burst = Array.from({ length: 1000 }, () => makeFiling());
    for (const filing of burst) alerts.consider(filing);
    expect(alerts.toasts().map((t) => t.id)).toEqual(
      burst.slice(-MAX_TOASTS).map((f) => f.accessionNo),
    );
    expect(jest.getTimerCount()).toBe(MAX_TOASTS);
    alerts.dismiss(burst[burst.length - 1].accessionNo);
    expect(jest.getTimerCount()).toBe(MAX_TOASTS - 1);
    // The same filing again (a replay) moves its toast instead of doubling it.
    alerts.consider(burst[burst.length - 2]);
    expect(alerts.toasts()).toHaveLength(MAX_TOASTS - 1);
    expect(jest.getTimerCount()).toBe(MAX_TOASTS - 1);
    jest.advanceTimersByTime(TOAST_MS);
    expect(alerts.toasts()).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('adds a desktop notification and a beep once the user allowed them', async () => {
    const { alerts, watchlist } = setup();
    watchlist.toggleTicker('ACME');
    await alerts.setDesktop(true);
    expect(desktop.requestPermission).toHaveBeenCalled();
    expect(alerts.desktopEnabled()).toBe(true);
    const filing = makeFiling();
    alerts.consider(filing);
    expect(desktop.show).toHaveBeenCalledWith(
      'secfeed: 8-K ACME',
      expect.stringContaining('Acme Corp'),
      filing.accessionNo,
    );
    expect(desktop.beep).toHaveBeenCalledTimes(1);
  });

  it('stays quiet on the desktop when the browser refuses permission', async () => {
    desktop.requestPermission.mockResolvedValue('denied');
    const { alerts, watchlist } = setup();
    watchlist.toggleTicker('ACME');
    await alerts.setDesktop(true);
    expect(alerts.desktopEnabled()).toBe(false);
    alerts.consider(makeFiling());
    expect(desktop.beep).not.toHaveBeenCalled();
    expect(alerts.toasts()).toHaveLength(1);
  });

  it('narrows alerts to watched filings whose insights pass the alert filters, remembered', () => {
    const { alerts, watchlist } = setup();
    watchlist.toggleTicker('ACME');
    watchlist.setAlertFilters({
      ...EMPTY_FILTERS,
      tickers: ['IGNORED'],
      transactionCodes: ['P'],
      minTransactionValue: 100_000,
    });
    const filing = makeFiling({ ticker: 'ACME', formType: '4' });
    alerts.consider(filing);
    alerts.consider(withInsights(filing, CFO_SALE));
    expect(alerts.toasts()).toEqual([]);
    const buy = withInsights(
      makeFiling({ ticker: 'ACME', formType: '4' }),
      DIRECTOR_BUY,
    );
    alerts.consider(buy);
    expect(alerts.toasts().map((t) => t.text)).toEqual([
      '4 from ACME: Director bought 5,000 sh at $25.00 ($125k)',
    ]);
    const alert = watchlist.alertFilters();
    expect(alert && describeAlertFilters(alert)).toBe('codes P · ≥ $100,000');
    expect(JSON.parse(memory.get(WATCHLIST_STORAGE_KEY) ?? '')).toEqual({
      tickers: ['ACME'],
      ciks: [],
      alertFilters: { codes: 'P', minvalue: '100000' },
    });

    // A new page reads them back; clearing them alerts on every watched filing again.
    TestBed.resetTestingModule();
    const again = setup();
    expect(again.watchlist.alertFilters()?.transactionCodes).toEqual(['P']);
    again.watchlist.setAlertFilters(null);
    again.alerts.consider(filing);
    expect(again.alerts.toasts()).toHaveLength(1);
  });

  it('sets no alert filters from filters without insight filters', () => {
    const { watchlist } = setup();
    watchlist.setAlertFilters({ ...EMPTY_FILTERS, tickers: ['ACME'] });
    expect(watchlist.alertFilters()).toBeNull();
  });
});
