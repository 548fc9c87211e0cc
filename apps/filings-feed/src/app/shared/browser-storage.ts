import { InjectionToken } from '@angular/core';

/** The slice of the Storage API the dashboard uses. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * `localStorage`, or an in-memory stand-in where it is unavailable (private modes that throw,
 * or no window), so remembering preferences never breaks the app.
 */
export const BROWSER_STORAGE = new InjectionToken<KeyValueStorage>(
  'BROWSER_STORAGE',
  { providedIn: 'root', factory: () => safeLocalStorage() },
);

function safeLocalStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    storage.getItem('secfeed.probe');
    return storage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
    };
  }
}

/** Reads JSON stored under `key`, or `fallback` when it is missing or unreadable. */
export function readJson<T>(
  storage: KeyValueStorage,
  key: string,
  fallback: T,
): T {
  try {
    const text = storage.getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

/** Writes JSON under `key`; a full or refused storage is ignored (preferences are optional). */
export function writeJson(
  storage: KeyValueStorage,
  key: string,
  value: unknown,
): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the app keeps working without memory.
  }
}
