import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

export const auditModule: DeskModule = {
  name: 'audit',
  pages: [
    {
      path: 'audit',
      permission: 'audit.read',
      Component: lazy(() => import('./audit-page')),
      menu: { label: 'nav.audit', icon: <AuditOutlined /> },
    },
  ],
};
