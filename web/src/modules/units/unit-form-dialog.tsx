import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitBody, Unit, UpdateUnitBody } from '@yiwang/contracts';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { UNIT_KINDS } from '../../lib/contracts';
import { showApiErrorOnForm } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { unitKindLabel } from '../../lib/labels';
import { RegionSelect } from '../regions';

const FIELDS = ['code', 'name', 'kind', 'regionCode'] as const;

export interface UnitFormDialogProps {
  /** The unit to edit; undefined creates a new one. */
  unit?: Unit | undefined;
  open: boolean;
  onClose(): void;
}

/**
 * Create or edit a unit. The code is fixed once created (other systems refer to it).
 * Give it a new `key` per opening so that each opening starts with a fresh form.
 */
export function UnitFormDialog({ unit, open, onClose }: UnitFormDialogProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateUnitBody>();
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (values: CreateUnitBody) => {
      if (!unit) return api.post<Unit>('/units', { ...values, code: values.code.trim(), name: values.name.trim() });
      const changes: UpdateUnitBody = {};
      if (values.name.trim() !== unit.name) changes.name = values.name.trim();
      if (values.kind !== unit.kind) changes.kind = values.kind;
      if (values.regionCode !== unit.regionCode) changes.regionCode = values.regionCode;
      return api.patch<Unit>(`/units/${unit.id}`, changes);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['units'] });
      void message.success(unit ? t('units.updated', { name: saved.name }) : t('units.created', { name: saved.name }));
      onClose();
    },
    onError: (error) => setFormError(showApiErrorOnForm(form, error, FIELDS)),
  });

  return (
    <Modal
      open={open}
      title={unit ? t('units.editTitle', { name: unit.name }) : t('units.createTitle')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      {formError && <Alert className="yw-form-alert" type="error" showIcon title={formError} />}
      <Form<CreateUnitBody>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          unit
            ? { code: unit.code, name: unit.name, kind: unit.kind, regionCode: unit.regionCode }
            : { kind: 'department' }
        }
        onFinish={(values) => {
          setFormError(null);
          save.mutate(values);
        }}
      >
        <Form.Item
          name="code"
          label={t('units.code')}
          extra={unit ? undefined : t('units.codeHelp')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input disabled={Boolean(unit)} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={UNIT_KINDS.map((kind) => ({ value: kind, label: unitKindLabel(t, kind) }))} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('units.region')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <RegionSelect currentLabel={unit?.regionName} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
