// The menu is part of the initial bundle: one minimal SVG icon; the page (with OpenLayers) is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

/** A footpath: the patrols page's menu icon. */
const PatrolIcon = () => (
  <span className="anticon">
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" focusable="false" aria-hidden="true">
      <path d="M6 3a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm12 14a2 2 0 1 1 0 4 2 2 0 0 1 0-4zM7 9h6a4 4 0 0 1 0 8H9a2 2 0 0 0 0 4h5v-2H9v0h4a6 6 0 0 0 0-12H7z" />
    </svg>
  </span>
);

export const patrolsModule: DeskModule = {
  name: 'patrols',
  pages: [
    {
      path: 'patrols',
      permission: 'patrols.read',
      Component: lazy(() => import('./patrols-page')),
      menu: { label: 'patrols.nav', icon: <PatrolIcon /> },
    },
  ],
};
