import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';
import { BROWSER_STORAGE, readJson, writeJson } from './browser-storage';

/** `system` follows prefers-color-scheme; the others override it. */
export type Theme = 'system' | 'light' | 'dark';

const THEME_KEY = 'secfeed.theme';
const ORDER: readonly Theme[] = ['system', 'dark', 'light'];

/** The colour theme, remembered, applied as `data-theme` on `<html>` (read by styles.css). */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly themeState = signal<Theme>(
    ORDER.find(
      (theme) => theme === readJson<unknown>(this.storage, THEME_KEY, 'system'),
    ) ?? 'system',
  );
  readonly theme = this.themeState.asReadonly();

  constructor() {
    const root = inject(DOCUMENT).documentElement;
    effect(() => {
      const theme = this.themeState();
      if (theme === 'system') root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', theme);
    });
  }

  /** System → dark → light → system. */
  cycle(): void {
    const next = ORDER[(ORDER.indexOf(this.themeState()) + 1) % ORDER.length];
    this.themeState.set(next);
    writeJson(this.storage, THEME_KEY, next);
  }
}
