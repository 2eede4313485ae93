import type { Locale, LocalizedText, SessionInfo } from '@yiwang/contracts';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { MessageKey } from './i18n/translate';
import type { Permission } from './permissions';

/** One page of the desk, loaded on first visit (route-level code splitting). */
export interface DeskPage {
  /** Route path below `/`, e.g. `users` or `regions/:code`. */
  path: string;
  /** Needed to open the page (a list: any one of them); null means every signed-in user. */
  permission: Permission | readonly Permission[] | null;
  Component: LazyExoticComponent<ComponentType>;
  /**
   * Present when the page has its own entry in the left menu. The label is a desk dictionary
   * key, or the module's own text in both locales, so that a new module needs no central entry.
   */
  menu?: { label: MessageKey | LocalizedText; icon: ReactNode };
  /** The menu entry needs this too (e.g. only editors get it; readers open the page by its link). */
  menuPermission?: Permission;
  /** The menu entry to highlight, when it is not the page's own (e.g. a region's detail page). */
  menuKey?: string;
  /** `/` opens this page for whom it says so (the work queues for a desk with a unit), else the first menu page. */
  landing?: (session: SessionInfo) => boolean;
}

/** A menu entry that leaves the desk for another of the apps (e.g. the big screen at /screen), in a new tab. */
export interface DeskLink {
  href: string;
  label: LocalizedText;
  icon: ReactNode;
  /** Needed to see the entry. */
  permission: Permission;
}

/** What a web module contributes to the desk. Modules are listed in modules/index.ts. */
export interface DeskModule {
  name: string;
  pages: DeskPage[];
  /** Menu entries to the other apps, after the desk's pages. */
  links?: DeskLink[];
}

/** A menu label in the reader's language. */
export const menuLabel = (label: MessageKey | LocalizedText, locale: Locale, t: (key: MessageKey) => string): string =>
  typeof label === 'string' ? t(label) : label[locale];
