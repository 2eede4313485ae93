import type {
  AccountabilityRow,
  AccountableCase,
  IndicatorRow,
  IndicatorValue,
  InspectionBooking,
  Region,
  ScoreLine,
  ScoreRow,
} from '@yiwang/contracts';
import {
  ASSESSMENT_LEVEL_LABELS,
  ASSESSMENT_LEVELS,
  type AssessmentLevel,
  COUNT_INDICATORS,
  INDICATOR_COUNTERS,
  INDICATOR_IDS,
  INDICATOR_LABELS,
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  type IndicatorId,
  type InspectionKind,
  LOWER_IS_BETTER,
} from '@yiwang/contracts/vocabulary';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { chinaToday, formatDateTime } from '../../lib/format';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import {
  chinaDayPlus,
  searchCommunities,
  useAccountability,
  useBookInspection,
  useCancelInspection,
  useIndicators,
  useInspectionCalendar,
  useScores,
} from './assessment-api';
import { useAssessmentI18n } from './assessment-messages';
import { DrawsCard } from './draws-card';
import { useDrawsI18n } from './draws-messages';
import { useFairScoreI18n } from './fair-score-messages';
import { FairScoresCard } from './fair-scores-card';
import { FlagsCard } from './flags-card';
import { useFlagsI18n } from './flags-messages';
import { PeriodPicker, usePeriod } from './period-picker';
import { RankingsCard } from './rankings-card';
import { RulesCard } from './rules-card';
import { useViewsI18n } from './views-messages';

const formatValue = (id: IndicatorId, v: IndicatorValue | undefined): string => {
  if (!v || v.value === null) return '—';
  return COUNT_INDICATORS.includes(id) ? String(v.value) : `${(v.value * 100).toFixed(1)}%`;
};

function IndicatorTableCard() {
  const { t, locale } = useAssessmentI18n();
  const [level, setLevel] = useState<AssessmentLevel>('town');
  const when = usePeriod();
  const { period, day } = when;
  const table = useIndicators(level, period, day);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<AssessmentLevel>
          aria-label={t('assessment.level')}
          data-testid="assessment-level"
          style={{ width: 140 }}
          value={level}
          onChange={setLevel}
          options={ASSESSMENT_LEVELS.map((l) => ({ value: l, label: ASSESSMENT_LEVEL_LABELS[l][locale] }))}
        />
        <PeriodPicker value={when} locale={locale} dayLabel={t('assessment.day')} />
        <ExportButton
          path="/assessment/indicators/export.xlsx"
          query={{ level, period, from: day }}
          testId="assessment-indicators-export"
        />
      </Space>
      <Alert className="yw-form-alert" type="info" showIcon title={t('assessment.counterHint')} />
      {table.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(table.error)} />}
      <Table<IndicatorRow>
        data-testid="assessment-indicators"
        rowKey="key"
        size="small"
        loading={table.isFetching && !table.data}
        dataSource={table.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('assessment.empty') }}
        footer={() =>
          table.data
            ? `${t('assessment.asOf', { time: formatDateTime(table.data.period.asOf) })} · ${t('assessment.formulaHint')}`
            : null
        }
        columns={[
          {
            key: 'name',
            title: ASSESSMENT_LEVEL_LABELS[level][locale],
            fixed: 'left',
            width: 160,
            render: (_, row) => row.name,
          },
          ...INDICATOR_IDS.map((id) => {
            const counter = INDICATOR_COUNTERS[id];
            return {
              key: id,
              title: (
                <Tooltip title={t('assessment.counter', { name: INDICATOR_LABELS[counter][locale], value: '' })}>
                  {INDICATOR_LABELS[id][locale]}
                  {LOWER_IS_BETTER.includes(id) ? ' ↓' : ''}
                </Tooltip>
              ),
              width: 130,
              render: (_: unknown, row: IndicatorRow) => {
                const v = row.values[id];
                return (
                  <div data-indicator={id}>
                    <Tooltip title={v.denominator === null ? undefined : `${v.numerator} / ${v.denominator}`}>
                      <strong>{formatValue(id, v)}</strong>
                    </Tooltip>
                    <div className="yw-assessment-counter" style={{ fontSize: 12, opacity: 0.65 }}>
                      {t('assessment.counter', {
                        name: INDICATOR_LABELS[counter][locale],
                        value: formatValue(counter, row.values[counter]),
                      })}
                    </div>
                  </div>
                );
              },
            };
          }),
        ]}
      />
    </Card>
  );
}

