import type { Matter } from '@yiwang/contracts';
import { Select } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../../shared/use-debounced';
import { useMatterSearch } from './cases-api';
import { useCasesI18n } from './cases-messages';

/** Picks a matter from the catalog by name, pinyin initials (jgqs → 井盖缺失), keyword or code. */
export function MatterSelect({
  id,
  value,
  onChange,
  onMatter,
  width = 320,
  label,
}: {
  id?: string;
  /** Its name where no form label names it (a filter bar). */
  label?: string;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  /** The whole matter once chosen (its form fields, level…). */
  onMatter?: (matter: Matter | undefined) => void;
  width?: number | string;
}) {
  const { t, locale } = useCasesI18n();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const search = useMatterSearch(q);
  const [chosen, setChosen] = useState<Record<string, Matter>>({});
  const name = (m: Matter) => (locale === 'en-US' && m.nameEn ? m.nameEn : m.name);
  const found = (search.data?.items ?? [])
    .slice(0, 50)
    .map((m) => ({ value: m.code, label: `${name(m)} · ${m.code}` }));
  const picked = value ? chosen[value] : undefined;
  if (value && !found.some((o) => o.value === value)) {
    found.unshift({ value, label: picked ? `${name(picked)} · ${value}` : value });
  }
  const options = found;
  return (
    <Select
      id={id}
      aria-label={label}
      allowClear
      value={value}
      options={options}
      style={{ width }}
      placeholder={t('cases.new.matterPlaceholder')}
      loading={search.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      data-testid="matter-select"
      onChange={(code: string | undefined) => {
        const matter = code ? (search.data?.items.find((m) => m.code === code) ?? chosen[code]) : undefined;
        if (code && matter) setChosen((c) => ({ ...c, [code]: matter }));
        onChange?.(code);
        onMatter?.(matter);
      }}
    />
  );
}
