import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { MenuIcon } from '../../lib/menu-icon';

/** Two arrows: A hands over to B (inline SVG like every menu icon, lib/menu-icon.tsx). */
const HandOverIcon = () => <MenuIcon path="M7 4 3 8l4 4V9h10V7H7zm10 8v3H7v2h10v3l4-4z" />;

export const staffingModule: DeskModule = {
  name: 'staffing',
  pages: [
    {
      path: 'staffing',
      permission: 'staffing.read',
      Component: lazy(() => import('./staffing-page')),
      menu: { label: 'staffing.nav', icon: <HandOverIcon /> },
    },
  ],
};
