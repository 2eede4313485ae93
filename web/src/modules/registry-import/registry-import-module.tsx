// The menu is part of the initial bundle: one minimal SVG icon; the pages are lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

/** A sheet with an arrow into it: the import's menu icon. */
const ImportIcon = () => (
  <span className="anticon">
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" focusable="false" aria-hidden="true">
      <path d="M4 2h11l5 5v15H4V2zm10 1.5V8h4.5L14 3.5zM11 10v5.2l-2.1-2.1-1.4 1.4 4.5 4.5 4.5-4.5-1.4-1.4-2.1 2.1V10h-2z" />
    </svg>
  </span>
);

/** Registry import: people from Excel or CSV, and the ID-number clashes it found. */
export const registryImportModule: DeskModule = {
  name: 'registry-import',
  pages: [
    {
      path: 'registry/import',
      permission: 'registry.manage',
      Component: lazy(() => import('./registry-import-page')),
      menu: { label: { 'zh-CN': '人房信息导入', 'en-US': 'Registry import' }, icon: <ImportIcon /> },
    },
    {
      path: 'registry/merge-reviews',
      permission: 'registry.manage',
      Component: lazy(() => import('./merge-reviews-page')),
      menuKey: 'registry/import',
    },
  ],
};
