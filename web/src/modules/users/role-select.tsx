import type { Role } from '@yiwang/contracts';
import { Select } from 'antd';
import { ROLES } from '../../lib/contracts';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { roleLabel } from '../../lib/labels';

export interface RoleSelectProps {
  id?: string;
  value?: Role[];
  onChange?: (roles: Role[]) => void;
}

/** Several roles per account, shown by their glossary names. */
export function RoleSelect({ id, value, onChange }: RoleSelectProps) {
  const { t } = useI18n();
  return (
    <Select<Role[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      placeholder={t('users.rolesPlaceholder')}
      options={ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
