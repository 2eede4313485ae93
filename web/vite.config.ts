import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Three apps from one build, each its own HTML entry so none carries another's code:
 * the desk at /, the worker app at /m/ and the resident portal at /r/.
 */
export default defineConfig({
  plugins: [react()],
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
      },
    },
  },
});
