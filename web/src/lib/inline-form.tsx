import { Alert, Button, Card, Space } from 'antd';
import type { ChangeEvent, ReactNode } from 'react';
import { errorText } from './form-errors';

/**
 * The workstation pages' one-line registration form: a small card with its fields in a row, one
 * submit button and the server's refusal under them. The fields stay filled when the server
 * refuses, so nothing typed is lost.
 */
export function InlineFormCard({
  title,
  submitLabel,
  onSubmit,
  pending,
  error,
  disabled,
  primary = true,
  submitTestId,
  errorTestId,
  children,
}: {
  title: string;
  submitLabel: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  disabled?: boolean;
  primary?: boolean;
  submitTestId?: string;
  errorTestId?: string;
  children: ReactNode;
}) {
  return (
    <Card title={title} size="small">
      <Space wrap>
        {children}
        <Button
          type={primary ? 'primary' : 'default'}
          onClick={onSubmit}
          loading={pending}
          disabled={disabled}
          data-testid={submitTestId}
        >
          {submitLabel}
        </Button>
      </Space>
      {error ? <Alert type="error" message={errorText(error)} data-testid={errorTestId} /> : null}
    </Card>
  );
}

/**
 * The props of a text input bound to one text field of a draft: named for screen readers and
 * hinted by the same label (the row has no room for labels above the inputs).
 */
export function draftText<T extends object, K extends keyof T & string>(
  draft: T,
  setDraft: (next: T) => void,
  field: K,
  label: string,
) {
  return {
    'aria-label': label,
    placeholder: label,
    value: draft[field] as unknown as string,
    onChange: (e: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [field]: e.target.value }),
  };
}
