import { BankOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

export const unitsModule: DeskModule = {
  name: 'units',
  pages: [
    {
      path: 'units',
      permission: 'units.read',
      Component: lazy(() => import('./units-page')),
      menu: { label: 'nav.units', icon: <BankOutlined /> },
    },
  ],
};
