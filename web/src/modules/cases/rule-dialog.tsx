import type { RoutingRuleBody, RoutingRuleView } from '@yiwang/contracts';
import { MATTER_CATEGORIES, type MatterCategory } from '@yiwang/contracts/vocabulary';
import { Alert, App, Form, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { GridSelect } from '../grids';
import { RegionSelect } from '../regions';
import { UnitSelect } from '../units';
import { MatterSelect } from './matter-select';
import { useSaveRule } from './routing-api';
import { useRoutingI18n } from './routing-messages';

type Category = MatterCategory;

interface RuleForm {
  matterKind: 'code' | 'category' | 'any';
  matterCode?: string;
  matterCategory?: Category;
  placeKind: 'region' | 'grid' | 'any';
  regionCode?: string;
  gridCode?: string;
  unitId: string | null;
  before: string;
}

const END = '';

function formOf(rule: RoutingRuleView | null): Partial<RuleForm> {
  if (!rule) return { matterKind: 'code', placeKind: 'region', unitId: null, before: END };
  const m = rule.matter;
  const p = rule.place;
  return {
    matterKind: m === '*' ? 'any' : 'matterCode' in m ? 'code' : 'category',
    matterCode: m !== '*' && 'matterCode' in m ? m.matterCode : undefined,
    matterCategory: m !== '*' && 'matterCategory' in m ? (m.matterCategory as Category) : undefined,
    placeKind: p === '*' ? 'any' : 'gridCode' in p ? 'grid' : 'region',
    regionCode: p !== '*' && 'regionCode' in p ? p.regionCode : undefined,
    gridCode: p !== '*' && 'gridCode' in p ? p.gridCode : undefined,
    unitId: rule.unit.id,
  };
}

function bodyOf(v: RuleForm, rule: RoutingRuleView | null): RoutingRuleBody {
  return {
    matter:
      v.matterKind === 'any'
        ? '*'
        : v.matterKind === 'code'
          ? { matterCode: v.matterCode ?? '' }
          : { matterCategory: v.matterCategory ?? 'other' },
    place:
      v.placeKind === 'any'
        ? '*'
        : v.placeKind === 'grid'
          ? { gridCode: v.gridCode ?? '' }
          : { regionCode: v.regionCode ?? '' },
    unitId: v.unitId ?? '',
    // The dialog does not edit posts and people; a rule keeps those it has.
    ...(rule?.postId ? { postId: rule.postId } : {}),
    ...(rule?.personUserId ? { personUserId: rule.personUserId } : {}),
  };
}

/** Server field names (`place.gridCode`) → this form's fields. */
const FORM_FIELD: Record<string, keyof RuleForm> = {
  matter: 'matterKind',
  'matter.matterCode': 'matterCode',
  'matter.matterCategory': 'matterCategory',
  place: 'placeKind',
  'place.regionCode': 'regionCode',
  'place.gridCode': 'gridCode',
  unitId: 'unitId',
  before: 'before',
};

/** Adds or edits a dispatch rule: which matters, where, to which unit; a new one also says where in the order. */
export function RuleDialog({
  rule,
  rules,
  onClose,
}: {
  rule: RoutingRuleView | null;
  rules: readonly RoutingRuleView[];
  onClose(): void;
}) {
  const { t } = useRoutingI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  const [error, setError] = useState<string | null>(null);
  const save = useSaveRule(rule?.code ?? null);
  const matterKind = Form.useWatch('matterKind', form);
  const placeKind = Form.useWatch('placeKind', form);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      const body = bodyOf(values, rule);
      const saved = await save.mutateAsync(rule ? body : { ...body, before: values.before || null });
      // void: the toast's promise only resolves when it closes; nothing to wait for.
      void message.success(t('routing.saved', { code: saved.code }));
      onClose();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) {
        form.setFields(
          e.details.flatMap((d) => {
            const name = FORM_FIELD[d.field];
            return name ? [{ name, errors: [d.message] }] : [];
          }),
        );
      }
    }
  };

  const required = [{ required: true, message: t('form.required') }];
  return (
    <Modal
      open
      title={rule ? t('routing.editTitle', { code: rule.code }) : t('routing.createTitle')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      <div data-testid="rule-dialog">
        {error && <Alert className="yw-form-alert" type="error" showIcon title={error} />}
        <Form<RuleForm> form={form} name="rule" layout="vertical" initialValues={formOf(rule)}>
          <Form.Item name="matterKind" label={t('routing.matterKind')}>
            <Radio.Group
              options={(['code', 'category', 'any'] as const).map((k) => ({
                value: k,
                label: t(`routing.matterKind.${k}`),
              }))}
            />
          </Form.Item>
          {matterKind === 'code' && (
            <Form.Item name="matterCode" label={t('routing.matter')} rules={required}>
              <MatterSelect width="100%" />
            </Form.Item>
          )}
          {matterKind === 'category' && (
            <Form.Item name="matterCategory" label={t('routing.matterKind.category')} rules={required}>
              <Select options={MATTER_CATEGORIES.map((c) => ({ value: c, label: t(`routing.category.${c}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="placeKind" label={t('routing.placeKind')}>
            <Radio.Group
              options={(['region', 'grid', 'any'] as const).map((k) => ({
                value: k,
                label: t(`routing.placeKind.${k}`),
              }))}
            />
          </Form.Item>
          {placeKind === 'region' && (
            <Form.Item name="regionCode" label={t('routing.placeKind.region')} rules={required}>
              <RegionSelect />
            </Form.Item>
          )}
          {placeKind === 'grid' && (
            <Form.Item name="gridCode" label={t('routing.placeKind.grid')} rules={required}>
              <GridSelect baseGrids />
            </Form.Item>
          )}
          <Form.Item name="unitId" label={t('routing.unit')} rules={required}>
            <UnitSelect currentLabel={rule?.unit.name ?? null} />
          </Form.Item>
          {rule && (rule.postId || rule.personUserId) && (
            <Alert className="yw-form-alert" type="info" showIcon title={t('routing.keepsAssignee')} />
          )}
          {!rule && (
            <Form.Item name="before" label={t('routing.position')}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={[
                  { value: END, label: t('routing.position.end') },
                  ...rules.map((r) => ({ value: r.code, label: t('routing.position.before', { code: r.code }) })),
                ]}
              />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
