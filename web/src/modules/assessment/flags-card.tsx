import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DetectionFlag, DetectionFlags, FlagLevel, PeriodKind } from '@yiwang/contracts';
import { FLAG_LABELS, FLAG_LEVELS } from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Popover, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useFlagsI18n } from './flags-messages';
import { PeriodPicker, usePeriod } from './period-picker';

type LevelChoice = FlagLevel | 'all';

export const useFlags = (level: LevelChoice, period: PeriodKind, from: string) =>
  useQuery({
    queryKey: ['assessment', 'flags', level, period, from],
    queryFn: ({ signal }) =>
      api.get<DetectionFlags>('/assessment/flags', level === 'all' ? { period, from } : { period, from, level }, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });

const KIND_COLORS: Partial<Record<DetectionFlag['kind'], string>> = {
  'hidden-hard': 'red',
  'low-share': 'volcano',
  'department-delay': 'orange',
  'rubber-stamp': 'purple',
};

const flagKey = (f: DetectionFlag) => `${f.kind}:${f.key}:${f.cases[0]?.code ?? ''}`;

/** A flagged unit's red tags in a ranking: a click opens the flag's evidence and the cases behind it. */
export function FlagTags({ flags }: { flags: readonly DetectionFlag[] }) {
  const { t, locale } = useFlagsI18n();
  return (
    <>
      {flags.map((f) => (
        <Popover
          key={flagKey(f)}
          trigger="click"
          title={FLAG_LABELS[f.kind][locale]}
          content={
            <div style={{ maxWidth: 420 }} data-testid="flag-popover">
              <p>{f.explanation[locale]}</p>
              {f.cases.length === 0 ? (
                <p>{t('flags.noCases')}</p>
              ) : (
                <Space wrap size={8}>
                  {f.cases.map((c) => (
                    <Link key={c.code} to={`/cases/${c.code}`}>
                      {c.code}
                    </Link>
                  ))}
                </Space>
              )}
            </div>
          }
        >
          <Tag color="red" style={{ cursor: 'pointer', marginInlineStart: 6 }} data-testid="ranking-flag">
            ⚑ {FLAG_LABELS[f.kind][locale]}
          </Tag>
        </Popover>
      ))}
    </>
  );
}

/** 异常识别: the detector's flags with their evidence; a click on a flagged grid or unit opens the cases behind it. */
export function FlagsCard() {
  const { t, locale } = useFlagsI18n();
  const [level, setLevel] = useState<LevelChoice>('all');
  const when = usePeriod();
  const { period, day } = when;
  const flags = useFlags(level, period, day);
  const [open, setOpen] = useState<DetectionFlag | null>(null);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<LevelChoice>
          data-testid="flags-level"
          value={level}
          onChange={setLevel}
          options={(['all', ...FLAG_LEVELS] as const).map((l) => ({ value: l, label: t(`flags.level.${l}`) }))}
        />
        <PeriodPicker value={when} locale={locale} dayLabel={t('flags.day')} />
      </Space>
      <Alert className="yw-form-alert" type="info" showIcon title={t('flags.hint')} />
      {flags.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(flags.error)} />}
      <Table<DetectionFlag>
        data-testid="assessment-flags"
        rowKey={flagKey}
        size="small"
        loading={flags.isFetching && !flags.data}
        dataSource={flags.data?.flags ?? []}
        pagination={{ pageSize: 30, showSizeChanger: false }}
        locale={{ emptyText: t('flags.empty') }}
        footer={() => (flags.data ? t('flags.asOf', { time: formatDateTime(flags.data.period.asOf) }) : null)}
        onRow={(f) => ({ 'data-kind': f.kind }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'kind',
            title: t('flags.kind'),
            width: 150,
            render: (_, f) => <Tag color={KIND_COLORS[f.kind] ?? 'gold'}>{FLAG_LABELS[f.kind][locale]}</Tag>,
          },
          {
            key: 'who',
            title: t('flags.who'),
            width: 180,
            render: (_, f) =>
              f.level === 'grid' ? (
                <Button type="link" data-testid="flag-grid" style={{ padding: 0 }} onClick={() => setOpen(f)}>
                  {f.name}
                </Button>
              ) : (
                <span>
                  {t(`flags.level.${f.level}`)} · {f.name}
                </span>
              ),
          },
          {
            key: 'grid',
            title: t('flags.grid'),
            width: 160,
            render: (_, f) =>
              f.level !== 'grid' && f.gridCode ? (
                <Button type="link" data-testid="flag-grid" style={{ padding: 0 }} onClick={() => setOpen(f)}>
                  {f.gridName}
                </Button>
              ) : null,
          },
          { key: 'why', title: t('flags.why'), render: (_, f) => f.explanation[locale] },
          {
            key: 'cases',
            title: t('flags.cases'),
            width: 110,
            render: (_, f) => (
              <Button size="small" data-testid="flag-show-cases" onClick={() => setOpen(f)}>
                {t('flags.casesCount', { count: f.cases.length })}
              </Button>
            ),
          },
        ]}
      />
      {open && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          data-testid="flag-cases"
          title={t('flags.casesOf', { name: open.gridName ?? open.name, kind: FLAG_LABELS[open.kind][locale] })}
          extra={<Button onClick={() => setOpen(null)}>{t('flags.close')}</Button>}
        >
          <p>{open.explanation[locale]}</p>
          {open.cases.length === 0 ? (
            <p>{t('flags.noCases')}</p>
          ) : (
            <Space wrap size={8}>
              {open.cases.map((c) => (
                <Link key={c.code} to={`/cases/${c.code}`}>
                  {c.code}
                </Link>
              ))}
            </Space>
          )}
        </Card>
      )}
    </Card>
  );
}
