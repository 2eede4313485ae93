// The menu is part of the initial bundle: one minimal SVG icon; the page is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { MenuIcon } from '../../lib/menu-icon';

/** Volunteers (志愿服务): the registry, activities and shifts, verified hours, the time bank, the service directory. */
export const volunteersModule: DeskModule = {
  name: 'volunteers',
  pages: [
    {
      path: 'volunteers',
      permission: 'volunteers.read',
      Component: lazy(() => import('./volunteers-page')),
      menu: {
        label: { 'zh-CN': '志愿服务', 'en-US': 'Volunteers' },
        // A heart held in a hand.
        icon: (
          <MenuIcon path="M12 4.5C10.6 2.9 7.5 2.6 6 4.5S5 9 12 13c7-4 7.5-6.6 6-8.5s-4.6-1.6-6 0zM2 14h4l5 2h4a1.5 1.5 0 0 1 0 3H10v1h6l6-3v2l-6 3H7l-5-2v-6z" />
        ),
      },
    },
  ],
};
