import type { CaseStateName, TimeState } from '@yiwang/contracts';
import { Tag } from 'antd';
import type { CasesMessageKey } from './cases-messages';

type T = (key: CasesMessageKey) => string;

const STATE_COLORS: Record<CaseStateName, string> = {
  reported: 'gold',
  registered: 'blue',
  voided: 'default',
  dispatched: 'geekblue',
  accepted: 'processing',
  returned: 'orange',
  handled: 'cyan',
  closed: 'green',
  rated: 'green',
  archived: 'default',
  on_hold: 'purple',
};
const TIME_COLORS: Record<TimeState, string> = { normal: 'green', warning: 'gold', overdue: 'red' };

export const StateTag = ({ t, state }: { t: T; state: CaseStateName }) => (
  <Tag color={STATE_COLORS[state]} data-testid="case-state">
    {t(`cases.state.${state}`)}
  </Tag>
);

export const TimeTag = ({ t, timeState }: { t: T; timeState: TimeState }) => (
  <Tag color={TIME_COLORS[timeState]}>{t(`cases.time.${timeState}`)}</Tag>
);

/** A key of the module dictionary built at runtime (event types the server may add fall back to the raw type). */
export const eventLabel = (t: (key: string) => string, type: string): string => {
  const key = `cases.event.${type}`;
  const text = t(key);
  return text === key || text === undefined ? type : text;
};
