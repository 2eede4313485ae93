import type { CreateMatterBody, Matter, UpdateMatterBody } from '@yiwang/contracts';
import {
  type FormFieldDatatype as Datatype,
  EVENT_CLASSES,
  FACILITY_CLASSES,
  FORM_FIELD_DATATYPES,
  HANDLING_LEVELS,
  isListDatatype as isList,
  LIMIT_CLASSES,
  MATTER_CATEGORIES,
} from '@yiwang/contracts/vocabulary';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Col,
  Divider,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { useDepartments, useMatterDetail, useMatters, useSaveMatter } from './catalog-api';
import { useCatalogI18n } from './catalog-messages';
import {
  changesOf,
  DEFAULT_LIMITS,
  editableOf,
  type FieldForm,
  formOf,
  type MatterForm,
  namePathOf,
  nextCode,
} from './matter-form';

// The dialog's choices are the shared vocabulary's lists.
const CATEGORIES = MATTER_CATEGORIES;
const LEVELS = HANDLING_LEVELS;
const LIMITS = LIMIT_CLASSES;
const DATATYPES = FORM_FIELD_DATATYPES;
const FACILITY = FACILITY_CLASSES;
const EVENT = EVENT_CLASSES;

/** Puts the server's field problems under their fields; answers those that have no field here. */
function showProblems(form: FormInstance<MatterForm>, error: ApiError): string[] {
  const fieldCount = (form.getFieldValue('formFields') as FieldForm[] | undefined)?.length ?? 0;
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: string[] = [];
  for (const problem of error.details) {
    const name = namePathOf(problem.field, fieldCount);
    if (!name) {
      rest.push(problem.message);
      continue;
    }
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(problem.message)) entry.errors.push(problem.message);
    byPath.set(key, entry);
  }
  // The paths come from the server's field names, so the form's typed paths cannot be checked here.
  (form as FormInstance).setFields([...byPath.values()]);
  const first = [...byPath.values()][0];
  if (first) (form as FormInstance).scrollToField(first.name, { block: 'center' });
  return rest;
}

function History({ code }: { code: string }) {
  const { t } = useCatalogI18n();
  const detail = useMatterDetail(code);
  if (!detail.data) return null;
  return (
    <Timeline
      data-testid="matter-history"
      items={[...detail.data.history].reverse().map((m) => ({
        color: m.validTo === null ? 'blue' : 'gray',
        content: (
          <span data-version={m.version}>
            {t('catalog.versionN', { version: m.version })} ·{' '}
            {t('catalog.since', { date: formatDateTime(m.validFrom) })}
            {m.validTo === null && (
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {t('catalog.current')}
              </Tag>
            )}
            <span className="yw-muted">
              {' '}
              · {t('catalog.handle')} {m.timeLimits.handle.amount} {t(`catalog.unit.${m.timeLimits.handle.unit}`)}
            </span>
          </span>
        ),
      }))}
    />
  );
}

export interface MatterDialogProps {
  /** The matter to edit or view; null adds a new one. */
  matter: Matter | null;
  readOnly: boolean;
  onClose(): void;
}

/**
 * Add, edit or view a matter: names, level, time limits per stage, difficulty, on-site
 * verification, duplicate rules, owner departments, escalation, report form fields. A
 * save opens a new version; the server's refusals are shown under the fields they name.
 */
