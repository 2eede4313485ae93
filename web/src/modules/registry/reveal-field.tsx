import { useMutation } from '@tanstack/react-query';
import { App, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { useRegistryI18n } from './registry-messages';

/**
 * "Show in full" beside a person's masked ID number or phone: asks for the purpose (the server
 * writes it to the audit log before answering), then shows the value in place.
 */
export function RevealField({ personId, field }: { personId: string; field: 'idNumber' | 'phone' }) {
  const { t } = useRegistryI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const reveal = useMutation({
    mutationFn: (stated: string) =>
      api.post<{ value: string }>(`/registry/people/${personId}/reveal`, { field, purpose: stated }),
  });
  const value = reveal.data?.value;
  if (value) return <span data-testid={`revealed-${field}`}>{value}</span>;
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid={`reveal-${field}`}>
        {t('r.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('r.reveal')}
        okText={t('r.revealConfirm')}
        cancelText={t('action.cancel')}
        confirmLoading={reveal.isPending}
        okButtonProps={{ disabled: purpose.trim().length < 2, id: `reveal-ok-${field}` }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          reveal.mutate(purpose.trim(), {
            onSuccess: () => setOpen(false),
            onError: (error) => message.error(errorText(error)),
          })
        }
      >
        <p className="yw-muted">{t('r.purposeHelp')}</p>
        <Input
          placeholder={t('r.purpose')}
          aria-label={t('r.purpose')}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          data-testid="reveal-purpose"
        />
      </Modal>
    </>
  );
}
