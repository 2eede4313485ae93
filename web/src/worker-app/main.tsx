import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { applyStoredLargeText } from '../shared/large-text';
import { bootWorkerApp, WorkerApp } from './shell/app';
import { registerServiceWorker } from './shell/service-worker-registration';
import './shell/worker.css';

/** The grid-worker app (网格员): an installable, offline-first PWA at /m. */
applyStoredLargeText();
registerServiceWorker();
bootWorkerApp();

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    <WorkerApp />
  </StrictMode>,
);
