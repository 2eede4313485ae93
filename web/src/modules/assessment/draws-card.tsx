import type { DrawSummary } from '@yiwang/contracts';
import { DRAW_TARGET_KIND_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { errorText } from '../../lib/form-errors';
import { chinaToday, formatDateTime } from '../../lib/format';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useCreateDraw, useDraw, useDraws, useFlaggedGrids, useVerifyDraw } from './draws-api';
import { useDrawsI18n } from './draws-messages';

interface DrawForm {
  period: string;
  publicValue?: string;
  gridSharePercent: number;
  flaggedGridCodes?: string[];
}

/** The 双随机 tab: draws of my scope with their seed and list, a re-run check, and (leaders) a new draw. */
export function DrawsCard() {
  const { t } = useDrawsI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const mayDraw = hasPermission(session, 'inspections.manage');
  const draws = useDraws();
  const create = useCreateDraw();
  const flagged = useFlaggedGrids();
  const [form] = Form.useForm<DrawForm>();

  // The detectors' flags feed the draw: flagged grids are weighted up (more likely inspected).
  const takeFlagged = async () => {
    try {
      const codes = await flagged.mutateAsync(form.getFieldValue('period') ?? '');
      const current: string[] = form.getFieldValue('flaggedGridCodes') ?? [];
      form.setFieldValue('flaggedGridCodes', [...new Set([...current, ...codes])]);
      void message.success(t('draws.tookFlagged', { count: codes.length })); // toast only
    } catch {
      // Shown under the form (flagged.error).
    }
  };

  const submit = async (values: DrawForm) => {
    try {
      const draw = await create.mutateAsync({
        period: values.period,
        ...(values.publicValue?.trim() ? { publicValue: values.publicValue.trim() } : {}),
        shares: { grid: values.gridSharePercent / 100, unit: 0.2, case: 1 },
        flaggedGridCodes: values.flaggedGridCodes ?? [],
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
          initialValues={{ period: chinaToday().slice(0, 7), gridSharePercent: 20 }}
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
          <Form.Item>
            <Button onClick={takeFlagged} loading={flagged.isPending} data-testid="draw-take-flagged">
              {t('draws.takeFlagged')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="draw-submit">
              {t('draws.draw')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {flagged.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(flagged.error)} />}
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

function DrawPairs({ id }: { id: string }) {
  const { t, locale } = useDrawsI18n();
  const draw = useDraw(id);
  if (draw.error) return <Alert type="error" showIcon title={errorText(draw.error)} />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={{ pageSize: 20 }}
      loading={draw.isFetching && !draw.data}
      dataSource={draw.data?.pairs ?? []}
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
          key: 'findings',
          title: t('draws.findings'),
          render: (_, p) => {
            const latest = p.findings.at(-1);
            return latest ? t('draws.finding', { found: latest.foundCount, reported: latest.reportedCount }) : '—';
          },
        },
      ]}
    />
  );
}
