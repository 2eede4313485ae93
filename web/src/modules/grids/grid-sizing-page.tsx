import type { SizingItem } from '@yiwang/contracts';
import { Alert, Button, Card, Col, Form, InputNumber, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { formatCount } from './grid-format';
import { GridSelect } from './grid-search';
import { DEFAULT_STANDARD, type SizingFilter, type SizingStandard, useSizing } from './grids-api';
import { useGridsI18n } from './grids-messages';

const STATUS_COLORS = { ok: 'green', 'too-large': 'red', 'too-small': 'orange' } as const;
const STANDARD_FIELDS = [
  'minHouseholds',
  'maxHouseholds',
  'minPeople',
  'maxPeople',
  'householdsPerWorker',
  'peoplePerWorker',
] as const satisfies readonly (keyof SizingStandard)[];

interface SizingForm extends SizingStandard {
  parentCode?: string | undefined;
}

/** Households and people per base grid against a standard: which grids to split, merge or staff up. */
export default function GridSizingPage() {
  const { t, regionName } = useGridsI18n();
  const params = new URLSearchParams(useLocation().search);
  const [form] = Form.useForm<SizingForm>();
  const [filter, setFilter] = useState<SizingFilter>({
    ...DEFAULT_STANDARD,
    parentCode: params.get('parent') || undefined,
    onlyProblems: true,
  });
  const report = useSizing(filter);
  const summary = report.data?.summary;

  const atLeast = (field: keyof SizingStandard) => ({
    validator: async (_: unknown, value: number | null) => {
      const min = form.getFieldValue(field) as number | null;
      if (value !== null && min !== null && value < min) throw new Error(`≥ ${min}`);
    },
  });

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('grids.nav.sizing')}</h1>
        <ExportButton path="/grids/sizing.xlsx" query={{ ...filter, onlyProblems: false }} testId="sizing-export" />
      </div>
      <Card className="yw-card" title={t('grids.sizing.standard')}>
        <Form<SizingForm>
          form={form}
          layout="vertical"
          initialValues={{ ...DEFAULT_STANDARD, parentCode: filter.parentCode }}
          onFinish={(values) =>
            setFilter({ ...values, parentCode: values.parentCode || undefined, onlyProblems: true })
          }
        >
          <Row gutter={16}>
            {STANDARD_FIELDS.map((field) => (
              <Col key={field} xs={12} md={8} xl={4}>
                <Form.Item
                  name={field}
                  label={t(`grids.sizing.${field}`)}
                  dependencies={
                    field === 'maxHouseholds' ? ['minHouseholds'] : field === 'maxPeople' ? ['minPeople'] : []
                  }
                  rules={[
                    { required: true, message: t('form.required') },
                    ...(field === 'maxHouseholds' ? [atLeast('minHouseholds')] : []),
                    ...(field === 'maxPeople' ? [atLeast('minPeople')] : []),
                  ]}
                >
                  <InputNumber min={field.startsWith('min') ? 0 : 1} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Space wrap align="end">
            <Form.Item name="parentCode" label={t('grids.sizing.parent')}>
              <GridSelect />
            </Form.Item>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={report.isFetching}>
                  {t('grids.sizing.apply')}
                </Button>
                <Button
                  onClick={() => {
                    form.setFieldsValue({ ...DEFAULT_STANDARD, parentCode: undefined });
                    setFilter({ ...DEFAULT_STANDARD, onlyProblems: true });
                  }}
                >
                  {t('grids.sizing.reset')}
                </Button>
              </Space>
            </Form.Item>
          </Space>
        </Form>
      </Card>
      {report.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(report.error)} />}
      <Row gutter={16} className="yw-card">
        {(
          [
            ['total', t('grids.sizing.total'), undefined],
            ['ok', t('grids.status.ok'), '#16a34a'],
            ['tooLarge', t('grids.status.too-large'), '#dc2626'],
            ['tooSmall', t('grids.status.too-small'), '#d97706'],
            ['understaffed', t('grids.status.understaffed'), '#dc2626'],
          ] as const
        ).map(([key, label, color]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic
                title={label}
                value={summary ? summary[key] : '—'}
                loading={!summary}
                styles={color ? { content: { color } } : {}}
                data-testid={`sizing-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card className="yw-card" title={t('grids.sizing.problems', { count: report.data?.items.length ?? 0 })}>
        <Table<SizingItem>
          rowKey="code"
          size="middle"
          loading={report.isFetching}
          dataSource={report.data?.items ?? []}
          locale={{ emptyText: t('grids.sizing.noProblems') }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('table.total', { total }) }}
          columns={[
            {
              key: 'grid',
              title: t('grids.grid'),
              render: (_, item) => (
                <>
                  <Link to={`/grids?grid=${item.code}`}>{regionName(item)}</Link>
                  <div className="yw-subline">{item.code}</div>
                </>
              ),
            },
            {
              key: 'households',
              title: t('grids.households'),
              align: 'right',
              width: 110,
              render: (_, item) => formatCount(item.households),
            },
            {
              key: 'people',
              title: t('grids.people'),
              align: 'right',
              width: 110,
              render: (_, item) => formatCount(item.people),
            },
            {
              key: 'status',
              title: t('grids.sizing'),
              width: 200,
              render: (_, item) => (
                <Space size={[0, 4]} wrap>
                  <Tag color={STATUS_COLORS[item.status]}>{t(`grids.status.${item.status}`)}</Tag>
                  {item.workers < item.workersNeeded && <Tag color="red">{t('grids.status.understaffed')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'suggestion',
              title: t('grids.sizing.suggestion'),
              render: (_, item) => (
                <Space orientation="vertical" size={0}>
                  {item.splitInto !== null && <span>{t('grids.splitInto', { count: item.splitInto })}</span>}
                  {item.mergeInto && (
                    <span>
                      {t('grids.mergeInto', { name: item.mergeInto.name, code: item.mergeInto.code })}
                      <span className="yw-muted">
                        {formatCount(item.mergeInto.households)} {t('grids.households')} ·{' '}
                        {formatCount(item.mergeInto.people)} {t('grids.people')}
                      </span>
                    </span>
                  )}
                  {item.workers < item.workersNeeded && (
                    <span>{t('grids.addWorkers', { count: item.workersNeeded })}</span>
                  )}
                </Space>
              ),
            },
            {
              key: 'workers',
              title: t('grids.sizing.workers'),
              align: 'right',
              width: 170,
              render: (_, item) => `${item.workers} / ${item.workersNeeded}`,
            },
          ]}
        />
      </Card>
    </>
  );
}
