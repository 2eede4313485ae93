import type { CreateDrawBody, DrawFlaggedGrid, DrawSummary } from '@yiwang/contracts';
import { DRAW_TARGET_KIND_LABELS, FLAG_LABELS, PERIOD_KIND_LABELS } from '@yiwang/contracts/vocabulary';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorText } from '../../lib/form-errors';
import { chinaToday, formatDateTime } from '../../lib/format';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useCreateDraw, useDraw, useDraws, useVerifyDraw } from './draws-api';
import { useDrawsI18n } from './draws-messages';

interface DrawForm {
  period: string;
  publicValue?: string;
  gridSharePercent: number;
  flaggedGridCodes?: string[];
  flagWindow: 'last-month' | 'this-month';
}

/** The detector's flags over the window weight the draw; the server defaults to the last whole month. */
const flagWindowOf = (choice: DrawForm['flagWindow']): Pick<CreateDrawBody, 'flagWindow'> =>
  choice === 'this-month' ? { flagWindow: { period: 'month', from: `${chinaToday().slice(0, 7)}-01` } } : {};

/** The 双随机 tab: draws of my scope with their seed and list, a re-run check, and (leaders) a new draw. */
export function DrawsCard() {
  const { t } = useDrawsI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const mayDraw = hasPermission(session, 'inspections.manage');
  const draws = useDraws();
  const create = useCreateDraw();
  const [form] = Form.useForm<DrawForm>();

  const submit = async (values: DrawForm) => {
    try {
      const draw = await create.mutateAsync({
        period: values.period,
        ...(values.publicValue?.trim() ? { publicValue: values.publicValue.trim() } : {}),
        shares: { grid: values.gridSharePercent / 100, unit: 0.2, case: 1 },
        flaggedGridCodes: values.flaggedGridCodes ?? [],
        ...flagWindowOf(values.flagWindow),
      });
      void message.success(t('draws.drawn', { pairs: draw.pairs.length })); // resolves when the toast closes
    } catch {
      // Shown under the form (create.error).
    }
  };

  return (
    <Card>
      {mayDraw && (
        <Form<DrawForm>
          form={form}
          layout="inline"
          data-testid="draw-form"
          initialValues={{ period: chinaToday().slice(0, 7), gridSharePercent: 20, flagWindow: 'last-month' }}
          onFinish={submit}
          style={{ marginBottom: 12, rowGap: 8 }}
        >
          <Form.Item name="period" label={t('draws.period')} rules={[{ required: true }]}>
            <Input maxLength={40} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="publicValue" label={t('draws.publicValue')} tooltip={t('draws.publicValueHint')}>
            <Input maxLength={200} style={{ width: 220 }} data-testid="draw-public-value" />
          </Form.Item>
          <Form.Item name="gridSharePercent" label={t('draws.gridShare')}>
            <InputNumber min={1} max={100} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="flaggedGridCodes" label={t('draws.flagged')}>
            <Select mode="tags" style={{ width: 220 }} tokenSeparators={[',', ' ']} data-testid="draw-flagged-grids" />
          </Form.Item>
          <Form.Item name="flagWindow" label={t('draws.flagWindow')} tooltip={t('draws.flagWindowHint')}>
            <Select
              style={{ width: 130 }}
              data-testid="draw-flag-window"
              options={[
                { value: 'last-month', label: t('draws.flagWindowLastMonth') },
                { value: 'this-month', label: t('draws.flagWindowThisMonth') },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="draw-submit">
              {t('draws.draw')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {create.error && (
        <Alert
          className="yw-form-alert"
          type="error"
          showIcon
          title={errorText(create.error)}
          data-testid="draw-error"
        />
      )}
      {draws.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(draws.error)} />}
      <Table<DrawSummary>
        data-testid="draws"
        rowKey="id"
        size="small"
        loading={draws.isFetching && !draws.data}
        dataSource={draws.data?.items ?? []}
        locale={{ emptyText: t('draws.none') }}
        expandable={{ expandedRowRender: (d) => <DrawPairs id={d.id} /> }}
        columns={[
          { key: 'created', title: t('draws.created'), width: 170, render: (_, d) => formatDateTime(d.createdAt) },
          { key: 'period', title: t('draws.period'), render: (_, d) => d.period },
          { key: 'seed', title: t('draws.seed'), render: (_, d) => <code>{d.seed}</code> },
          {
            key: 'hash',
            title: t('draws.hash'),
            render: (_, d) => <code title={d.snapshotHash}>{d.snapshotHash.slice(0, 12)}…</code>,
          },
          { key: 'pairs', title: t('draws.pairs'), width: 90, render: (_, d) => d.pairCount },
          { key: 'unstaffed', title: t('draws.unstaffed'), width: 120, render: (_, d) => d.unstaffedCount },
          { key: 'verify', title: '', width: 150, render: (_, d) => <VerifyButton id={d.id} /> },
        ]}
      />
    </Card>
  );
}

function VerifyButton({ id }: { id: string }) {
  const { t } = useDrawsI18n();
  const verify = useVerifyDraw();
  if (verify.data) {
    return verify.data.matches ? (
      <Tag color="green">{t('draws.matches')}</Tag>
    ) : (
      <Tag color="red">{t('draws.differs')}</Tag>
    );
  }
  return (
    <Button size="small" loading={verify.isPending} onClick={() => verify.mutate(id)} data-testid="draw-verify">
      {t('draws.verify')}
    </Button>
  );
}

/** Why a drawn grid was weighted up: the detector's signals, as the flags tab names them, and/or typed in. */
function WeightedBecause({ flagged }: { flagged: DrawFlaggedGrid | undefined }) {
  const { t, locale } = useDrawsI18n();
  if (!flagged) return '—';
  return (
    <Space size={4} wrap data-testid="draw-weighted">
      {flagged.kinds.map((kind) => (
        <Tag key={kind} color="red">
          ⚑ {FLAG_LABELS[kind][locale]}
        </Tag>
      ))}
      {flagged.typedIn && <Tag color="orange">{t('draws.typedIn')}</Tag>}
    </Space>
  );
}

function DrawPairs({ id }: { id: string }) {
  const { t, locale } = useDrawsI18n();
  const draw = useDraw(id);
  const [onlyWeighted, setOnlyWeighted] = useState(false);
  if (draw.error) return <Alert type="error" showIcon title={errorText(draw.error)} />;
  const flaggedByCode = new Map((draw.data?.flaggedGrids ?? []).map((g) => [g.gridCode, g]));
  const flaggedOf = (p: { targetKind: string; targetCode: string }) =>
    p.targetKind === 'grid' ? flaggedByCode.get(p.targetCode) : undefined;
  const usedWindow = draw.data?.flagWindow;
  const pairs = (draw.data?.pairs ?? []).filter((p) => !onlyWeighted || flaggedOf(p));
  return (
    <>
      {draw.data && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Typography.Text type="secondary" data-testid="draw-flag-window-used">
            {usedWindow
              ? t('draws.flaggedFrom', {
                  period: PERIOD_KIND_LABELS[usedWindow.period][locale],
                  firstDay: usedWindow.firstDay,
                  count: draw.data.flaggedGrids.length,
                })
              : t('draws.flaggedNone')}
          </Typography.Text>
          <Switch size="small" checked={onlyWeighted} onChange={setOnlyWeighted} data-testid="draw-only-weighted" />
          {t('draws.onlyWeighted')}
        </Space>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 20 }}
        loading={draw.isFetching && !draw.data}
        dataSource={pairs}
        data-testid="draw-pairs"
        columns={[
          { key: 'position', title: '#', width: 60, render: (_, p) => p.position },
          {
            key: 'target',
            title: t('draws.target'),
            render: (_, p) => (
              <Space>
                <Tag>{DRAW_TARGET_KIND_LABELS[p.targetKind][locale]}</Tag>
                {p.targetName}
              </Space>
            ),
          },
          { key: 'inspector', title: t('draws.inspector'), render: (_, p) => p.inspectorName },
          {
            key: 'weighted',
            title: t('draws.weighted'),
            render: (_, p) => <WeightedBecause flagged={flaggedOf(p)} />,
          },
          {
            key: 'findings',
            title: t('draws.findings'),
            render: (_, p) => {
              const latest = p.findings.at(-1);
              return latest ? t('draws.finding', { found: latest.foundCount, reported: latest.reportedCount }) : '—';
            },
          },
        ]}
      />
    </>
  );
}
