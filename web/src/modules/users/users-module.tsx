import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

export const usersModule: DeskModule = {
  name: 'users',
  pages: [
    {
      path: 'users',
      permission: 'users.read',
      Component: lazy(() => import('./users-page')),
      menu: { label: 'nav.users', icon: <TeamOutlined /> },
    },
  ],
};
