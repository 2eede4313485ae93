import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { HandOverIcon } from '../grids/menu-icons';

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
