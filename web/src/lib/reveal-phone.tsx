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
  const [pending, setPending] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
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
        confirmLoading={pending}
        okButtonProps={{ disabled: purpose.trim().length < 2 }}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          setPending(true);
          try {
            setPhone((await api.post<{ phone: string }>(path, { purpose: purpose.trim() })).phone);
            setOpen(false);
          } catch (error) {
            message.error(errorText(error));
          } finally {
            setPending(false);
          }
        }}
      >
        <p className="yw-muted">{t('reveal.purposeHelp')}</p>
        <Input placeholder={t('reveal.purpose')} value={purpose} onChange={(e) => setPurpose(e.target.value)} />
      </Modal>
    </>
  );
}
