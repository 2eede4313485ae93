import { useEffect } from 'react';
import { createStore, useStore } from '../shell/store';

export interface Fix {
  lon: number;
  lat: number;
  accuracyM: number | null;
  /** ISO time of the fix (the phone's clock). */
  at: string;
}

export interface PositionState {
  fix: Fix | null;
  /** Why there is no position (permission denied, no signal), null while fine or still looking. */
  error: { code: number; message: string } | null;
}

/**
 * One GPS watch for the whole app, held while anyone needs it (a screen that shows where
 * the worker is, a patrol that records the track) and released when nobody does: GPS is
 * the largest drain on a phone's battery.
 */
export const positionStore = createStore<PositionState>({ fix: null, error: null });

const fixListeners = new Set<(fix: Fix) => void>();
let holders = 0;
let watchId: number | null = null;

function startWatch(): void {
  if (!('geolocation' in navigator)) {
    positionStore.set({ fix: null, error: { code: 2, message: 'geolocation unavailable' } });
    return;
  }
  watchId = navigator.geolocation.watchPosition(
    (position) => {
      const fix: Fix = {
        lon: Number(position.coords.longitude.toFixed(7)),
        lat: Number(position.coords.latitude.toFixed(7)),
        accuracyM: Number.isFinite(position.coords.accuracy) ? position.coords.accuracy : null,
        at: new Date(position.timestamp || Date.now()).toISOString(),
      };
      positionStore.set({ fix, error: null });
      for (const listener of fixListeners) listener(fix);
    },
    (error) => positionStore.set((s) => ({ fix: s.fix, error: { code: error.code, message: error.message } })),
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 },
  );
}

/** Keeps the GPS on until the returned function is called. */
export function holdPosition(): () => void {
  holders += 1;
  if (holders === 1) startWatch();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders -= 1;
    if (holders === 0 && watchId !== null) {
      navigator.geolocation.clearWatch(watchId);
      watchId = null;
    }
  };
}

export function onFix(listener: (fix: Fix) => void): () => void {
  fixListeners.add(listener);
  return () => fixListeners.delete(listener);
}

/** The worker's position while the calling screen is shown. */
export function usePosition(): PositionState {
  useEffect(() => holdPosition(), []);
  return useStore(positionStore);
}
