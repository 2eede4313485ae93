import type { CaseCommandBody, CaseDetail } from '@yiwang/contracts';
import { RATINGS, type RatingName } from '@yiwang/contracts/vocabulary';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { isApiError } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { UnitSelect, useUnits } from '../units';
import { useCaseCommand, useRouting } from './cases-api';
import { useCasesI18n } from './cases-messages';
import { PhotoUpload } from './photo-upload';

export type CommandType = CaseCommandBody['type'];

const OPEN = ['reported', 'registered', 'dispatched', 'accepted', 'returned', 'handled', 'on_hold'];

/**
 * The commands this user may try on this case now: a mirror of the server's rules
 * (workflow.ts AUTHORITY and ALLOWED_STATES) to decide which buttons to show. The
 * server still decides; a refusal comes back with its reason.
 */
export function availableCommands(detail: CaseDetail, session: ReturnType<typeof useSignedIn>): CommandType[] {
  const { case: c, workflow } = detail;
  const unitId = session.user.unit?.id ?? null;
  const can = (p: Parameters<typeof hasPermission>[1]) => hasPermission(session, p);
  const command = can('cases.operate') && unitId !== null && unitId === c.commandUnit.id;
  const assigned = can('cases.handle') && unitId !== null && unitId === c.assignedUnit?.id;
  const summoned = can('cases.handle') && workflow.whistle?.units.some((u) => u.unitId === unitId) === true;
  const fieldChecker = session.user.roles.some((r) => r === 'grid_worker' || r === 'patroller' || r === 'supervisor');
  const s = c.state;
  const out: CommandType[] = [];
  const add = (type: CommandType, when: boolean) => when && out.push(type);
  const pendingExtension = workflow.extensions.some((e) => e.status === 'pending');
  add('register', command && s === 'reported');
  add('dispatch', command && s === 'registered');
  add('accept', assigned && s === 'dispatched');
  add('return', assigned && s === 'dispatched');
  add('submit_feedback', assigned && s === 'accepted');
  add('request_extension', assigned && s === 'accepted' && !pendingExtension);
  add('verify_pass', s === 'handled' && can('cases.verify') && (fieldChecker || command));
  add('verify_fail', s === 'handled' && can('cases.verify') && (fieldChecker || command));
  add('rate', command && s === 'closed');
  add('archive', command && (s === 'closed' || s === 'rated'));
  add('review_return', command && s === 'returned');
  add('redispatch', command && ['dispatched', 'accepted', 'returned'].includes(s));
  add('approve_extension', command && s === 'accepted' && pendingExtension);
  add('reject_extension', command && s === 'accepted' && pendingExtension);
  add('hold', command && ['registered', 'dispatched', 'accepted'].includes(s));
  add('resume', command && s === 'on_hold');
  add('escalate', command && c.level !== 'city' && ['registered', 'dispatched', 'accepted', 'returned'].includes(s));
  add(
    'whistle',
    command &&
      session.user.roles.includes('operator') &&
      c.level === 'town' &&
      ['registered', 'dispatched', 'accepted'].includes(s),
  );
  add('report_arrival', summoned && ['registered', 'dispatched', 'accepted', 'returned'].includes(s));
  add('record_part', summoned && ['registered', 'dispatched', 'accepted', 'returned'].includes(s));
  add(
    'supervise',
    can('cases.supervise') &&
      session.user.roles.some((r) => r === 'operator' || r === 'leader' || r === 'supervisor') &&
      OPEN.includes(s),
  );
  add('void', command && (s === 'reported' || s === 'registered'));
  return out;
}

/** The unit whose return was upheld last, if no dispatch has happened since. */
function lastUpheldReturn(detail: CaseDetail): string | null {
  for (const e of [...detail.timeline].reverse()) {
    if (e.type === 'dispatched' || e.type === 'redispatched') return null;
    const unitId = (e.details as { unitId?: unknown } | null)?.unitId;
    if (e.type === 'return_upheld' && typeof unitId === 'string') return unitId;
  }
  return null;
}

const PRIMARY: ReadonlySet<CommandType> = new Set([
  'register',
  'dispatch',
  'accept',
  'submit_feedback',
  'verify_pass',
  'rate',
  'archive',
  'report_arrival',
]);
const DANGER: ReadonlySet<CommandType> = new Set(['void', 'return', 'verify_fail']);

