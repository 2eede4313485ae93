import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Activity,
  ActivityList,
  ServiceProviderKind,
  ServiceProviderList,
  SignupList,
  Volunteer,
  VolunteerList,
} from '@yiwang/contracts';
import { SERVICE_PROVIDER_KIND_LABELS, SERVICE_PROVIDER_KINDS } from '@yiwang/contracts/vocabulary';
import { Alert, App, Button, Card, Input, InputNumber, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { draftText, InlineFormCard } from '../../lib/inline-form';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useVolunteersI18n } from './volunteers-messages';

const KEY = ['volunteers'] as const;
const wordsOf = (text: string) =>
  text
    .split(/[,，、]/)
    .map((w) => w.trim())
    .filter(Boolean);
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

function useCanManage() {
  return hasPermission(useSignedIn(), 'volunteers.manage');
}

/** Redeem a service with time-bank points (never more than the balance: the server refuses). */
function SpendPoints({ volunteer }: { volunteer: Volunteer }) {
  const { t } = useVolunteersI18n();
  const refresh = useRefresh();
  const [points, setPoints] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const spend = useMutation({
    mutationFn: () => api.post(`/volunteers/${volunteer.id}/redemptions`, { points, note }),
    onSuccess: () => {
      setPoints(null);
      setNote('');
      return refresh();
    },
  });
  return (
    <Space wrap size={4} data-testid="spend-points">
      <InputNumber
        aria-label={t('v.spendPoints')}
        placeholder={t('v.spendPoints')}
        min={1}
        precision={0}
        size="small"
        value={points}
        onChange={setPoints}
        data-testid="spend-points-amount"
      />
      <Input
        aria-label={t('v.spendNote')}
        placeholder={t('v.spendNote')}
        size="small"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ width: 140 }}
        data-testid="spend-points-note"
      />
      <Button
        size="small"
        disabled={!points || !note.trim()}
        onClick={() => spend.mutate()}
        loading={spend.isPending}
        data-testid="spend-points-do"
      >
        {t('v.spendDo')}
      </Button>
      {spend.error && <Alert type="error" message={errorText(spend.error)} data-testid="spend-points-error" />}
    </Space>
  );
}

function RegistryTab() {
  const { t } = useVolunteersI18n();
  const session = useSignedIn();
  const canManage = useCanManage();
  const refresh = useRefresh();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: [...KEY, 'list', q],
    queryFn: () => api.get<VolunteerList>('/volunteers', { q: q.trim() || undefined }),
  });
  const [draft, setDraft] = useState({
    communityCode: session.user.scope.regionCode,
    name: '',
    skills: '',
    availability: '',
    training: '',
  });
  const register = useMutation({
    mutationFn: () =>
      api.post('/volunteers', {
        communityCode: draft.communityCode,
        name: draft.name,
        skills: wordsOf(draft.skills),
        availability: draft.availability,
        training: wordsOf(draft.training),
      }),
    onSuccess: () => {
      setDraft({ ...draft, name: '', skills: '', availability: '', training: '' });
      return refresh();
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search aria-label={t('v.search')} placeholder={t('v.search')} allowClear onSearch={setQ} />
        <ExportButton path="/volunteers/export.xlsx" query={{ q: q.trim() || undefined }} testId="volunteers-export" />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('v.name'), dataIndex: 'name' },
          { title: t('v.community'), dataIndex: 'communityCode' },
          { title: t('v.skills'), render: (_, v) => v.skills.join('、') },
          { title: t('v.availability'), dataIndex: 'availability' },
          { title: t('v.training'), render: (_, v) => v.training.join('、') },
          { title: t('v.hours'), render: (_, v) => hoursOf(v.minutesServed) },
          {
            title: t('v.points'),
            render: (_, v) => (
              <span data-testid="volunteer-points" data-name={v.name} data-points={v.points}>
                {v.points}
              </span>
            ),
          },
          {
            title: t('v.certificate'),
            render: (_, v) => (
              <a href={`/api/volunteers/${v.id}/certificate`} target="_blank" rel="noreferrer">
                {t('v.certificate')}
              </a>
            ),
          },
          ...(canManage
            ? [{ title: t('v.spend'), render: (_: unknown, v: Volunteer) => <SpendPoints volunteer={v} /> }]
            : []),
        ]}
      />
      {canManage && (
        <InlineFormCard
          title={t('v.register')}
          submitLabel={t('v.register')}
          onSubmit={() => register.mutate()}
          pending={register.isPending}
          error={register.error}
        >
          <Input {...draftText(draft, setDraft, 'communityCode', t('v.community'))} />
          <Input {...draftText(draft, setDraft, 'name', t('v.name'))} />
          <Input {...draftText(draft, setDraft, 'skills', t('v.skills'))} />
          <Input {...draftText(draft, setDraft, 'availability', t('v.availability'))} />
          <Input {...draftText(draft, setDraft, 'training', t('v.training'))} />
        </InlineFormCard>
      )}
    </Space>
  );
}