function AccountabilityCard() {
  const { t } = useAssessmentI18n();
  const [month, setMonth] = useState(chinaToday().slice(0, 7));
  const table = useAccountability(month);
  const percent = (v: IndicatorValue) => (v.value === null ? '—' : `${(v.value * 100).toFixed(1)}%`);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input
          type="month"
          aria-label={t('assessment.month')}
          style={{ width: 160 }}
          value={month}
          onChange={(e) => e.target.value && setMonth(e.target.value)}
        />
        <ExportButton
          path="/assessment/accountability/export.xlsx"
          query={{ month }}
          testId="assessment-accountability-export"
        />
      </Space>
      {table.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(table.error)} />}
      <Table<AccountabilityRow>
        data-testid="assessment-accountability"
        rowKey={(r) => `${r.kind}-${r.key}`}
        size="small"
        loading={table.isFetching && !table.data}
        dataSource={table.data?.rows ?? []}
        pagination={false}
        columns={[
          { key: 'kind', title: t('assessment.kind'), width: 100, render: (_, r) => t(`assessment.kind.${r.kind}`) },
          { key: 'name', title: t('assessment.unit'), render: (_, r) => r.name },
          { key: 'onTime', title: t('assessment.onTime'), render: (_, r) => percent(r.onTimeHandlingRate) },
          { key: 'returns', title: t('assessment.returns'), render: (_, r) => r.returns },
          { key: 'rejected', title: t('assessment.rejectedReturns'), render: (_, r) => r.rejectedReturns },
          { key: 'reworks', title: t('assessment.reworks'), render: (_, r) => r.reworks },
          { key: 'overdue', title: t('assessment.overdueCases'), render: (_, r) => r.overdueCases },
          { key: 'days', title: t('assessment.overdueDays'), render: (_, r) => r.overdueDays },
          { key: 'satisfaction', title: t('assessment.satisfaction'), render: (_, r) => percent(r.satisfactionRate) },
        ]}
      />
      <h3 style={{ marginTop: 16 }}>{t('assessment.list')}</h3>
      <Table<AccountableCase>
        data-testid="assessment-accountable-cases"
        rowKey={(c) => `${c.code}-${c.reason}`}
        size="small"
        dataSource={table.data?.cases ?? []}
        locale={{ emptyText: t('assessment.noCases') }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: 'code', title: t('assessment.case'), render: (_, c) => <Link to={`/cases/${c.code}`}>{c.code}</Link> },
          {
            key: 'reason',
            title: t('assessment.reason'),
            render: (_, c) => (
              <Tag color={c.reason === 'overdue' ? 'red' : 'orange'}>
                {t(`assessment.reason.${c.reason}`, { days: c.overdueDays, times: c.times })}
              </Tag>
            ),
          },
          {
            key: 'held',
            title: t('assessment.heldBy'),
            render: (_, c) => [c.unitName, c.heldByName].filter(Boolean).join(' / ') || '—',
          },
          { key: 'town', title: t('assessment.town'), render: (_, c) => c.townName ?? '—' },
        ]}
      />
    </Card>
  );
}

