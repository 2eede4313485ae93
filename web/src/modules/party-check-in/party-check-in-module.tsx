// The menu is part of the initial bundle: one minimal SVG icon; the page is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { MenuIcon } from '../../lib/menu-icon';

/** Party-member check-in (党员双报到): members and organizations, service posts, service logs, quarterly records. */
export const partyCheckInModule: DeskModule = {
  name: 'party-check-in',
  pages: [
    {
      path: 'party-check-in',
      permission: 'party-check-in.read',
      Component: lazy(() => import('./party-check-in-page')),
      menu: {
        label: { 'zh-CN': '党员双报到', 'en-US': 'Party check-in' },
        // A flag on its pole.
        icon: <MenuIcon path="M5 2h2v20H5zM8 3h11l-3 4 3 4H8z" />,
      },
    },
  ],
};
