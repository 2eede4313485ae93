import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Absence, CreateAbsenceBody } from '@yiwang/contracts';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { PersonSelect } from './person-select';
import { useStaffingI18n } from './staffing-messages';

interface AbsenceForm {
  userId: string;
  period: [Dayjs, Dayjs];
  reason: string;
}

/** The API's field names → this form's (the period is one control). */
const FORM_FIELD: Record<string, keyof AbsenceForm> = {
  userId: 'userId',
  startsAt: 'period',
  endsAt: 'period',
  reason: 'reason',
};

/**
 * Marks a person absent for a period; their posts pass to the backups meanwhile.
 * Give it a new `key` per opening so that each opening starts with a fresh form (and "now").
 */
export function AbsenceDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useStaffingI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AbsenceForm>();
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (values: AbsenceForm) => {
      const body: CreateAbsenceBody = {
        userId: values.userId,
        startsAt: values.period[0].toISOString(),
        endsAt: values.period[1].toISOString(),
        reason: values.reason.trim(),
      };
      return api.post<Absence>('/staffing/absences', body);
    },
    onSuccess: (absence) => {
      void queryClient.invalidateQueries({ queryKey: ['staffing'] });
      void queryClient.invalidateQueries({ queryKey: ['grids', 'detail'] });
      void message.success(t('staffing.marked', { name: absence.userName }));
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const byField = new Map<keyof AbsenceForm, string[]>();
        for (const problem of error.details) {
          const field = FORM_FIELD[problem.field.split('.')[0] ?? ''];
          if (field) byField.set(field, [...(byField.get(field) ?? []), problem.message]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      }
      setFormError(errorText(error));
    },
  });

  return (
    <Modal
      open={open}
      title={t('staffing.markAbsent')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {formError && <Alert className="yw-form-alert" type="error" showIcon title={formError} />}
      <Form<AbsenceForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ period: [dayjs().startOf('minute'), dayjs().add(1, 'day').endOf('day').startOf('minute')] }}
        onFinish={(values) => {
          setFormError(null);
          save.mutate(values);
        }}
      >
        <Form.Item name="userId" label={t('staffing.person')} rules={[{ required: true, message: t('form.required') }]}>
          <PersonSelect />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('staffing.period')}
          rules={[
            { required: true, message: t('form.required') },
            {
              validator: async (_, value: [Dayjs, Dayjs] | null) => {
                if (value && !value[1].isAfter(value[0])) throw new Error(t('staffing.periodOrder'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('staffing.reason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input maxLength={200} placeholder={t('staffing.reasonPlaceholder')} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
