import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
  },
});