function ShiftSignups({ shiftId }: { shiftId: string }) {
  const { t } = useVolunteersI18n();
  const canManage = useCanManage();
  const refresh = useRefresh();
  const signups = useQuery({
    queryKey: [...KEY, 'signups', shiftId],
    queryFn: () => api.get<SignupList>(`/volunteer-shifts/${shiftId}/sign-ups`),
    enabled: canManage,
  });
  const [hours, setHours] = useState<Record<string, number | null>>({});
  const verify = useMutation({
    mutationFn: (id: string) =>
      api.post(`/volunteer-sign-ups/${id}/verify`, { minutes: Math.round((hours[id] ?? 0) * 60) }),
    onSuccess: refresh,
  });
  if (!canManage) return null;
  return (
    <Space direction="vertical" size={2}>
      {signups.data?.items.map((s) => (
        <Space key={s.id} wrap data-testid="shift-signup" data-name={s.volunteerName}>
          <strong>{s.volunteerName}</strong>
          {s.verifiedMinutes !== null ? (
            <span data-testid="signup-verified">
              {t('v.verifiedHours', {
                hours: hoursOf(s.verifiedMinutes),
                credited: hoursOf(s.creditedMinutes ?? 0),
              })}
            </span>
          ) : (
            <>
              <InputNumber
                aria-label={t('v.verifyHours')}
                placeholder={t('v.verifyHours')}
                min={0.25}
                max={24}
                step={0.5}
                size="small"
                value={hours[s.id] ?? null}
                onChange={(v) => setHours({ ...hours, [s.id]: v })}
                data-testid="verify-hours"
              />
              <Button
                size="small"
                type="primary"
                disabled={!hours[s.id]}
                onClick={() => verify.mutate(s.id)}
                data-testid="verify-do"
              >
                {t('v.verify')}
              </Button>
            </>
          )}
        </Space>
      ))}
      {verify.error && <Alert type="error" message={errorText(verify.error)} />}
    </Space>
  );
}

function ActivityCard({ activity }: { activity: Activity }) {
  const { t } = useVolunteersI18n();
  return (
    <Card title={activity.title} size="small" data-testid="activity-card" data-title={activity.title}>
      <p>
        {activity.place} · {t('v.organizer')}：{activity.organizerName}
        {activity.capPoints ? ` · ${t('v.capPoints')}：${activity.capPoints}` : ''}
      </p>
      <p>{activity.description}</p>
      {activity.shifts.map((s) => (
        <div key={s.id} data-testid="activity-shift">
          <p>
            {t('v.shift', {
              from: formatDateTime(s.startsAt),
              to: formatDateTime(s.endsAt),
              taken: s.taken,
              capacity: s.capacity,
            })}
          </p>
          <ShiftSignups shiftId={s.id} />
        </div>
      ))}
    </Card>
  );
}

