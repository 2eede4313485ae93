import type { ScoringRule } from '@yiwang/contracts';
import { INDICATOR_IDS, INDICATOR_LABELS, type IndicatorId } from '@yiwang/contracts/vocabulary';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Tag } from 'antd';
import { useEffect } from 'react';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useSaveScoringRules, useScoringRules } from './views-api';
import { useViewsI18n } from './views-messages';

const SCORED_EVENTS = ['rework', 'rejected-return', 'overdue', 'invalid-report'] as const;
const RATE_INDICATORS = INDICATOR_IDS.filter((id) => id !== 'reportCount');

interface Line {
  kind: 'threshold' | 'per-case';
  indicator?: IndicatorId;
  atLeast?: number;
  points?: number;
  perPointBelow?: number;
  event?: (typeof SCORED_EVENTS)[number];
}

const toLine = (r: ScoringRule): Line => ({ ...r });
const toRule = (l: Line): ScoringRule =>
  l.kind === 'threshold'
    ? {
        kind: 'threshold',
        indicator: (l.indicator ?? 'onTimeClosureRate') as Exclude<IndicatorId, 'reportCount'>,
        atLeast: l.atLeast ?? 0,
        points: l.points ?? 0,
        perPointBelow: l.perPointBelow ?? 0,
      }
    : { kind: 'per-case', event: l.event ?? 'rework', points: l.points ?? 0 };

/** 考核细则: the county's scoring rules as configuration; saving makes a new version (older ones stay). */
export function RulesCard() {
  const { t, locale } = useViewsI18n();
  const { message } = App.useApp();
  const session = useSignedIn();
  const canEdit = hasPermission(session, 'assessment.configure');
  const rules = useScoringRules();
  const save = useSaveScoringRules();
  const [form] = Form.useForm<{ lines: Line[]; note: string }>();
  const current = rules.data?.current;
  useEffect(() => {
    if (current) form.setFieldsValue({ lines: current.rules.map(toLine), note: '' });
  }, [current, form]);
  return (
    <Card>
      {current && (
        <p data-testid="rules-version">
          <strong>{t('views.rules.current', { version: current.version })}</strong>
          {current.version === 0 ? ` ${t('views.rules.default')}` : ` · ${current.note}`}
          {current.createdAt ? ` · ${formatDateTime(current.createdAt)}` : ''}
        </p>
      )}
      {!canEdit && <Alert className="yw-form-alert" type="info" showIcon title={t('views.rules.readOnly')} />}
      {rules.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(rules.error)} />}
      {save.error && <Alert className="yw-form-alert" type="error" showIcon title={errorText(save.error)} />}
      <Form
        form={form}
        disabled={!canEdit}
        layout="vertical"
        onFinish={async (values) => {
          const saved = await save.mutateAsync({ rules: values.lines.map(toRule), note: values.note });
          void message.success(t('views.rules.saved', { version: saved.version }));
        }}
      >
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="end" data-testid="rules-line" style={{ marginBottom: 8 }}>
                  <Form.Item name={[field.name, 'kind']} label={t('views.rules.kind')} style={{ marginBottom: 0 }}>
                    <Select
                      style={{ width: 120 }}
                      options={(['threshold', 'per-case'] as const).map((k) => ({
                        value: k,
                        label: t(`views.rules.kind.${k}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['lines', field.name, 'kind']) === 'threshold' ? (
                        <>
                          <Form.Item
                            name={[field.name, 'indicator']}
                            label={t('views.rules.indicator')}
                            style={{ marginBottom: 0 }}
                          >
                            <Select
                              style={{ width: 160 }}
                              options={RATE_INDICATORS.map((id) => ({
                                value: id,
                                label: INDICATOR_LABELS[id][locale],
                              }))}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'atLeast']}
                            label={t('views.rules.atLeast')}
                            style={{ marginBottom: 0 }}
                          >
                            <InputNumber min={0} max={100} />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'points']}
                            label={t('views.rules.points')}
                            style={{ marginBottom: 0 }}
                          >
                            <InputNumber min={0} max={1000} data-testid="rules-points" />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'perPointBelow']}
                            label={t('views.rules.perPointBelow')}
                            style={{ marginBottom: 0 }}
                          >
                            <InputNumber min={0} max={1000} />
                          </Form.Item>
                        </>
                      ) : (
                        <>
                          <Form.Item
                            name={[field.name, 'event']}
                            label={t('views.rules.event')}
                            style={{ marginBottom: 0 }}
                          >
                            <Select
                              style={{ width: 200 }}
                              options={SCORED_EVENTS.map((e) => ({ value: e, label: t(`views.rules.event.${e}`) }))}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[field.name, 'points']}
                            label={t('views.rules.points')}
                            style={{ marginBottom: 0 }}
                          >
                            <InputNumber min={-1000} max={1000} step={0.1} />
                          </Form.Item>
                        </>
                      )
                    }
                  </Form.Item>
                  <Button danger onClick={() => remove(field.name)}>
                    {t('views.rules.remove')}
                  </Button>
                </Space>
              ))}
              <div style={{ margin: '8px 0 16px' }}>
                <Button onClick={() => add({ kind: 'per-case', event: 'overdue', points: -0.5 })}>
                  {t('views.rules.add')}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('views.rules.note')} rules={[{ required: true }]}>
          <Input maxLength={500} data-testid="rules-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rules-save">
          {t('views.rules.save')}
        </Button>
      </Form>
      {rules.data && rules.data.versions.length > 0 && (
        <div style={{ marginTop: 16 }}>
          <strong>{t('views.rules.versions')}</strong>{' '}
          {rules.data.versions.map((v) => (
            <Tag key={v.version}>{`v${v.version} ${v.note}`}</Tag>
          ))}
        </div>
      )}
    </Card>
  );
}
