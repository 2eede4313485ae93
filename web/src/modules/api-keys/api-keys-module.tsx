import { KeyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

export const apiKeysModule: DeskModule = {
  name: 'api-keys',
  pages: [
    {
      path: 'api-keys',
      permission: 'api-keys.manage',
      Component: lazy(() => import('./api-keys-page')),
      menu: { label: 'nav.apiKeys', icon: <KeyOutlined /> },
    },
  ],
};
