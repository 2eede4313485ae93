import { PlusOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { errorText } from '../../lib/form-errors';
import { compressForUpload } from '../../shared/compress-photo';
import { uploadPhoto } from './cases-api';
import { useCasesI18n } from './cases-messages';

/**
 * Uploads photos as they are chosen and hands their ids over (a form control: value = photo ids).
 * Each is shrunk first, like in the worker app and the portal, so a 20 MB phone photo goes too.
 */
export function PhotoUpload({ onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useCasesI18n();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  return (
    <Upload
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp"
      multiple
      fileList={files}
      data-testid="photo-upload"
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const { blob, name } = await compressForUpload(file as File);
          onSuccess?.(await uploadPhoto(blob, name));
        } catch (error) {
          // void: the toast's promise only resolves when it closes; nothing to wait for.
          void message.error(errorText(error));
          onError?.(error as Error);
        }
      }}
      onChange={({ fileList }) => {
        setFiles(fileList);
        const ids = fileList.flatMap((f) => {
          const id = (f.response as { id?: string } | undefined)?.id;
          return f.status === 'done' && id ? [id] : [];
        });
        onChange?.(ids);
      }}
    >
      {files.length < 9 && (
        <button type="button" style={{ border: 0, background: 'none' }}>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>{t('cases.upload')}</div>
        </button>
      )}
    </Upload>
  );
}