function ActivitiesTab() {
  const { t } = useVolunteersI18n();
  const session = useSignedIn();
  const canManage = useCanManage();
  const refresh = useRefresh();
  const activities = useQuery({
    queryKey: [...KEY, 'activities'],
    queryFn: () => api.get<ActivityList>('/volunteer-activities'),
  });
  const [draft, setDraft] = useState({
    communityCode: session.user.scope.regionCode,
    title: '',
    description: '',
    place: '',
    capPoints: null as number | null,
    startsAt: '',
    endsAt: '',
    capacity: 10 as number | null,
  });
  const create = useMutation({
    mutationFn: () =>
      api.post('/volunteer-activities', {
        communityCode: draft.communityCode,
        title: draft.title,
        description: draft.description,
        place: draft.place,
        ...(draft.capPoints ? { capPoints: draft.capPoints } : {}),
        shifts: [
          {
            startsAt: draft.startsAt ? new Date(draft.startsAt).toISOString() : '',
            endsAt: draft.endsAt ? new Date(draft.endsAt).toISOString() : '',
            capacity: draft.capacity ?? 1,
          },
        ],
      }),
    onSuccess: () => {
      setDraft({ ...draft, title: '', description: '', place: '' });
      return refresh();
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canManage && (
        <InlineFormCard
          title={t('v.create')}
          submitLabel={t('v.create')}
          onSubmit={() => create.mutate()}
          pending={create.isPending}
          error={create.error}
        >
          <Input {...draftText(draft, setDraft, 'title', t('v.title'))} />
          <Input {...draftText(draft, setDraft, 'description', t('v.description'))} />
          <Input {...draftText(draft, setDraft, 'place', t('v.place'))} />
          <InputNumber
            aria-label={t('v.capPoints')}
            placeholder={t('v.capPoints')}
            min={1}
            value={draft.capPoints}
            onChange={(capPoints) => setDraft({ ...draft, capPoints })}
            style={{ width: 180 }}
          />
          <Input
            aria-label={t('v.startsAt')}
            type="datetime-local"
            value={draft.startsAt}
            onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
          />
          <Input
            aria-label={t('v.endsAt')}
            type="datetime-local"
            value={draft.endsAt}
            onChange={(e) => setDraft({ ...draft, endsAt: e.target.value })}
          />
          <InputNumber
            aria-label={t('v.capacity')}
            placeholder={t('v.capacity')}
            min={1}
            value={draft.capacity}
            onChange={(capacity) => setDraft({ ...draft, capacity })}
          />
        </InlineFormCard>
      )}
      {activities.data?.items.length === 0 && <Alert type="info" message={t('v.none')} />}
      {activities.data?.items.map((a) => (
        <ActivityCard key={a.id} activity={a} />
      ))}
      {activities.error && <Alert type="error" message={errorText(activities.error)} />}
    </Space>
  );
}

function DirectoryTab() {
  const { t, locale } = useVolunteersI18n();
  const session = useSignedIn();
  const canManage = useCanManage();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<ServiceProviderKind | undefined>();
  const providers = useQuery({
    queryKey: [...KEY, 'providers', q, kind],
    queryFn: () => api.get<ServiceProviderList>('/public/service-directory', { q: q.trim() || undefined, kind }),
  });
  const [draft, setDraft] = useState({
    regionCode: session.user.scope.regionCode,
    kind: 'social-organization' as ServiceProviderKind,
    name: '',
    offers: '',
    address: '',
    contact: '',
    hours: '',
  });
  const add = useMutation({
    mutationFn: () => api.post('/service-providers', draft),
    onSuccess: () => {
      void message.success(t('v.saved')); // toast only
      setDraft({ ...draft, name: '', offers: '', address: '', contact: '', hours: '' });
      return refresh();
    },
  });
  const kinds = SERVICE_PROVIDER_KINDS.map((k) => ({ value: k, label: SERVICE_PROVIDER_KIND_LABELS[k][locale] }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search aria-label={t('v.search')} placeholder={t('v.offers')} allowClear onSearch={setQ} />
        <Select
          aria-label={t('v.kind')}
          placeholder={t('v.kind')}
          allowClear
          value={kind}
          onChange={setKind}
          options={kinds}
          style={{ width: 160 }}
        />
        <ExportButton
          path="/service-providers/export.xlsx"
          query={{ q: q.trim() || undefined, kind }}
          testId="providers-export"
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={providers.isPending}
        dataSource={providers.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('v.name'), dataIndex: 'name' },
          { title: t('v.kind'), render: (_, p) => SERVICE_PROVIDER_KIND_LABELS[p.kind][locale] },
          { title: t('v.offers'), dataIndex: 'offers' },
          { title: t('v.address'), dataIndex: 'address' },
          { title: t('v.contact'), dataIndex: 'contact' },
          { title: t('v.openHours'), dataIndex: 'hours' },
        ]}
      />
      {canManage && (
        <InlineFormCard
          title={t('v.addProvider')}
          submitLabel={t('v.addProvider')}
          onSubmit={() => add.mutate()}
          pending={add.isPending}
          error={add.error}
        >
          <Input {...draftText(draft, setDraft, 'regionCode', t('v.region'))} />
          <Select
            aria-label={t('v.kind')}
            value={draft.kind}
            onChange={(k) => setDraft({ ...draft, kind: k })}
            options={kinds}
            style={{ width: 160 }}
          />
          {(['name', 'offers', 'address', 'contact'] as const).map((field) => (
            <Input
              key={field}
              aria-label={t(`v.${field}`)}
              placeholder={t(`v.${field}`)}
              value={draft[field]}
              onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
            />
          ))}
          <Input {...draftText(draft, setDraft, 'hours', t('v.openHours'))} />
        </InlineFormCard>
      )}
    </Space>
  );
}

/** The workstation's volunteer desk: the registry with time-bank balances, activities with verified hours, the service directory. */
export default function VolunteersPage() {
  const { t } = useVolunteersI18n();
  return (
    <Tabs
      items={[
        { key: 'registry', label: t('v.registry'), children: <RegistryTab /> },
        { key: 'activities', label: t('v.activities'), children: <ActivitiesTab /> },
        { key: 'directory', label: t('v.directory'), children: <DirectoryTab /> },
      ]}
    />
  );
}
