import type { CaseStateName, TimeState } from '@yiwang/contracts';
import { CASE_STATES, TIME_STATES } from '@yiwang/contracts/vocabulary';
import { useSearchParams } from 'react-router';
import { CaseList } from './case-list';
import type { CaseFilter } from './cases-api';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/;
const instantOf = (value: string | null) => (value && ISO_INSTANT.test(value) ? value : undefined);

/** The list filters a workbench link carries (`/cases?open=true&timeState=overdue`); anything else is ignored. */
export function filterFromAddress(params: URLSearchParams): Omit<CaseFilter, 'limit' | 'offset'> {
  const timeState = params.get('timeState');
  const state = params
    .getAll('state')
    .filter((s): s is CaseStateName => (CASE_STATES as readonly string[]).includes(s));
  const filter: Omit<CaseFilter, 'limit' | 'offset'> = {
    state: state.length ? state : undefined,
    timeState: (TIME_STATES as readonly string[]).includes(timeState ?? '') ? (timeState as TimeState) : undefined,
    open: params.get('open') === 'true' ? true : undefined,
    reportedFrom: instantOf(params.get('reportedFrom')),
    closedFrom: instantOf(params.get('closedFrom')),
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** 案件列表: every case in the caller's reading scope; a workbench number opens it filtered by the address. */
export function CasesPage() {
  const [params] = useSearchParams();
  const initial = filterFromAddress(params);
  return <CaseList key={params.toString()} title="cases.nav.list" preset={{}} initial={initial} testId="case-list" />;
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
export { QueuePage } from './queue-pages';
export { default as SupervisionPage } from './supervision-page';
