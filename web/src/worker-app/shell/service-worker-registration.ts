import { createStore } from './store';

/** A new version of the app is installed and waits for the worker to switch (never mid-report). */
export const updateReady = createStore<ServiceWorker | null>(null);

/**
 * Registers /m/sw.js (scope /m/) so that the app starts without network. Production builds
 * only: the dev server has no precache manifest.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/m/sw.js', { scope: '/m/' })
      .then((registration) => {
        const offer = (worker: ServiceWorker | null) => {
          if (worker && navigator.serviceWorker.controller) updateReady.set(worker);
        };
        offer(registration.waiting);
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing;
          installing?.addEventListener('statechange', () => {
            if (installing.state === 'installed') offer(installing);
          });
        });
      })
      .catch((error: unknown) => console.error('service worker registration failed', error));
  });
}

/** Switches to the waiting version and reloads once it controls the page. */
export function applyUpdate(): void {
  const waiting = updateReady.get();
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  waiting.postMessage({ type: 'skip-waiting' });
}
