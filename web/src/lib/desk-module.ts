import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { MessageKey } from './i18n/translate';
import type { Permission } from './permissions';

/** One page of the desk, loaded on first visit (route-level code splitting). */
export interface DeskPage {
  /** Route path below `/`, e.g. `users` or `regions/:code`. */
  path: string;
  /** Needed to open the page; null means every signed-in user. */
  permission: Permission | null;
  Component: LazyExoticComponent<ComponentType>;
  /** Present when the page has its own entry in the left menu. */
  menu?: { label: MessageKey; icon: ReactNode };
  /** The menu entry needs this too (e.g. only editors get it; readers open the page by its link). */
  menuPermission?: Permission;
  /** The menu entry to highlight, when it is not the page's own (e.g. a region's detail page). */
  menuKey?: string;
}

/** What a web module contributes to the desk. Modules are listed in modules/index.ts. */
export interface DeskModule {
  name: string;
  pages: DeskPage[];
}
