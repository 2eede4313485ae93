import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PartyCheckInOverview, PartyMember, ServicePost } from '@yiwang/contracts';
import { Alert, App, Button, Input, InputNumber, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { chinaToday } from '../../lib/format';
import { draftText, InlineFormCard } from '../../lib/inline-form';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { usePartyI18n } from './party-check-in-messages';

const KEY = ['party-check-in'] as const;
/** The quarter of a day as the export names it: 2026-11-03 → 2026-Q4. */
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

/** Take a post, log service on a held post, export the quarter: one member's row of actions. */
function MemberActions({
  member,
  posts,
  canManage,
}: {
  member: PartyMember;
  posts: ServicePost[];
  canManage: boolean;
}) {
  const { t } = usePartyI18n();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const own = posts.filter((p) => p.communityCode === member.communityCode);
  const held = own.filter((p) => member.postIds.includes(p.id));
  const [postId, setPostId] = useState<string | undefined>();
  const [log, setLog] = useState({
    postId: undefined as string | undefined,
    servedOn: chinaToday(),
    hours: 1 as number | null,
    note: '',
  });
  const [quarter, setQuarter] = useState(quarterOf(chinaToday()));
  const choose = useMutation({
    mutationFn: () => api.post(`/party-check-in/members/${member.id}/posts`, { postId }),
    onSuccess: () => {
      setPostId(undefined);
      return refresh();
    },
  });
  const logService = useMutation({
    mutationFn: () =>
      api.post(`/party-check-in/members/${member.id}/services`, {
        postId: log.postId,
        servedOn: log.servedOn,
        minutes: Math.round((log.hours ?? 0) * 60),
        note: log.note,
      }),
    onSuccess: () => {
      void message.success(t('p.logged')); // toast only
      setLog({ ...log, note: '' });
      return refresh();
    },
  });
  const error = choose.error ?? logService.error;
  return (
    <Space direction="vertical" size={4}>
      {canManage && (
        <Space wrap size={4}>
          <Select
            aria-label={t('p.choosePost')}
            placeholder={t('p.choosePost')}
            size="small"
            value={postId}
            onChange={setPostId}
            options={own.filter((p) => !member.postIds.includes(p.id)).map((p) => ({ value: p.id, label: p.title }))}
            style={{ width: 160 }}
          />
          <Button size="small" disabled={!postId} onClick={() => choose.mutate()} loading={choose.isPending}>
            {t('p.choose')}
          </Button>
        </Space>
      )}
      {canManage && held.length > 0 && (
        <Space wrap size={4}>
          <Select
            aria-label={t('p.title')}
            placeholder={t('p.title')}
            size="small"
            value={log.postId}
            onChange={(v) => setLog({ ...log, postId: v })}
            options={held.map((p) => ({ value: p.id, label: p.title }))}
            style={{ width: 140 }}
          />
          <Input
            aria-label={t('p.servedOn')}
            type="date"
            size="small"
            value={log.servedOn}
            onChange={(e) => setLog({ ...log, servedOn: e.target.value })}
            style={{ width: 140 }}
          />
          <InputNumber
            aria-label={t('p.hours')}
            placeholder={t('p.hours')}
            size="small"
            min={0.25}
            max={24}
            step={0.5}
            value={log.hours}
            onChange={(v) => setLog({ ...log, hours: v })}
          />
          <Input
            aria-label={t('p.note')}
            placeholder={t('p.note')}
            size="small"
            value={log.note}
            onChange={(e) => setLog({ ...log, note: e.target.value })}
            style={{ width: 160 }}
          />
          <Button
            size="small"
            type="primary"
            disabled={!log.postId || !log.hours}
            onClick={() => logService.mutate()}
            loading={logService.isPending}
          >
            {t('p.log')}
          </Button>
        </Space>
      )}
      <Space wrap size={4}>
        <Input
          aria-label={t('p.quarter')}
          size="small"
          value={quarter}
          onChange={(e) => setQuarter(e.target.value)}
          style={{ width: 100 }}
        />
        <ExportButton
          path={`/party-check-in/members/${member.id}/service-record.xlsx`}
          query={{ quarter }}
          testId="service-record-export"
        />
      </Space>
      {error && <Alert type="error" message={errorText(error)} />}
    </Space>
  );
}

function MembersTab({ overview, canManage }: { overview: PartyCheckInOverview; canManage: boolean }) {
  const { t } = usePartyI18n();
  const session = useSignedIn();
  const refresh = useRefresh();
  const [draft, setDraft] = useState({
    communityCode: session.user.scope.regionCode,
    name: '',
    employer: '',
    organizationId: undefined as string | undefined,
  });
  const register = useMutation({
    mutationFn: () => api.post('/party-check-in/members', draft),
    onSuccess: () => {
      setDraft({ ...draft, name: '', employer: '', organizationId: undefined });
      return refresh();
    },
  });
  const titleOf = new Map(overview.posts.map((p) => [p.id, p.title]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={overview.members}
        columns={[
          { title: t('p.name'), dataIndex: 'name' },
          { title: t('p.employer'), dataIndex: 'employer' },
          { title: t('p.organization'), render: (_, m) => m.organizationName },
          { title: t('p.community'), dataIndex: 'communityCode' },
          { title: t('p.heldPosts'), render: (_, m) => m.postIds.map((id) => titleOf.get(id)).join('、') },
          { title: t('p.hoursThisQuarter'), render: (_, m) => hoursOf(m.minutesThisQuarter) },
          {
            title: '',
            render: (_, m) => <MemberActions member={m} posts={overview.posts} canManage={canManage} />,
          },
        ]}
      />
      {canManage && (
        <InlineFormCard
          title={t('p.registerMember')}
          submitLabel={t('p.registerMember')}
          onSubmit={() => register.mutate()}
          pending={register.isPending}
          error={register.error}
        >
          <Input {...draftText(draft, setDraft, 'communityCode', t('p.community'))} />
          <Input {...draftText(draft, setDraft, 'name', t('p.name'))} />
          <Input {...draftText(draft, setDraft, 'employer', t('p.employer'))} />
          <Select
            aria-label={t('p.organization')}
            placeholder={t('p.organization')}
            allowClear
            value={draft.organizationId}
            onChange={(organizationId) => setDraft({ ...draft, organizationId })}
            options={overview.organizations.map((o) => ({ value: o.id, label: o.name }))}
            style={{ width: 220 }}
          />
        </InlineFormCard>
      )}
    </Space>
  );
}

function OrganizationsTab({ overview, canManage }: { overview: PartyCheckInOverview; canManage: boolean }) {
  const { t } = usePartyI18n();
  const session = useSignedIn();
  const refresh = useRefresh();
  const [draft, setDraft] = useState({
    communityCode: session.user.scope.regionCode,
    name: '',
    employer: '',
    contact: '',
  });
  const register = useMutation({
    mutationFn: () => api.post('/party-check-in/organizations', draft),
    onSuccess: () => {
      setDraft({ ...draft, name: '', employer: '', contact: '' });
      return refresh();
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={overview.organizations}
        columns={[
          { title: t('p.name'), dataIndex: 'name' },
          { title: t('p.employer'), dataIndex: 'employer' },
          { title: t('p.contact'), dataIndex: 'contact' },
          { title: t('p.community'), dataIndex: 'communityCode' },
          { title: t('p.memberCount'), dataIndex: 'members' },
        ]}
      />
      {canManage && (
        <InlineFormCard
          title={t('p.registerOrganization')}
          submitLabel={t('p.registerOrganization')}
          onSubmit={() => register.mutate()}
          pending={register.isPending}
          error={register.error}
        >
          {(['communityCode', 'name', 'employer', 'contact'] as const).map((field) => (
            <Input
              key={field}
              {...draftText(draft, setDraft, field, t(field === 'communityCode' ? 'p.community' : `p.${field}`))}
            />
          ))}
        </InlineFormCard>
      )}
    </Space>
  );
}

function PostsTab({ overview, canManage }: { overview: PartyCheckInOverview; canManage: boolean }) {
  const { t } = usePartyI18n();
  const session = useSignedIn();
  const refresh = useRefresh();
  const [draft, setDraft] = useState({
    communityCode: session.user.scope.regionCode,
    title: '',
    description: '',
    needed: 1 as number | null,
  });
  const add = useMutation({
    mutationFn: () => api.post('/party-check-in/posts', { ...draft, needed: draft.needed ?? 1 }),
    onSuccess: () => {
      setDraft({ ...draft, title: '', description: '' });
      return refresh();
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={overview.posts}
        columns={[
          { title: t('p.title'), dataIndex: 'title' },
          { title: t('p.description'), dataIndex: 'description' },
          { title: t('p.community'), dataIndex: 'communityCode' },
          { title: t('p.taken'), render: (_, p) => `${p.taken}/${p.needed}` },
        ]}
      />
      {canManage && (
        <InlineFormCard
          title={t('p.addPost')}
          submitLabel={t('p.addPost')}
          onSubmit={() => add.mutate()}
          pending={add.isPending}
          error={add.error}
        >
          <Input {...draftText(draft, setDraft, 'communityCode', t('p.community'))} />
          <Input {...draftText(draft, setDraft, 'title', t('p.title'))} />
          <Input {...draftText(draft, setDraft, 'description', t('p.description'))} />
          <InputNumber
            aria-label={t('p.needed')}
            placeholder={t('p.needed')}
            min={1}
            value={draft.needed}
            onChange={(needed) => setDraft({ ...draft, needed })}
          />
        </InlineFormCard>
      )}
    </Space>
  );
}

/** The workstation's party check-in desk: members and organizations, the needs list, service logs, quarterly records. */
export default function PartyCheckInPage() {
  const { t } = usePartyI18n();
  const canManage = hasPermission(useSignedIn(), 'party-check-in.manage');
  const overview = useQuery({
    queryKey: [...KEY, 'overview'],
    queryFn: () => api.get<PartyCheckInOverview>('/party-check-in'),
  });
  if (overview.error) return <Alert type="error" message={errorText(overview.error)} />;
  if (!overview.data) return null;
  const data = overview.data;
  return (
    <Tabs
      items={[
        { key: 'members', label: t('p.members'), children: <MembersTab overview={data} canManage={canManage} /> },
        {
          key: 'organizations',
          label: t('p.organizations'),
          children: <OrganizationsTab overview={data} canManage={canManage} />,
        },
        { key: 'posts', label: t('p.posts'), children: <PostsTab overview={data} canManage={canManage} /> },
      ]}
    />
  );
}
