import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { useDebounced } from '../../shared/use-debounced';
import { useRegionSearch } from './regions-api';

export interface RegionSelectProps {
  id?: string;
  value?: string;
  onChange?: (code: string) => void;
  /** How to show the current value before the user searches (e.g. the user's scope name). */
  currentLabel?: string;
  placeholder?: string;
}

/** Picks a region in the caller's scope by typing part of its name (either language) or code. */
export function RegionSelect({ id, value, onChange, currentLabel, placeholder }: RegionSelectProps) {
  const { t, regionName } = useI18n();
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim());
  const search = useRegionSearch(query);
  const [chosenLabel, setChosenLabel] = useState<Record<string, string>>({});

  const options = useMemo(() => {
    const found = (search.data?.items ?? []).map((region) => ({
      value: region.code,
      label: `${regionName(region)} · ${region.code}`,
    }));
    if (value && !found.some((option) => option.value === value)) {
      found.unshift({ value, label: chosenLabel[value] ?? (currentLabel ? `${currentLabel} · ${value}` : value) });
    }
    return found;
  }, [search.data, value, chosenLabel, currentLabel, regionName]);

  return (
    <Select
      id={id}
      value={value}
      options={options}
      placeholder={placeholder ?? t('regions.selectPlaceholder')}
      loading={search.isFetching}
      notFoundContent={query ? t('regions.searchEmpty') : t('regions.searchHint')}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onChange={(code: string, option) => {
        const label = option && !Array.isArray(option) ? String(option.label) : code;
        setChosenLabel((labels) => ({ ...labels, [code]: label }));
        onChange?.(code);
      }}
    />
  );
}
