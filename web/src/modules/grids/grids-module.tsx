// The menu is part of the initial bundle: an icon the shell already has, and minimal SVG ones.
import { EnvironmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { ImportIcon, SizingIcon } from './menu-icons';

export const gridsModule: DeskModule = {
  name: 'grids',
  pages: [
    {
      path: 'grids',
      permission: 'grids.read',
      // OpenLayers is in this chunk only.
      Component: lazy(() => import('./grid-map-page')),
      menu: { label: 'grids.nav.map', icon: <EnvironmentOutlined /> },
    },
    {
      path: 'grids/sizing',
      permission: 'grids.read',
      Component: lazy(() => import('./grid-sizing-page')),
      menu: { label: 'grids.nav.sizing', icon: <SizingIcon /> },
      // Without this, `grids/sizing` would highlight the map's entry (first path segment).
      menuKey: 'grids/sizing',
    },
    {
      path: 'grids/import',
      permission: 'grids.manage',
      Component: lazy(() => import('./grid-import-page')),
      menu: { label: 'grids.nav.import', icon: <ImportIcon /> },
      menuKey: 'grids/import',
    },
  ],
};
