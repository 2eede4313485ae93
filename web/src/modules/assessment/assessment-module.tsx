// The menu is part of the initial bundle: one minimal SVG icon; the page is lazy.
import { lazy } from 'react';
import type { DeskModule } from '../../lib/desk-module';

/** A bar chart: the assessment page's menu icon. */
const AssessmentIcon = () => (
  <span className="anticon">
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="currentColor" focusable="false" aria-hidden="true">
      <path d="M4 20h16v2H2V2h2v18zm3-3V10h3v7H7zm5 0V5h3v12h-3zm5 0v-5h3v5h-3z" />
    </svg>
  </span>
);

/** Assessment (考核): indicators with their counter-metrics, department and town accountability, the inspection calendar. */
export const assessmentModule: DeskModule = {
  name: 'assessment',
  pages: [
    {
      // 工作台 of a leader (no unit, so not the work queues): indicators, flags, trends, rankings.
      path: 'assessment/workbench',
      permission: 'assessment.read',
      Component: lazy(() => import('./leader-workbench-page')),
      menu: { label: { 'zh-CN': '领导工作台', 'en-US': 'Leader workbench' }, icon: <AssessmentIcon /> },
      menuKey: 'assessment/workbench',
      landing: (session) => session.user.roles.includes('leader'),
    },
    {
      path: 'assessment',
      permission: 'assessment.read',
      Component: lazy(() => import('./assessment-page')),
      menu: { label: { 'zh-CN': '考核', 'en-US': 'Assessment' }, icon: <AssessmentIcon /> },
    },
  ],
};
