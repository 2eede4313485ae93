import { CaseList } from './case-list';

/** 案件列表: every case in the caller's reading scope. */
export function CasesPage() {
  return <CaseList title="cases.nav.list" preset={{}} testId="case-list" />;
}

/** 受理台: reports waiting for my command unit. */
export function IntakePage() {
  return (
    <CaseList
      title="cases.nav.intake"
      help="cases.intakeHelp"
      preset={{ inbox: 'command', state: ['reported'] }}
      fixedState
      testId="intake-list"
    />
  );
}

/** 本单位待办: cases with my unit (handling, assisting, summoned), still open. */
export function InboxPage() {
  return (
    <CaseList
      title="cases.nav.inbox"
      help="cases.inboxHelp"
      preset={{ inbox: 'unit', open: true }}
      testId="inbox-list"
    />
  );
}

// One chunk for every case page: one dynamic import (and one preload list) in the menu's code.
export { default as CaseDetailPage } from './case-detail-page';
export { default as NewCasePage } from './new-case-page';
export { QueuePage, WorkbenchPage } from './queue-pages';
export { default as SupervisionPage } from './supervision-page';