export function MatterDialog({ matter, readOnly, onClose }: MatterDialogProps) {
  const { t, locale } = useCatalogI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MatterForm>();
  const [error, setError] = useState<{ message: string; rest: string[] } | null>(null);
  const save = useSaveMatter(matter?.code ?? null);
  const departments = useDepartments();
  const all = useMatters({ includeInactive: true });
  const kind = Form.useWatch('kind', form);
  const escalationOn = Form.useWatch('escalationOn', form);
  const creating = matter === null;

  const initial = useMemo<Partial<MatterForm>>(
    () =>
      matter
        ? formOf(matter)
        : {
            kind: 'event',
            handlingLevel: 'town',
            limitClass: 'routine',
            timeLimits: DEFAULT_LIMITS.routine,
            difficulty: 2,
            needsOnSiteVerification: true,
            // Sensitive until an administrator decides the public may see its cases.
            listedPublicly: false,
            duplicateRadiusMeters: 50,
            duplicateWindowHours: 72,
            keywords: [],
            formFields: [],
            escalationOn: false,
            escalationAfter: 2,
            active: true,
            ownerUnitCodes: [],
          },
    [matter],
  );

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    let body: CreateMatterBody | UpdateMatterBody;
    if (matter) {
      const changes = changesOf(matter, values);
      if (Object.keys(changes).length === 0) {
        // void: the toast's promise only resolves when it closes; nothing to wait for.
        void message.info(t('catalog.unchanged'));
        onClose();
        return;
      }
      body = { ...changes, reason: values.reason.trim() };
    } else {
      const { escalation, ...editable } = editableOf(values);
      body = {
        ...editable,
        code: values.code.trim(),
        category: values.category,
        kind: values.kind,
        gbClass: values.gbClass,
        escalation,
        reason: values.reason.trim(),
      };
    }
    try {
      const saved = await save.mutateAsync(body);
      // void: the toast's promise only resolves when it closes; nothing to wait for.
      void message.success(
        creating
          ? t('catalog.created', { code: saved.matter.code })
          : t('catalog.saved', { code: saved.matter.code, version: saved.matter.version }),
      );
      onClose();
    } catch (e) {
      setError({ message: errorText(e), rest: e instanceof ApiError ? showProblems(form, e) : [] });
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  const title = creating
    ? t('catalog.createTitle')
    : t(readOnly ? 'catalog.viewTitle' : 'catalog.editTitle', {
        code: matter.code,
        name: locale === 'en-US' ? matter.nameEn : matter.name,
      });
  const departmentOptions = (departments.data ?? []).map((d) => ({ value: d.code, label: d.name }));

  return (
    <Modal
      open
      title={title}
      width={920}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'matter-save' } as ButtonProps}
      footer={readOnly ? (_, { CancelBtn }) => <CancelBtn /> : undefined}
      destroyOnHidden
    >
      <div data-testid="matter-dialog">
        <Alert className="yw-form-alert" type="info" showIcon title={t('catalog.versionHelp')} />
        {error && (
          <Alert
            className="yw-form-alert"
            type="error"
            showIcon
            title={error.message}
            description={error.rest.length > 0 ? `${t('catalog.moreProblems')} ${error.rest.join('；')}` : undefined}
          />
        )}
        <Form<MatterForm>
          form={form}
          layout="vertical"
          initialValues={initial}
          disabled={readOnly}
          onValuesChange={(changed: Partial<MatterForm>) => {
            if (creating && changed.category) {
              form.setFieldValue(
                'code',
                nextCode(
                  changed.category,
                  (all.data?.items ?? []).map((m) => m.code),
                ),
              );
            }
            if (creating && changed.limitClass) form.setFieldValue('timeLimits', DEFAULT_LIMITS[changed.limitClass]);
            if (changed.kind) form.setFieldValue('gbClass', undefined);
          }}
        >
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="category" label={t('catalog.category')} rules={creating ? required : []}>
                <Select
                  disabled={!creating}
                  options={CATEGORIES.map((c) => ({ value: c, label: t(`catalog.category.${c}`) }))}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="code"
                label={t('catalog.code')}
                rules={creating ? required : []}
                tooltip={creating ? t('catalog.codeHelp') : undefined}
              >
                <Input disabled={!creating} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="kind" label={t('catalog.kind')}>
                <Select
                  disabled={!creating}
                  options={(['facility', 'event'] as const).map((k) => ({ value: k, label: t(`catalog.kind.${k}`) }))}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="gbClass" label={t('catalog.gbClass')} rules={creating ? required : []}>
                <Select
                  disabled={!creating}
                  options={(kind === 'facility' ? FACILITY : EVENT).map((c) => ({
                    value: c,
                    label: t(`catalog.class.${c}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                name="name"
                label={t('catalog.name')}
                rules={[{ required: true, whitespace: true, message: t('form.required') }]}
              >
                <Input maxLength={60} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="nameEn"
                label={t('catalog.nameEn')}
                rules={[{ required: true, whitespace: true, message: t('form.required') }]}
              >
                <Input maxLength={120} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="pinyinInitials"
                label={t('catalog.pinyin')}
                tooltip={t('catalog.pinyinHelp')}
                rules={required}
              >
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="ownerUnitCodes"
                label={t('catalog.owners')}
                tooltip={t('catalog.ownersHelp')}
                rules={required}
              >
                <Select mode="multiple" options={departmentOptions} optionFilterProp="label" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="handlingLevel" label={t('catalog.handlingLevel')}>
                <Select options={LEVELS.map((l) => ({ value: l, label: t(`catalog.level.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="difficulty" label={t('catalog.difficulty')}>
                <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>

          <Divider titlePlacement="start">{t('catalog.timeLimits')}</Divider>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="limitClass" label={t('catalog.limitClass')}>
                <Select options={LIMITS.map((l) => ({ value: l, label: t(`catalog.limit.${l}`) }))} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name={['timeLimits', 'registerHours']} label={t('catalog.registerHours')}>
                <InputNumber min={0.5} max={16} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name={['timeLimits', 'dispatchHours']} label={t('catalog.dispatchHours')}>
                <InputNumber min={0.5} max={16} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={t('catalog.handle')} required>
                <Space.Compact block>
                  <Form.Item name={['timeLimits', 'handle', 'amount']} noStyle>
                    <InputNumber min={0.5} max={1000} step={0.5} aria-label={t('catalog.handle')} />
                  </Form.Item>
                  <Form.Item name={['timeLimits', 'handle', 'unit']} noStyle>
                    <Select
                      style={{ width: 120 }}
                      options={(['working_days', 'working_hours'] as const).map((u) => ({
                        value: u,
                        label: t(`catalog.unit.${u}`),
                      }))}
                    />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name={['timeLimits', 'verifyHours']} label={t('catalog.verifyHours')}>
                <InputNumber min={0.5} max={16} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name="needsOnSiteVerification" label={t('catalog.onSite')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="listedPublicly"
                label={t('catalog.listedPublicly')}
                tooltip={t('catalog.listedPubliclyHelp')}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="duplicateRadiusMeters" label={t('catalog.duplicateRadius')}>
                <InputNumber min={5} max={1000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="duplicateWindowHours" label={t('catalog.duplicateWindow')}>
                <InputNumber min={1} max={2160} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label={t('catalog.escalation')}>
                <Space>
                  <Form.Item name="escalationOn" valuePropName="checked" noStyle>
                    <Switch aria-label={t('catalog.escalation')} />
                  </Form.Item>
                  {escalationOn && (
                    <Form.Item name="escalationAfter" noStyle>
                      <InputNumber min={0} max={200} aria-label={t('catalog.escalationAfter')} suffix="h" />
                    </Form.Item>
                  )}
                </Space>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="keywords" label={t('catalog.keywords')}>
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
          </Form.Item>

          <Divider titlePlacement="start">{t('catalog.formFields')}</Divider>
          <Form.List name="formFields">
            {(items, { add, remove }) => (
              <>
                {items.map(({ key, name }) => (
                  <FormFieldRow key={key} index={name} onRemove={() => remove(name)} readOnly={readOnly} />
                ))}
                {!readOnly && (
                  <Button
                    type="dashed"
                    onClick={() =>
                      add({ code: '', datatype: 'string', required: false, description: '', descriptionEn: '' })
                    }
                  >
                    {t('catalog.field.add')}
                  </Button>
                )}
              </>
            )}
          </Form.List>

          {!creating && (
            <>
              <Divider titlePlacement="start">{t('catalog.history')}</Divider>
              <History code={matter.code} />
              <Form.Item name="active" label={t('catalog.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </>
          )}
          {!readOnly && (
            <Form.Item
              name="reason"
              label={t(creating ? 'catalog.createReason' : 'catalog.reason')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('form.required') }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}

function FormFieldRow({ index, onRemove, readOnly }: { index: number; onRemove(): void; readOnly: boolean }) {
  const { t } = useCatalogI18n();
  const form = Form.useFormInstance<MatterForm>();
  const datatype = Form.useWatch(['formFields', index, 'datatype'], form) as Datatype | undefined;
  return (
    <div className="yw-card" data-testid={`form-field-${index}`} style={{ marginBottom: 12 }}>
      <Row gutter={12}>
        <Col span={5}>
          <Form.Item
            name={[index, 'code']}
            label={t('catalog.field.code')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={[index, 'datatype']} label={t('catalog.field.datatype')}>
            <Select options={DATATYPES.map((d) => ({ value: d, label: t(`catalog.datatype.${d}`) }))} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={[index, 'description']} label={t('catalog.field.description')}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={[index, 'descriptionEn']} label={t('catalog.field.descriptionEn')}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={2}>
          <Form.Item name={[index, 'required']} label={t('catalog.field.required')} valuePropName="checked">
            <Switch size="small" />
          </Form.Item>
        </Col>
        <Col span={2}>
          {!readOnly && (
            <Form.Item label=" ">
              <Button danger type="link" onClick={onRemove} aria-label={t('catalog.field.remove')}>
                ×
              </Button>
            </Form.Item>
          )}
        </Col>
      </Row>
      {datatype && isList(datatype) && (
        <Form.Item name={[index, 'valuesText']} label={t('catalog.field.values')}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
    </div>
  );
}
