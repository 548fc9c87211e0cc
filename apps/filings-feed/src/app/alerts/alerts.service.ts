import { Injectable, inject, signal } from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import {
  BROWSER_STORAGE,
  readJson,
  writeJson,
} from '../shared/browser-storage';
import { insightsOf } from '../shared/filing-insights-of';
import { filingSummary } from '../shared/filing-summary';
import { DESKTOP_ALERTS } from './desktop-alerts';
import { Watchlist } from './watchlist.service';

/** An in-app alert about one watched filing. */
export interface Toast {
  readonly id: string;
  readonly filing: Filing;
  readonly text: string;
}

/** How long a toast stays, in ms. */
export const TOAST_MS = 10_000;
/** Most toasts shown at once; older ones give way. */
export const MAX_TOASTS = 4;
const DESKTOP_KEY = 'secfeed.desktopAlerts';

/**
 * Alerts for watched tickers and CIKs: a toast for every matching live filing, plus a desktop
 * notification and a beep once the user has turned desktop alerts on and the browser allows it.
 * Bounded however many watched filings arrive: at most {@link MAX_TOASTS} toasts, each with
 * one timer that goes when the toast goes.
 */
@Injectable({ providedIn: 'root' })
export class Alerts {
  private readonly watchlist = inject(Watchlist);
  private readonly desktop = inject(DESKTOP_ALERTS);
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly toastsState = signal<readonly Toast[]>([]);
  /** The dismiss timer of each toast shown, by toast id. */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly desktopState = signal(
    readJson<unknown>(this.storage, DESKTOP_KEY, false) === true,
  );

  readonly toasts = this.toastsState.asReadonly();
  /** Whether the user turned desktop alerts (notification and sound) on. */
  readonly desktopEnabled = this.desktopState.asReadonly();

  /**
   * Raises the alerts for a live filing when it is on the watchlist (and passes its alert
   * filters, if any). Called again when its insights arrive: the toast (same id) then says what
   * the filing says.
   */
  consider(filing: Filing): void {
    if (!this.watchlist.alerts(filing)) return;
    const who = filing.ticker || `CIK ${filing.cik}`;
    const said = insightsOf(filing) ? filingSummary(filing) : '';
    const text = `${filing.formType} from ${who}: ${said || filing.companyName}`;
    const toast: Toast = { id: filing.accessionNo, filing, text };
    const shown = this.toastsState().filter((t) => t.id !== toast.id);
    const kept = [...shown, toast].slice(-MAX_TOASTS);
    for (const old of shown) if (!kept.includes(old)) this.stopTimer(old.id);
    this.stopTimer(toast.id);
    this.timers.set(
      toast.id,
      setTimeout(() => this.dismiss(toast.id), TOAST_MS),
    );
    this.toastsState.set(kept);
    if (this.desktopState() && this.desktop.permission() === 'granted') {
      this.desktop.show(
        `secfeed: ${filing.formType} ${who}`,
        text,
        filing.accessionNo,
      );
      this.desktop.beep();
    }
  }

  dismiss(id: string): void {
    this.stopTimer(id);
    this.toastsState.update((toasts) =>
      toasts.filter((toast) => toast.id !== id),
    );
  }

  private stopTimer(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** Turns desktop alerts on (asking the browser) or off; remembered between visits. */
  async setDesktop(enabled: boolean): Promise<void> {
    const allowed =
      enabled &&
      (this.desktop.permission() === 'granted' ||
        (await this.desktop.requestPermission()) === 'granted');
    this.desktopState.set(allowed);
    writeJson(this.storage, DESKTOP_KEY, allowed);
  }
}
