import type { CaseStateName, CaseSummary, TimeState } from '@yiwang/contracts';
import { CLOSED_STATES, HANDLING_LEVELS, OPEN_STATES, TIME_STATES } from '@yiwang/contracts/vocabulary';
import { Alert, Badge, Card, Checkbox, DatePicker, Input, Select, Space, Table, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { GridSelect } from '../grids';
import { StateTag, TimeTag } from './case-labels';
import { useCaseStream } from './case-stream';
import { type CaseFilter, useCases } from './cases-api';
import { type CasesMessageKey, useCasesI18n } from './cases-messages';
import { MatterSelect } from './matter-select';

/** Open states first, in the loop's order, then the closed ones. */
const STATES: readonly CaseStateName[] = [...OPEN_STATES, ...CLOSED_STATES];
const PAGE_SIZE = 20;

export interface CaseListProps {
  title: CasesMessageKey | 'cases.nav.list' | 'cases.nav.intake' | 'cases.nav.inbox';
  help?: CasesMessageKey;
  /** Fixed parts of the filter (the intake queue: reported cases of my command unit). */
  preset: Partial<CaseFilter>;
  /** The state filter is part of the preset. */
  fixedState?: boolean;
  /** Where the filters start (a workbench number's list, from the address), still changeable. */
  initial?: Omit<CaseFilter, 'limit' | 'offset'>;
  testId: string;
}

/** A filterable, paginated list of cases with its Excel export, refreshed live. */
export function CaseList({ title, help, preset, fixedState, initial, testId }: CaseListProps) {
  const { t, locale } = useCasesI18n();
  const live = useCaseStream();
  const [filter, setFilter] = useState<Omit<CaseFilter, 'limit' | 'offset'>>(initial ?? {});
  const [page, setPage] = useState(1);
  const full: CaseFilter = { ...filter, ...preset, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const cases = useCases(full);
  const patch = (next: Partial<CaseFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(1);
  };
  const matterName = (c: CaseSummary) => (locale === 'en-US' && c.matter.nameEn ? c.matter.nameEn : c.matter.name);

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">
          {t(title)}{' '}
          <Tooltip title={live ? t('cases.live') : t('cases.liveOff')}>
            <Badge status={live ? 'processing' : 'default'} />
          </Tooltip>
        </h1>
        <ExportButton path="/cases/export.xlsx" query={{ ...filter, ...preset }} testId={`${testId}-export`} />
      </div>
      {help && <Alert className="yw-form-alert" type="info" showIcon title={t(help)} />}
      <Card className="yw-card">
        <Space wrap size="middle" className="yw-filters">
          <Input.Search
            allowClear
            placeholder={t('cases.search')}
            aria-label={t('cases.search')}
            style={{ width: 260 }}
            onSearch={(value) => patch({ q: value.trim() || undefined })}
          />
          {!fixedState && (
            <Select<CaseStateName[]>
              mode="multiple"
              allowClear
              style={{ minWidth: 200 }}
              placeholder={t('cases.allStates')}
              aria-label={t('cases.allStates')}
              value={filter.state ?? []}
              onChange={(state) => patch({ state: state.length ? state : undefined })}
              options={STATES.map((s) => ({ value: s, label: t(`cases.state.${s}`) }))}
            />
          )}
          <Select
            allowClear
            style={{ width: 130 }}
            placeholder={t('cases.allLevels')}
            aria-label={t('cases.allLevels')}
            value={filter.level}
            onChange={(level) => patch({ level })}
            options={HANDLING_LEVELS.map((l) => ({ value: l, label: t(`cases.level.${l}`) }))}
          />
          <Select<TimeState>
            allowClear
            style={{ width: 130 }}
            placeholder={t('cases.allTime')}
            aria-label={t('cases.allTime')}
            value={filter.timeState}
            onChange={(timeState) => patch({ timeState })}
            options={TIME_STATES.map((s) => ({ value: s, label: t(`cases.time.${s}`) }))}
          />
          <MatterSelect
            width={240}
            label={t('cases.matter')}
            value={filter.matterCode}
            onChange={(matterCode) => patch({ matterCode })}
          />
          <GridSelect label={t('cases.grid')} value={filter.gridCode} onChange={(gridCode) => patch({ gridCode })} />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('cases.reportedFrom'), t('cases.reportedTo')]}
            aria-label={t('cases.reportedBetween')}
            onChange={(range) =>
              patch({
                reportedFrom: range?.[0]?.startOf('day').toISOString(),
                reportedTo: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
              })
            }
          />
          {!fixedState && (
            <Checkbox checked={filter.open ?? false} onChange={(e) => patch({ open: e.target.checked || undefined })}>
              {t('cases.openOnly')}
            </Checkbox>
          )}
        </Space>
        {cases.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(cases.error)} />}
        <Table<CaseSummary>
          data-testid={testId}
          rowKey="code"
          loading={cases.isFetching && !cases.data}
          dataSource={cases.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: cases.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => t(cases.data?.totalCapped ? 'table.totalMore' : 'table.total', { total }),
            onChange: setPage,
          }}
          columns={[
            {
              key: 'code',
              title: t('cases.code'),
              width: 190,
              render: (_, c) => <Link to={`/cases/${c.code}`}>{c.code}</Link>,
            },
            {
              key: 'matter',
              title: t('cases.matter'),
              width: 140,
              render: (_, c) => matterName(c),
            },
            {
              key: 'description',
              title: t('cases.description'),
              ellipsis: true,
              render: (_, c) => (
                <>
                  {c.description}
                  {c.supporterCount > 0 && (
                    <span className="yw-muted"> · {t('cases.supporters', { count: c.supporterCount })}</span>
                  )}
                </>
              ),
            },
            { key: 'state', title: t('cases.state'), width: 100, render: (_, c) => <StateTag t={t} state={c.state} /> },
            { key: 'level', title: t('cases.level'), width: 90, render: (_, c) => t(`cases.level.${c.level}`) },
            {
              key: 'time',
              title: t('cases.timeState'),
              width: 100,
              render: (_, c) => (c.stage ? <TimeTag t={t} timeState={c.timeState} /> : '—'),
            },
            {
              key: 'unit',
              title: t('cases.assignedUnit'),
              width: 150,
              render: (_, c) => c.assignedUnit?.name ?? '—',
            },
            {
              key: 'createdAt',
              title: t('cases.createdAt'),
              width: 150,
              render: (_, c) => formatDateTime(c.createdAt),
            },
          ]}
        />
      </Card>
    </>
  );
}
