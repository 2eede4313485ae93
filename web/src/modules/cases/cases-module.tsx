// The menu is part of the initial bundle: minimal SVG icons; every page is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';
import { FlagIcon, InboxIcon, IntakeIcon, ListIcon, NewIcon, RulesIcon } from './menu-icons';

const pages = () => import('./case-pages');

export const casesModule: DeskModule = {
  name: 'cases',
  pages: [
    {
      // 工作台: the landing page of a desk with a unit (operators, workstations, handlers).
      path: 'cases/queues',
      permission: ['cases.operate', 'cases.handle'],
      // Its own chunk: the first screen of most desks loads none of the other case pages' code.
      Component: lazy(() => import('./workbench-page')),
      menu: { label: { 'zh-CN': '工作台', 'en-US': 'Workbench' }, icon: <InboxIcon /> },
      menuKey: 'cases/queues',
      landing: (session) => session.user.unit != null,
    },
    {
      path: 'cases/queue/:queue',
      permission: ['cases.operate', 'cases.handle'],
      Component: lazy(() => pages().then((m) => ({ default: m.QueuePage }))),
      menuKey: 'cases/queues',
    },
    {
      path: 'cases/intake',
      permission: 'cases.operate',
      Component: lazy(() => pages().then((m) => ({ default: m.IntakePage }))),
      menu: { label: 'cases.nav.intake', icon: <IntakeIcon /> },
      menuKey: 'cases/intake',
    },
    {
      path: 'cases/new',
      permission: 'cases.operate',
      Component: lazy(() => pages().then((m) => ({ default: m.NewCasePage }))),
      menu: { label: 'cases.nav.new', icon: <NewIcon /> },
      menuKey: 'cases/new',
    },
    {
      path: 'cases/inbox',
      permission: 'cases.handle',
      Component: lazy(() => pages().then((m) => ({ default: m.InboxPage }))),
      menu: { label: 'cases.nav.inbox', icon: <InboxIcon /> },
      menuKey: 'cases/inbox',
    },
    {
      path: 'cases',
      permission: 'cases.read',
      Component: lazy(() => pages().then((m) => ({ default: m.CasesPage }))),
      menu: { label: 'cases.nav.list', icon: <ListIcon /> },
    },
    {
      path: 'cases/supervision',
      permission: 'cases.read',
      Component: lazy(() => pages().then((m) => ({ default: m.SupervisionPage }))),
      menu: { label: 'cases.nav.supervision', icon: <FlagIcon /> },
      menuKey: 'cases/supervision',
    },
    {
      // Dispatchers read the rules (the page); the menu entry is for those who keep them.
      path: 'cases/routing-rules',
      permission: 'cases.operate',
      menuPermission: 'routing.manage',
      Component: lazy(() => import('./routing-rules-page')),
      menu: { label: 'cases.nav.routing', icon: <RulesIcon /> },
      menuKey: 'cases/routing-rules',
    },
    {
      // Handlers (cases.read-unit) open cases from their inbox; the server decides who sees what.
      path: 'cases/:code',
      permission: null,
      Component: lazy(() => pages().then((m) => ({ default: m.CaseDetailPage }))),
      menuKey: 'cases',
    },
  ],
};
