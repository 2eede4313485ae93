import type { Locale } from '@yiwang/contracts';
import { Segmented } from 'antd';
import { useI18n } from './i18n-provider';

const OPTIONS: { label: string; value: Locale }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en-US' },
];

/** 中文 / English. Each label is written in its own language so anyone can find theirs. */
export function LanguageSwitch({ onChange }: { onChange?: (locale: Locale) => void }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      aria-label={t('language.switch')}
      options={OPTIONS}
      value={locale}
      onChange={(next) => (onChange ? onChange(next) : setLocale(next))}
    />
  );
}
