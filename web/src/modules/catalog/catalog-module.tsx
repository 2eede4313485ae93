// The menu is part of the initial bundle: a minimal SVG icon; the page is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { MenuIcon } from '../../lib/menu-icon';

/** A book: the matter catalog. */
const CatalogIcon = () => (
  <MenuIcon path="M5 3h11a3 3 0 0 1 3 3v15H7a2 2 0 0 1-2-2zm2 2v12h10V6a1 1 0 0 0-1-1zm2 2h6v2H9zm0 4h6v2H9z" />
);

export const catalogModule: DeskModule = {
  name: 'catalog',
  pages: [
    {
      // Anyone who may read the catalog can open it (read-only); the menu offers it to its editors.
      path: 'catalog',
      permission: 'catalog.read',
      menuPermission: 'catalog.manage',
      Component: lazy(() => import('./catalog-page')),
      menu: { label: 'catalog.nav', icon: <CatalogIcon /> },
    },
  ],
};
