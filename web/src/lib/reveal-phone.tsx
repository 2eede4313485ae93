import { useMutation } from '@tanstack/react-query';
import { App, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { api } from './api';
import { errorText } from './form-errors';
import { useI18n } from './i18n/i18n-provider';

/**
 * "Show full number" beside a masked phone: asks for the purpose (the server writes it to
 * the audit log before answering), then shows the number in place. `path` is the API's
 * reveal endpoint for that phone (a case report's, an account's).
 */
export function RevealPhone({ path }: { path: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const reveal = useMutation({
    mutationFn: (stated: string) => api.post<{ phone: string }>(path, { purpose: stated }),
  });
  const phone = reveal.data?.phone;
  if (phone) return <span data-testid="revealed-phone">{phone}</span>;
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {t('reveal.phone')}
      </Button>
      <Modal
        open={open}
        title={t('reveal.phone')}
        okText={t('reveal.confirm')}
        cancelText={t('action.cancel')}
        confirmLoading={reveal.isPending}
        okButtonProps={{ disabled: purpose.trim().length < 2 }}
        onCancel={() => setOpen(false)}
        onOk={() =>
          reveal.mutate(purpose.trim(), {
            onSuccess: () => setOpen(false),
            onError: (error) => message.error(errorText(error)),
          })
        }
      >
        <p className="yw-muted">{t('reveal.purposeHelp')}</p>
        <Input placeholder={t('reveal.purpose')} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
      </Modal>
    </>
  );
}
