import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workerPwa } from './vite-plugins/worker-pwa';

/**
 * Three apps from one build, each its own HTML entry so none carries another's code:
 * the desk at /, the worker app at /m/, the resident portal at /r/ and the big screen at /screen/.
 */
export default defineConfig({
  plugins: [
    react(),
    // The worker app is an installable PWA: its service worker precaches only its own files.
    workerPwa({
      entryHtml: 'm/index.html',
      serviceWorker: resolve(import.meta.dirname, 'src/worker-app/service-worker.js'),
      serviceWorkerFileName: 'm/sw.js',
      publicDir: resolve(import.meta.dirname, 'public'),
      publicSubdir: 'm',
      extraPublicFiles: ['favicon.svg'],
    }),
  ],
  server: {
    // The API (Fastify) runs on :3000 in development; the browser sees one origin.
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The modulepreload polyfill is bundled into the entry chunk (an external file),
    // so the page needs no inline script under the strict CSP.
    modulePreload: { polyfill: true },
    rollupOptions: {
      input: {
        desk: resolve(import.meta.dirname, 'index.html'),
        worker: resolve(import.meta.dirname, 'm/index.html'),
        resident: resolve(import.meta.dirname, 'r/index.html'),
        screen: resolve(import.meta.dirname, 'screen/index.html'),
      },
    },
  },
});
