import type { GridSummary } from '@yiwang/contracts';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { CodeSearchBox } from '../../lib/code-search-box';
import { useDebounced } from '../../shared/use-debounced';
import { gridLevelLabel } from './grid-format';
import { useGridSearch } from './grids-api';
import { useGridsI18n } from './grids-messages';

/** Finds a grid in scope by name (either language) or code and hands its code over. */
export function GridSearchBox({ onSelect }: { onSelect(code: string): void }) {
  const { t, regionName } = useGridsI18n();
  return (
    <CodeSearchBox<GridSummary>
      useSearch={useGridSearch}
      name={regionName}
      kind={(grid) => gridLevelLabel(t, grid.level)}
      onSelect={onSelect}
      placeholder={t('grids.searchPlaceholder')}
      ariaLabel={t('grids.search')}
      emptyText={t('grids.searchEmpty')}
      testId="grid-search"
    />
  );
}

/** A form control picking one grid (by search); empty means "all in my scope". */
export function GridSelect({
  value,
  onChange,
  id,
  baseGrids = false,
  label,
}: {
  /** Its name where no form label names it (a filter bar). */
  label?: string;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  id?: string;
  /** Offer base (level 3) grids instead of the larger ones (which filters use). */
  baseGrids?: boolean;
}) {
  const { t, regionName } = useGridsI18n();
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim());
  const search = useGridSearch(query);
  const [labels, setLabels] = useState<Record<string, string>>({});
  // A value set from outside (a link from the map) is named by looking its code up once.
  const current = useGridSearch(value && !labels[value] ? value : '');
  const options = useMemo(() => {
    const found = (search.data?.items ?? [])
      .filter((grid) => (baseGrids ? grid.level === 3 : grid.level < 3))
      .map((grid) => ({ value: grid.code, label: `${regionName(grid)} · ${grid.code}` }));
    if (value && !found.some((o) => o.value === value)) {
      const named = current.data?.items.find((grid) => grid.code === value);
      found.unshift({ value, label: labels[value] ?? (named ? `${regionName(named)} · ${value}` : value) });
    }
    return found;
  }, [search.data, current.data, value, labels, regionName, baseGrids]);
  return (
    <Select
      id={id}
      aria-label={label}
      allowClear
      value={value}
      options={options}
      style={{ width: 320 }}
      placeholder={t('grids.selectPlaceholder')}
      loading={search.isFetching}
      notFoundContent={query ? t('grids.searchEmpty') : null}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      onChange={(code: string | undefined, option) => {
        if (code && option && !Array.isArray(option)) setLabels((l) => ({ ...l, [code]: String(option.label) }));
        onChange?.(code);
      }}
    />
  );
}
