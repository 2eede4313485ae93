// The worker app's service worker, served as /m/sw.js with scope /m/. Plain JavaScript:
// vite-plugins/worker-pwa.ts copies it into the build and fills in PRECACHE and VERSION
// with the worker app's own files (its entry, every chunk it can load, its CSS, manifest
// and icons) — never the desk's or the resident portal's.
//
// It answers: navigations under /m/ with the cached app shell (the app starts offline),
// and the precached files from the cache. It never touches /api (the outbox decides what
// to do without network) or anything else.

/** @type {{ url: string, revision: string | null }[]} */
const PRECACHE = self.__PRECACHE__;
/** @type {string} */
const VERSION = self.__VERSION__;
const CACHE = `yiwang-worker-${VERSION}`;
const SHELL = '/m/index.html';
const precached = new Set(PRECACHE.map((entry) => entry.url));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((entry) => new Request(entry.url, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith('yiwang-worker-') && key !== CACHE).map((key) => caches.delete(key)),
        ),
      )
      // The first visit's page is controlled at once, so it works offline without a reload.
      .then(() => self.clients.claim()),
  );
});

// A new version waits until the worker taps "update" (never mid-report): the page then asks for it.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
});

const isAppPath = (pathname) => pathname === '/m' || pathname.startsWith('/m/');
const isApi = (pathname) => pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/open311/');

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isApi(url.pathname)) return;
  if (request.mode === 'navigate') {
    if (isAppPath(url.pathname)) event.respondWith(fromCache(SHELL, request));
    return;
  }
  if (precached.has(url.pathname)) event.respondWith(fromCache(url.pathname, request));
});

/** The cached copy, else the network (a cache evicted by the browser heals on the next install). */
async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  return hit ?? fetch(request);
}
