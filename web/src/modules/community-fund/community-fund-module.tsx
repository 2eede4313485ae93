// The menu is part of the initial bundle: one minimal SVG icon; the page is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { MenuIcon } from '../../lib/menu-icon';

/** Community fund (社区基金): the ledger, income, spending with its five steps, the negative list. */
export const communityFundModule: DeskModule = {
  name: 'community-fund',
  pages: [
    {
      path: 'community-fund',
      permission: 'community-fund.read',
      Component: lazy(() => import('./community-fund-page')),
      menu: {
        label: { 'zh-CN': '社区基金', 'en-US': 'Community fund' },
        // A coin stack.
        icon: (
          <MenuIcon path="M12 3C7 3 4 4.6 4 6.5v11C4 19.4 7 21 12 21s8-1.6 8-3.5v-11C20 4.6 17 3 12 3zm0 2c3.9 0 6 1.1 6 1.5S15.9 8 12 8 6 6.9 6 6.5 8.1 5 12 5zm6 12.5c0 .4-2.1 1.5-6 1.5s-6-1.1-6-1.5v-2.2c1.5.8 3.6 1.2 6 1.2s4.5-.4 6-1.2v2.2zm0-4.5c0 .4-2.1 1.5-6 1.5S6 13.4 6 13v-2.2c1.5.8 3.6 1.2 6 1.2s4.5-.4 6-1.2V13z" />
        ),
      },
    },
  ],
};
