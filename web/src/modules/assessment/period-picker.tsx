import type { Locale, PeriodKind } from '@yiwang/contracts';
import { PERIOD_KIND_LABELS, PERIOD_KINDS } from '@yiwang/contracts/vocabulary';
import { Input, Segmented } from 'antd';
import { useState } from 'react';
import { chinaToday } from '../../lib/format';

/** The period every assessment table is read for: day, week or month, around a day (today by default). */
export function usePeriod() {
  const [period, setPeriod] = useState<PeriodKind>('month');
  const [day, setDay] = useState(chinaToday());
  return { period, setPeriod, day, setDay };
}

/** Day / week / month and the day it is taken around; an emptied date keeps the last one. */
export function PeriodPicker({
  value,
  locale,
  dayLabel,
}: {
  value: ReturnType<typeof usePeriod>;
  locale: Locale;
  dayLabel: string;
}) {
  return (
    <>
      <Segmented<PeriodKind>
        value={value.period}
        onChange={value.setPeriod}
        options={PERIOD_KINDS.map((p) => ({ value: p, label: PERIOD_KIND_LABELS[p][locale] }))}
      />
      <Input
        type="date"
        aria-label={dayLabel}
        style={{ width: 160 }}
        value={value.day}
        onChange={(e) => e.target.value && value.setDay(e.target.value)}
      />
    </>
  );
}
