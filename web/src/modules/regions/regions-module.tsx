import { ApartmentOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

const RegionsPage = lazy(() => import('./regions-page'));

export const regionsModule: DeskModule = {
  name: 'regions',
  pages: [
    {
      path: 'regions',
      permission: 'regions.read',
      Component: RegionsPage,
      menu: { label: 'nav.regions', icon: <ApartmentOutlined /> },
    },
    { path: 'regions/:code', permission: 'regions.read', Component: RegionsPage, menuKey: 'regions' },
  ],
};
