import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { hasPermission } from '../../lib/permissions';
import { useDebounced } from '../../shared/use-debounced';
import { useSignedIn } from '../auth';
import { type Person, usePostPeople, useUserSearch } from './staffing-api';
import { useStaffingI18n } from './staffing-messages';

const label = (person: Person) => `${person.displayName} · ${person.username}`;

/** Picks an account in scope by name or username: from /api/users, or from the posts' people. */
export function PersonSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (userId: string) => void;
}) {
  const { t } = useStaffingI18n();
  const session = useSignedIn();
  const canListUsers = hasPermission(session, 'users.read');
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim());
  const users = useUserSearch(query, canListUsers);
  const postPeople = usePostPeople(!canListUsers);
  const [chosen, setChosen] = useState<Record<string, string>>({});

  const options = useMemo(() => {
    const needle = query.toLowerCase();
    const found = canListUsers
      ? (users.data?.items ?? []).map((u) => ({ value: u.id, label: label(u) }))
      : (postPeople.data ?? [])
          .filter((p) => !needle || label(p).toLowerCase().includes(needle))
          .slice(0, 50)
          .map((p) => ({ value: p.id, label: label(p) }));
    if (value && !found.some((o) => o.value === value)) found.unshift({ value, label: chosen[value] ?? value });
    return found;
  }, [canListUsers, users.data, postPeople.data, query, value, chosen]);

  return (
    <Select
      id={id}
      value={value}
      options={options}
      placeholder={t('staffing.personPlaceholder')}
      loading={users.isFetching || postPeople.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={null}
      onChange={(userId: string, option) => {
        if (option && !Array.isArray(option)) setChosen((c) => ({ ...c, [userId]: String(option.label) }));
        onChange?.(userId);
      }}
    />
  );
}
