import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input } from 'antd';
import { useState } from 'react';
import { useDebounced } from '../shared/use-debounced';

export interface CodeSearchBoxProps<T extends { code: string }> {
  /** A query hook (the same one on every render) answering `{ items }` for the typed text. */
  useSearch(query: string): { data?: { items: T[] } | undefined; isFetching: boolean };
  /** The item's name in the current language. */
  name(item: T): string;
  /** What kind of thing it is (level), shown before its code. */
  kind(item: T): string;
  onSelect(code: string): void;
  placeholder: string;
  ariaLabel: string;
  emptyText: string;
  size?: 'large';
  testId?: string;
}

/** Search-as-you-type for coded things in scope (regions, grids): name in either language or code. */
export function CodeSearchBox<T extends { code: string }>(props: CodeSearchBoxProps<T>) {
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim());
  const search = props.useSearch(query);
  const options = (query ? (search.data?.items ?? []) : []).map((item) => ({
    value: item.code,
    label: (
      <span className="yw-region-option">
        <span>{props.name(item)}</span>
        <span className="yw-muted">
          {props.kind(item)} · {item.code}
        </span>
      </span>
    ),
  }));
  return (
    <AutoComplete
      className="yw-region-search"
      options={options}
      value={typed}
      onChange={setTyped}
      onSelect={(code: string) => {
        setTyped('');
        props.onSelect(code);
      }}
      notFoundContent={query && !search.isFetching ? props.emptyText : null}
    >
      <Input
        {...(props.size ? { size: props.size } : {})}
        allowClear
        prefix={<SearchOutlined />}
        placeholder={props.placeholder}
        aria-label={props.ariaLabel}
        {...(props.testId ? { 'data-testid': props.testId } : {})}
      />
    </AutoComplete>
  );
}
