// The menu is part of the initial bundle: one minimal SVG icon; the pages are lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

/** A house with a person: the registry's menu icon. */
const RegistryIcon = () => (
  <span className="anticon">
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" focusable="false" aria-hidden="true">
      <path d="M12 2 2 10h3v11h6v-6h2v6h6V10h3L12 2zm0 5.5a2 2 0 1 1 0 4 2 2 0 0 1 0-4z" />
    </svg>
  </span>
);

/** The registry (一标三实): search, person and building pages, suspected group rentals; a department's shared data. */
export const registryModule: DeskModule = {
  name: 'registry',
  pages: [
    {
      path: 'registry',
      permission: 'registry.read',
      Component: lazy(() => import('./registry-search-page')),
      menu: { label: { 'zh-CN': '人房信息', 'en-US': 'Registry' }, icon: <RegistryIcon /> },
    },
    {
      // A department reads what the catalog grants it, with no access to the registry itself.
      path: 'registry/shared',
      permission: 'registry.shared-read',
      Component: lazy(() => import('./shared-records-page')),
      menu: { label: { 'zh-CN': '共享数据', 'en-US': 'Shared data' }, icon: <RegistryIcon /> },
    },
    {
      path: 'registry/people/:id',
      permission: 'registry.read',
      Component: lazy(() => import('./person-page')),
      menuKey: 'registry',
    },
    {
      path: 'registry/buildings/:id',
      permission: 'registry.read',
      Component: lazy(() => import('./building-page')),
      menuKey: 'registry',
    },
  ],
};
