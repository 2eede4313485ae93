import type { SessionInfo } from '@yiwang/contracts';
import type { DeskLink, DeskPage } from '../../lib/desk-module';
import { hasPermission } from '../../lib/permissions';
import { deskModules } from '../index';

export const allDeskPages = (): DeskPage[] => deskModules.flatMap((module) => module.pages);

export const canOpen = (session: SessionInfo, page: DeskPage): boolean => {
  const { permission } = page;
  if (permission === null) return true;
  return typeof permission === 'string'
    ? hasPermission(session, permission)
    : permission.some((p) => hasPermission(session, p));
};

/** Where `/` leads: a page that asks to be this user's landing page, else the first menu page. */
export const landingPageFor = (session: SessionInfo): DeskPage | undefined =>
  allDeskPages().find((page) => page.landing?.(session) === true && canOpen(session, page)) ?? menuPagesFor(session)[0];

/** The left menu: only pages this user may open. */
export const menuPagesFor = (session: SessionInfo): DeskPage[] =>
  allDeskPages().filter(
    (page) =>
      page.menu &&
      canOpen(session, page) &&
      (page.menuPermission === undefined || hasPermission(session, page.menuPermission)),
  );

/** The menu's entries to the other apps (the big screen) this user may open. */
export const menuLinksFor = (session: SessionInfo): DeskLink[] =>
  deskModules.flatMap((module) => module.links ?? []).filter((link) => hasPermission(session, link.permission));

/** `/regions/320281001` highlights the `regions` entry. */
export function selectedMenuKey(pathname: string): string {
  const path = pathname.replace(/^\//, '');
  const page = allDeskPages().find(
    (p) => p.menuKey && new RegExp(`^${p.path.replace(/:[^/]+/g, '[^/]+')}$`).test(path),
  );
  return page?.menuKey ?? path.split('/')[0] ?? '';
}
