import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { unitKindLabel } from '../../lib/labels';
import { useDebounced } from '../../shared/use-debounced';
import { useUnits } from './units-api';

export interface UnitSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (unitId: string | null) => void;
  /** The current unit's name, shown before the user searches. */
  currentLabel?: string | null;
  /** Offer the units above the caller's scope too: a town dispatches to the county's departments. */
  includeAbove?: boolean;
}

/** Picks a unit (command center, department, workstation) in the caller's scope; clearable. */
export function UnitSelect({ id, value, onChange, currentLabel, includeAbove }: UnitSelectProps) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const units = useUnits({ q, includeAbove, limit: 30, offset: 0 });
  const [chosenLabel, setChosenLabel] = useState<Record<string, string>>({});

  const options = useMemo(() => {
    const found = (units.data?.items ?? []).map((unit) => ({
      value: unit.id,
      label: `${unit.name}（${unitKindLabel(t, unit.kind)}）`,
    }));
    if (value && !found.some((option) => option.value === value)) {
      found.unshift({ value, label: chosenLabel[value] ?? currentLabel ?? value });
    }
    return found;
  }, [units.data, value, chosenLabel, currentLabel, t]);

  return (
    <Select
      id={id}
      value={value ?? undefined}
      options={options}
      allowClear
      placeholder={t('units.selectPlaceholder')}
      loading={units.isFetching}
      notFoundContent={t('units.searchEmpty')}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onChange={(unitId: string | undefined, option) => {
        if (unitId && option && !Array.isArray(option)) {
          setChosenLabel((labels) => ({ ...labels, [unitId]: String(option.label) }));
        }
        onChange?.(unitId ?? null);
      }}
    />
  );
}
