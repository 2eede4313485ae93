import type { Locale, Matter, MatterFormField, ReportCaseBody } from '@yiwang/contracts';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Spin } from 'antd';
import { lazy, Suspense, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../lib/api';
import { showApiErrorOnForm } from '../../lib/form-errors';
import { newIdempotencyKey } from '../../shared/http';
import { answersToSend, choicesOf, questionText } from '../../shared/report-form';
import { useReportCase } from './cases-api';
import { useCasesI18n } from './cases-messages';
import { MatterSelect } from './matter-select';

const CaseMap = lazy(() => import('./case-map'));

interface Values {
  matterCode?: string;
  description?: string;
  lon?: number | null;
  lat?: number | null;
  address?: string;
  name?: string;
  phone?: string;
  anonymous?: boolean;
  formAnswers?: Record<string, string | number | string[] | undefined>;
}

/** One of the matter's form fields (like an Open311 service attribute). */
function MatterField({ field, locale }: { field: MatterFormField; locale: Locale }) {
  const { t } = useCasesI18n();
  const label = questionText(field, locale);
  const chosen = field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist';
  const options = choicesOf(field, locale).map((c) => ({ value: c.key, label: c.name }));
  const control =
    field.datatype === 'number' ? (
      <InputNumber style={{ width: 200 }} />
    ) : field.datatype === 'singlevaluelist' ? (
      <Select options={options} allowClear />
    ) : field.datatype === 'multivaluelist' ? (
      <Select mode="multiple" options={options} allowClear />
    ) : field.datatype === 'text' ? (
      <Input.TextArea rows={2} maxLength={500} />
    ) : (
      <Input maxLength={500} />
    );
  return (
    <Form.Item
      name={['formAnswers', field.code]}
      label={label}
      rules={
        field.required
          ? [{ required: true, message: t(chosen ? 'cases.new.needChoice' : 'cases.new.needAnswer', { label }) }]
          : []
      }
    >
      {control}
    </Form.Item>
  );
}

const FIELDS = ['matterCode', 'description', 'point', 'address', 'reporter'];

/** 新建案件: the desk operator enters a call or a walk-in (channel "desk"). */
export default function NewCasePage() {
  const { t, locale } = useCasesI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [matter, setMatter] = useState<Matter | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const report = useReportCase();
  // One key per form filling: a retry after a network failure cannot create the case twice.
  const key = useRef(newIdempotencyKey());
  const lon = Form.useWatch('lon', form);
  const lat = Form.useWatch('lat', form);
  const point = typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : null;

  const submit = async (v: Values) => {
    setError(null);
    if (!point && !v.address?.trim()) {
      setError(t('cases.new.needPlace'));
      return;
    }
    // The caller's own words as they gave them: the channel (desk) is recorded with the report.
    const body: ReportCaseBody = {
      matterCode: v.matterCode ?? '',
      description: v.description?.trim() ?? '',
      channel: 'desk',
      ...(point ? { point: { ...point, crs: 'WGS84' as const } } : {}),
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      formAnswers: answersToSend(matter?.formFields ?? [], v.formAnswers ?? {}),
      reporter: {
        ...(v.name?.trim() ? { name: v.name.trim() } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        anonymous: v.anonymous ?? false,
      },
    };
    try {
      const result = await report.mutateAsync({ body, key: key.current });
      key.current = newIdempotencyKey();
      // void: the toast's promise only resolves when it closes; nothing to wait for.
      void message.success(
        result.outcome === 'merged'
          ? t('cases.new.mergedInto', { code: result.case.code })
          : t('cases.new.created', { code: result.case.code }),
      );
      // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
      void navigate(`/cases/${result.case.code}`);
    } catch (e) {
      const text = showApiErrorOnForm(form, e, FIELDS);
      const unplaced = isApiError(e) ? e.details.filter((d) => !FIELDS.includes(d.field.split('.')[0] ?? '')) : [];
      setError(unplaced.length ? `${text}（${unplaced.map((d) => `${d.field}: ${d.message}`).join('；')}）` : text);
    }
  };

  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('cases.new.title')}</h1>
      </div>
      <Card className="yw-card">
        {error && <Alert className="yw-form-alert" type="error" showIcon title={error} />}
        <Form form={form} layout="vertical" onFinish={submit} data-testid="new-case-form">
          <Row gutter={24}>
            <Col xs={24} lg={11}>
              <Form.Item
                name="matterCode"
                label={t('cases.new.matter')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <MatterSelect width="100%" onMatter={setMatter} />
              </Form.Item>
              {matter?.formFields.map((field) => (
                <MatterField key={`${matter.code}-${field.code}`} field={field} locale={locale} />
              ))}
              <Form.Item name="description" label={t('cases.description')} rules={required}>
                <Input.TextArea rows={4} maxLength={1900} showCount />
              </Form.Item>
              <Form.Item name="address" label={t('cases.address')}>
                <Input maxLength={200} />
              </Form.Item>
              <Space.Compact block>
                <Form.Item name="name" label={t('cases.new.reporterName')} style={{ flex: 1 }}>
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item
                  name="phone"
                  label={t('cases.new.reporterPhone')}
                  style={{ flex: 1 }}
                  rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('cases.new.reporterPhone') }]}
                >
                  <Input maxLength={20} />
                </Form.Item>
              </Space.Compact>
              <Form.Item name="anonymous" valuePropName="checked">
                <Checkbox>{t('cases.new.anonymous')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} lg={13}>
              <Form.Item label={t('cases.new.location')} extra={t('cases.new.locationHelp')}>
                <Space>
                  <Form.Item name="lon" noStyle>
                    <InputNumber
                      placeholder={t('cases.new.lon')}
                      step={0.0001}
                      style={{ width: 160 }}
                      aria-label={t('cases.new.lon')}
                    />
                  </Form.Item>
                  <Form.Item name="lat" noStyle>
                    <InputNumber
                      placeholder={t('cases.new.lat')}
                      step={0.0001}
                      style={{ width: 160 }}
                      aria-label={t('cases.new.lat')}
                    />
                  </Form.Item>
                </Space>
              </Form.Item>
              <Suspense fallback={<Spin />}>
                <CaseMap
                  location={point}
                  gridCode={null}
                  onPick={(p) => form.setFieldsValue({ lon: p.lon, lat: p.lat })}
                  height={420}
                />
              </Suspense>
            </Col>
          </Row>
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            loading={report.isPending}
            data-testid="new-case-submit"
          >
            {t('cases.new.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
