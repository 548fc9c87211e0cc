import { Injectable, inject, signal } from '@angular/core';
import type { Filing } from '@secfeed/filing-model';
import {
  BROWSER_STORAGE,
  readJson,
  writeJson,
} from '../shared/browser-storage';
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
 */
@Injectable({ providedIn: 'root' })
export class Alerts {
  private readonly watchlist = inject(Watchlist);
  private readonly desktop = inject(DESKTOP_ALERTS);
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly toastsState = signal<readonly Toast[]>([]);
  private readonly desktopState = signal(
    readJson<unknown>(this.storage, DESKTOP_KEY, false) === true,
  );

  readonly toasts = this.toastsState.asReadonly();
  /** Whether the user turned desktop alerts (notification and sound) on. */
  readonly desktopEnabled = this.desktopState.asReadonly();

  /** Raises the alerts for a live filing when it is on the watchlist. */
  consider(filing: Filing): void {
    if (!this.watchlist.matches(filing)) return;
    const who = filing.ticker || `CIK ${filing.cik}`;
    const text = `${filing.formType} from ${who}: ${filing.companyName}`;
    const toast: Toast = { id: filing.accessionNo, filing, text };
    this.toastsState.update((toasts) => [...toasts, toast].slice(-MAX_TOASTS));
    setTimeout(() => this.dismiss(toast.id), TOAST_MS);
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
    this.toastsState.update((toasts) =>
      toasts.filter((toast) => toast.id !== id),
    );
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