function ScoresCard() {
  const { t, locale } = useAssessmentI18n();
  const [level, setLevel] = useState<AssessmentLevel>('town');
  const when = usePeriod();
  const { period, day } = when;
  const scores = useScores(level, period, day);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<AssessmentLevel>
          aria-label={t('assessment.level')}
          style={{ width: 140 }}
          value={level}
          onChange={setLevel}
          options={ASSESSMENT_LEVELS.map((l) => ({ value: l, label: ASSESSMENT_LEVEL_LABELS[l][locale] }))}
        />
        <PeriodPicker value={when} locale={locale} dayLabel={t('assessment.day')} />
      </Space>
      {scores.data && (
        <Alert
          className="yw-form-alert"
          type="info"
          showIcon
          title={t('assessment.rulesVersion', { version: scores.data.version })}
        />
      )}
      {scores.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(scores.error)} />}
      <Table<ScoreRow>
        data-testid="assessment-scores"
        rowKey="key"
        size="small"
        loading={scores.isFetching && !scores.data}
        dataSource={scores.data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('assessment.empty') }}
        expandable={{
          expandedRowRender: (row) => (
            <Table<ScoreLine>
              size="small"
              rowKey={(_, i) => String(i)}
              dataSource={row.lines}
              pagination={false}
              columns={[
                { key: 'text', title: t('assessment.line'), render: (_, l) => l.text[locale] },
                { key: 'measured', title: t('assessment.measured'), render: (_, l) => l.measured[locale] },
                { key: 'points', title: t('assessment.points'), width: 90, render: (_, l) => l.points },
                {
                  key: 'cases',
                  title: t('assessment.cases'),
                  render: (_, l) => (
                    <Space wrap size={4}>
                      {l.cases.map((c) => (
                        <Link key={c.caseId} to={`/cases/${c.code}`}>
                          {c.code}
                          {c.times > 1 ? ` ×${c.times}` : ''}
                        </Link>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          ),
        }}
        columns={[
          { key: 'name', title: ASSESSMENT_LEVEL_LABELS[level][locale], render: (_, r) => r.name },
          { key: 'total', title: t('assessment.total'), width: 120, render: (_, r) => <strong>{r.total}</strong> },
        ]}
      />
    </Card>
  );
}

interface BookingForm {
  communityCode: string;
  day: string;
  kind: InspectionKind;
  team: string;
  purpose: string;
}

function InspectionCalendarCard() {
  const { t, locale } = useAssessmentI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const mayBook = hasPermission(session, 'inspections.book');
  const [from] = useState(chinaToday());
  const to = chinaDayPlus(from, 61);
  const calendar = useInspectionCalendar(from, to);
  const book = useBookInspection();
  const cancel = useCancelInspection();
  const [communities, setCommunities] = useState<Region[]>([]);
  const [form] = Form.useForm<BookingForm>();
  const settings = calendar.data?.settings;

  const submit = async (values: BookingForm) => {
    try {
      const booked = await book.mutateAsync(values);
      void message.success(t('assessment.booked', { community: booked.communityName, day: booked.day })); // resolves when the toast closes
      form.resetFields(['team', 'purpose']);
    } catch {
      // Shown under the form (book.error).
    }
  };

  return (
    <Card>
      {settings && (
        <Alert
          className="yw-form-alert"
          type={settings.routineSuspended ? 'warning' : 'info'}
          showIcon
          data-testid="inspection-limits"
          title={
            settings.routineSuspended
              ? t('assessment.suspended', { reason: settings.suspendedReason ?? '' })
              : t('assessment.limits', { day: settings.maxPerDay, week: settings.maxPerWeek })
          }
        />
      )}
      {mayBook && (
        <Form<BookingForm>
          form={form}
          layout="inline"
          data-testid="inspection-form"
          initialValues={{ day: chinaDayPlus(from, 1), kind: 'routine' }}
          onFinish={submit}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="communityCode" label={t('assessment.community')} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              style={{ width: 220 }}
              placeholder={t('assessment.communitySearch')}
              data-testid="inspection-community"
              onSearch={(q) => {
                if (q.trim()) void searchCommunities(q.trim()).then(setCommunities, () => setCommunities([])); // errors: the list stays empty
              }}
              options={communities.map((c) => ({ value: c.code, label: locale === 'en-US' ? c.nameEn : c.name }))}
            />
          </Form.Item>
          <Form.Item name="day" label={t('assessment.visitDay')} rules={[{ required: true }]}>
            <Input type="date" style={{ width: 160 }} data-testid="inspection-day" />
          </Form.Item>
          <Form.Item name="kind" label={t('assessment.visitKind')}>
            <Select<InspectionKind>
              style={{ width: 130 }}
              options={INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k][locale] }))}
            />
          </Form.Item>
          <Form.Item name="team" label={t('assessment.team')} rules={[{ required: true }]}>
            <Input maxLength={100} style={{ width: 180 }} data-testid="inspection-team" />
          </Form.Item>
          <Form.Item name="purpose" label={t('assessment.purpose')} rules={[{ required: true }]}>
            <Input maxLength={500} style={{ width: 220 }} data-testid="inspection-purpose" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={book.isPending} data-testid="inspection-book">
              {t('assessment.book')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {book.error && (
        <Alert
          className="yw-form-alert"
          type="error"
          showIcon
          title={errorText(book.error)}
          data-testid="inspection-error"
        />
      )}
      <Table<InspectionBooking>
        data-testid="inspection-calendar"
        rowKey="id"
        size="small"
        loading={calendar.isFetching && !calendar.data}
        dataSource={calendar.data?.items ?? []}
        locale={{ emptyText: t('assessment.noBookings') }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: 'day', title: t('assessment.visitDay'), width: 120, render: (_, b) => b.day },
          { key: 'community', title: t('assessment.community'), render: (_, b) => b.communityName },
          { key: 'kind', title: t('assessment.visitKind'), render: (_, b) => INSPECTION_KIND_LABELS[b.kind][locale] },
          { key: 'team', title: t('assessment.team'), render: (_, b) => b.team },
          { key: 'purpose', title: t('assessment.purpose'), render: (_, b) => b.purpose },
          { key: 'by', title: t('assessment.bookedBy'), render: (_, b) => b.bookedByName ?? '—' },
          {
            key: 'actions',
            title: '',
            render: (_, b) =>
              mayBook ? (
                <Button size="small" danger loading={cancel.isPending} onClick={() => cancel.mutate(b.id)}>
                  {t('assessment.cancel')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

/** 考核: the indicator table with counter-metrics, the accountability of departments and towns, the inspection calendar. */
export default function AssessmentPage() {
  const { t } = useAssessmentI18n();
  const fair = useFairScoreI18n();
  const flagsI18n = useFlagsI18n();
  const { t: td } = useDrawsI18n();
  const views = useViewsI18n();
  return (
    <div>
      <h2>{t('assessment.title')}</h2>
      <Tabs
        items={[
          { key: 'indicators', label: t('assessment.tab.indicators'), children: <IndicatorTableCard /> },
          { key: 'rankings', label: views.t('views.tab.rankings'), children: <RankingsCard /> },
          { key: 'scores', label: t('assessment.tab.scores'), children: <ScoresCard /> },
          { key: 'fair-scores', label: fair.t('fairScore.tab'), children: <FairScoresCard /> },
          { key: 'flags', label: flagsI18n.t('flags.tab'), children: <FlagsCard /> },
          { key: 'accountability', label: t('assessment.tab.accountability'), children: <AccountabilityCard /> },
          { key: 'inspections', label: t('assessment.tab.inspections'), children: <InspectionCalendarCard /> },
          { key: 'draws', label: td('draws.tab'), children: <DrawsCard /> },
          { key: 'rules', label: views.t('views.tab.rules'), children: <RulesCard /> },
        ]}
      />
    </div>
  );
}
