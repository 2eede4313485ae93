// The menu is part of the initial bundle: one minimal SVG icon; the page is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

/** Three speech bubbles: the consultation page's menu icon. */
const ConsultationIcon = () => (
  <span className="anticon">
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" focusable="false" aria-hidden="true">
      <path d="M2 4h13v9H6l-4 4V4zm7 11h8l4 4V8h-4v5a2 2 0 0 1-2 2H9z" />
    </svg>
  </span>
);

/** Consultation (议事协商): topics, meetings with check-in and counting, decisions carried out. */
export const consultationModule: DeskModule = {
  name: 'consultation',
  pages: [
    {
      path: 'consultation',
      permission: 'consultation.read',
      Component: lazy(() => import('./consultation-page')),
      menu: { label: { 'zh-CN': '议事协商', 'en-US': 'Consultation' }, icon: <ConsultationIcon /> },
    },
  ],
};