/** Several units (whistle): searched like UnitSelect. */
function UnitsSelect({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useCasesI18n();
  const [q, setQ] = useState('');
  const units = useUnits({ q: q || undefined, kind: 'department', includeAbove: true, limit: 50, offset: 0 });
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={onChange}
      placeholder={t('units.selectPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
    />
  );
}

interface FormValues {
  reason?: string;
  note?: string;
  text?: string;
  unitId?: string | null;
  assistingUnitIds?: string[];
  decision?: 'uphold' | 'reject';
  rating?: RatingName;
  unitAtFault?: boolean;
  comment?: string;
  photoIds?: string[];
  amount?: number;
  durationUnit?: 'working_days' | 'working_hours';
  unitIds?: string[];
  arriveBy?: Dayjs;
  reviewAt?: Dayjs;
}

const opt = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

function toCommand(type: CommandType, v: FormValues): CaseCommandBody {
  switch (type) {
    case 'register':
    case 'accept':
    case 'archive':
    case 'resume':
    case 'report_arrival':
      return { type };
    case 'void':
    case 'return':
    case 'escalate':
      return { type, reason: v.reason?.trim() ?? '' };
    case 'hold':
      // The start of the chosen day: the case is back in 挂账到期 when that day begins.
      return { type, reason: v.reason?.trim() ?? '', reviewAt: v.reviewAt?.startOf('day').toISOString() ?? '' };
    case 'verify_fail':
      return { type, reason: v.reason?.trim() ?? '' };
    case 'dispatch':
      return {
        type,
        unitId: v.unitId ?? '',
        ...(v.assistingUnitIds?.length ? { assistingUnitIds: v.assistingUnitIds } : {}),
      };
    case 'redispatch':
      return { type, unitId: v.unitId ?? '', reason: v.reason?.trim() ?? '' };
    case 'review_return':
      return { type, decision: v.decision ?? 'uphold', ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'submit_feedback':
      return { type, text: v.text?.trim() ?? '', photoIds: v.photoIds ?? [] };
    case 'verify_pass':
      return {
        type,
        ...(opt(v.note) ? { note: opt(v.note) } : {}),
        ...(v.photoIds?.length ? { photoIds: v.photoIds } : {}),
      };
    case 'rate':
      return {
        type,
        rating: v.rating ?? 'satisfied',
        ...(v.unitAtFault ? { unitAtFault: true } : {}),
        ...(opt(v.comment) ? { comment: opt(v.comment) } : {}),
      };
    case 'request_extension':
      return {
        type,
        extra: { unit: v.durationUnit ?? 'working_days', amount: v.amount ?? 1 },
        reason: v.reason?.trim() ?? '',
      };
    case 'approve_extension':
    case 'supervise':
      return { type, ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'reject_extension':
      return { type, note: v.note?.trim() ?? '' };
    case 'whistle':
      return {
        type,
        unitIds: v.unitIds ?? [],
        ...(v.arriveBy ? { arriveBy: v.arriveBy.toISOString() } : {}),
        ...(opt(v.note) ? { note: opt(v.note) } : {}),
      };
    case 'record_part':
      return { type, text: v.text?.trim() ?? '' };
  }
}

const REASON_REQUIRED: ReadonlySet<CommandType> = new Set([
  'void',
  'return',
  'hold',
  'escalate',
  'verify_fail',
  'redispatch',
  'request_extension',
]);

/** The dialog of one command: its fields, the suggested unit for dispatch, the server's refusal. */
function CommandDialog({ detail, type, onClose }: { detail: CaseDetail; type: CommandType; onClose(): void }) {
  const { t } = useCasesI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const run = useCaseCommand(detail.case);
  const needsUnit = type === 'dispatch' || type === 'redispatch';
  const routing = useRouting(detail.case.code, needsUnit);
  const suggestion = routing.data ?? detail.routing;
  // After an upheld return the rules may suggest the very unit that returned it: not preselected then.
  const returnedBy = lastUpheldReturn(detail);
  const suggestedReturned = needsUnit && suggestion?.unit != null && suggestion.unit.id === returnedBy;
  const initial = useMemo<FormValues>(
    () => ({
      unitId: needsUnit && suggestion?.unit && !suggestedReturned ? suggestion.unit.id : null,
      decision: 'uphold',
      rating: 'satisfied',
      amount: 2,
      durationUnit: 'working_days',
    }),
    [needsUnit, suggestion, suggestedReturned],
  );

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await run.mutateAsync(toCommand(type, values));
      // void: the toast's promise only resolves when it closes; nothing to wait for.
      void message.success(t('cases.done', { action: t(`cases.cmd.${type}`) }));
      onClose();
    } catch (e) {
      setError(isApiError(e, 412) || isApiError(e, 409) ? `${errorText(e)} ${t('cases.stale')}` : errorText(e));
    }
  };

  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  return (
    <Modal
      open
      title={t(`cases.cmd.${type}`)}
      okText={t('cases.confirm')}
      cancelText={t('action.cancel')}
      confirmLoading={run.isPending}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={type === 'submit_feedback' || type === 'verify_pass' ? 640 : 520}
    >
      <div data-testid={`command-dialog-${type}`}>
        <p>{t('cases.confirmCommand', { code: detail.case.code, action: t(`cases.cmd.${type}`) })}</p>
        {error && <Alert className="yw-form-alert" type="error" showIcon title={error} />}
        {needsUnit && suggestion && (
          <Alert
            className="yw-form-alert"
            type={suggestion.ok ? 'info' : 'warning'}
            showIcon
            data-testid="routing-suggestion"
            title={suggestion.unit ? t('cases.suggested', { unit: suggestion.unit.name }) : t('cases.routing')}
            description={
              <>
                {suggestion.reason}
                {suggestion.person && <div>{suggestion.person.displayName}</div>}
              </>
            }
          />
        )}
        {suggestedReturned && suggestion?.unit && (
          <Alert
            className="yw-form-alert"
            type="warning"
            showIcon
            data-testid="returned-by-suggested"
            title={t('cases.returnedBySuggested', { unit: suggestion.unit.name })}
          />
        )}
        <Form form={form} layout="vertical" initialValues={initial} key={JSON.stringify(initial)}>
          {needsUnit && (
            <Form.Item name="unitId" label={t('cases.unit')} rules={[{ required: true, message: t('form.required') }]}>
              <UnitSelect currentLabel={suggestion?.unit?.name ?? null} includeAbove />
            </Form.Item>
          )}
          {type === 'dispatch' && (
            <Form.Item name="assistingUnitIds" label={t('cases.assisting')}>
              <UnitsSelect />
            </Form.Item>
          )}
          {type === 'review_return' && (
            <Form.Item name="decision" label={t('cases.decision')}>
              <Radio.Group
                options={[
                  { value: 'uphold', label: t('cases.decision.uphold') },
                  { value: 'reject', label: t('cases.decision.reject') },
                ]}
              />
            </Form.Item>
          )}
          {type === 'rate' && (
            <>
              <Form.Item name="rating" label={t('cases.rating')}>
                <Radio.Group
                  options={RATINGS.map((r) => ({
                    value: r,
                    label: t(`cases.rating.${r}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="unitAtFault" valuePropName="checked">
                <Checkbox>{t('cases.unitAtFault')}</Checkbox>
              </Form.Item>
              <Form.Item name="comment" label={t('cases.comment')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
          {type === 'request_extension' && (
            <Form.Item label={t('cases.extraAmount')}>
              <Space.Compact>
                <Form.Item name="amount" noStyle>
                  <InputNumber min={0.5} max={60} step={0.5} />
                </Form.Item>
                <Form.Item name="durationUnit" noStyle>
                  <Select
                    style={{ width: 140 }}
                    options={(['working_days', 'working_hours'] as const).map((u) => ({
                      value: u,
                      label: t(`cases.extraUnit.${u}`),
                    }))}
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          )}
          {type === 'whistle' && (
            <>
              <Form.Item
                name="unitIds"
                label={t('cases.units')}
                rules={[{ required: true, message: t('form.required') }]}
              >
                <UnitsSelect />
              </Form.Item>
              <Form.Item name="arriveBy" label={t('cases.arriveByInput')}>
                <DatePicker showTime format="YYYY-MM-DD HH:mm" />
              </Form.Item>
            </>
          )}
          {type === 'hold' && (
            <Form.Item
              name="reviewAt"
              label={t('cases.reviewAt')}
              extra={t('cases.reviewAtHelp')}
              rules={[{ required: true, message: t('form.required') }]}
            >
              <DatePicker disabledDate={(day) => !day.isAfter(new Date(), 'day')} />
            </Form.Item>
          )}
          {REASON_REQUIRED.has(type) && (
            <Form.Item name="reason" label={t('cases.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          )}
          {(type === 'submit_feedback' || type === 'record_part') && (
            <Form.Item name="text" label={t('cases.text')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {(type === 'submit_feedback' || type === 'verify_pass') && (
            <Form.Item
              name="photoIds"
              label={t('cases.photos')}
              rules={
                type === 'submit_feedback'
                  ? [{ required: true, type: 'array', min: 1, message: t('cases.photoRequired') }]
                  : []
              }
            >
              <PhotoUpload />
            </Form.Item>
          )}
          {['verify_pass', 'review_return', 'approve_extension', 'reject_extension', 'supervise', 'whistle'].includes(
            type,
          ) && (
            <Form.Item name="note" label={t('cases.note')} rules={type === 'reject_extension' ? required : []}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}

/** The buttons of the commands this user may issue now; each opens its dialog. */
export function CaseActions({ detail }: { detail: CaseDetail }) {
  const { t } = useCasesI18n();
  const session = useSignedIn();
  const [open, setOpen] = useState<CommandType | null>(null);
  const commands = availableCommands(detail, session);
  if (commands.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="case-actions">
        {commands.map((type) => (
          <Button
            key={type}
            type={PRIMARY.has(type) ? 'primary' : 'default'}
            danger={DANGER.has(type)}
            onClick={() => setOpen(type)}
            data-testid={`cmd-${type}`}
          >
            {t(`cases.cmd.${type}`)}
          </Button>
        ))}
      </Space>
      {open && <CommandDialog key={open} detail={detail} type={open} onClose={() => setOpen(null)} />}
    </>
  );
}
