import { useSyncExternalStore } from 'react';

/**
 * Large-text mode (适老化): the whole app drawn a quarter larger — text, buttons and the
 * gaps between them alike, so nothing overlaps — chosen once and remembered on the device.
 * Each app's CSS says how large (`html[data-large-text]`); this keeps the choice.
 */
const STORAGE_KEY = 'yiwang.largeText';
const listeners = new Set<() => void>();

export function isLargeText(): boolean {
  return document.documentElement.hasAttribute('data-large-text');
}

export function setLargeText(on: boolean): void {
  document.documentElement.toggleAttribute('data-large-text', on);
  try {
    if (on) localStorage.setItem(STORAGE_KEY, '1');
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked: the mode then lasts for this visit only.
  }
  for (const listener of listeners) listener();
}

/** At start, before the first paint: the mode as chosen last time on this device. */
export function applyStoredLargeText(): void {
  let on = false;
  try {
    on = localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    // Blocked storage: the default size.
  }
  document.documentElement.toggleAttribute('data-large-text', on);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useLargeText(): [boolean, (on: boolean) => void] {
  return [useSyncExternalStore(subscribe, isLargeText, () => false), setLargeText];
}
