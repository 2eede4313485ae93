import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Decision, DecisionList, Meeting, MeetingList, Registration, TopicList } from '@yiwang/contracts';
import {
  AGENDA_RESULT_LABELS,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  type MeetingTypeName,
  TASK_STATUS_LABELS,
  TOPIC_STATE_LABELS,
} from '@yiwang/contracts/vocabulary';
import { Alert, App, Button, Card, Input, InputNumber, Progress, Select, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { draftText, InlineFormCard } from '../../lib/inline-form';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useConsultationI18n } from './consultation-messages';

const KEY = ['consultation'] as const;

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}

function TopicsTab() {
  const { t, locale } = useConsultationI18n();
  const session = useSignedIn();
  const refresh = useRefresh();
  const topics = useQuery({ queryKey: [...KEY, 'topics'], queryFn: () => api.get<TopicList>('/topics') });
  const [draft, setDraft] = useState({ regionCode: session.user.scope.regionCode, title: '', body: '', threshold: 5 });
  const raise = useMutation({ mutationFn: () => api.post('/topics', draft), onSuccess: refresh });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <InlineFormCard
        title={t('c.raise')}
        submitLabel={t('c.raise')}
        onSubmit={() => raise.mutate()}
        pending={raise.isPending}
        error={raise.error}
        submitTestId="topic-raise"
      >
        <Input {...draftText(draft, setDraft, 'regionCode', t('c.community'))} />
        <Input {...draftText(draft, setDraft, 'title', t('c.title'))} data-testid="topic-title" />
        <Input {...draftText(draft, setDraft, 'body', t('c.body'))} data-testid="topic-body" />
        <InputNumber
          aria-label={t('c.threshold')}
          min={1}
          value={draft.threshold}
          onChange={(v) => setDraft({ ...draft, threshold: v ?? 5 })}
          data-testid="topic-threshold"
        />
      </InlineFormCard>
      <ExportButton path="/topics/export.xlsx" query={{}} testId="topics-export" />
      <Table
        rowKey="id"
        size="small"
        loading={topics.isPending}
        dataSource={topics.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('c.title'), dataIndex: 'title' },
          { title: t('c.community'), render: (_, r) => r.community.name },
          { title: t('c.state'), render: (_, r) => TOPIC_STATE_LABELS[r.state][locale] },
          {
            title: t('c.support'),
            render: (_, r) => (
              <Progress percent={r.percent} format={() => `${r.supportCount}/${r.threshold}`} size="small" />
            ),
          },
          { title: t('c.expires'), render: (_, r) => formatDateTime(r.expiresAt) },
        ]}
      />
    </Space>
  );
}

function MeetingDesk({ meeting }: { meeting: Meeting }) {
  const { t, locale } = useConsultationI18n();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [minutes, setMinutes] = useState(meeting.minutes ?? '');
  const [paper, setPaper] = useState<Record<string, [number, number, number]>>({});
  const base = `/meetings/${meeting.id}`;
  const checkIn = useMutation({
    mutationFn: () => api.post<Registration & { votedOnline: boolean }>(`${base}/check-ins`, { code }),
    onSuccess: (r) => {
      void message.success(`${t('c.checkedIn', { name: r.name })}${r.votedOnline ? t('c.votedOnline') : ''}`); // toast only
      setCode('');
      return refresh();
    },
  });
  const walkIn = useMutation({
    mutationFn: () => api.post<Registration>(`${base}/registrations`, { name }),
    onSuccess: (r) => {
      void message.success(`${r.name}: ${r.code}`); // toast only
      setName('');
      return refresh();
    },
  });
  const act = useMutation({
    mutationFn: (call: () => Promise<unknown>) => call(),
    onSuccess: refresh,
  });
  const error = checkIn.error ?? walkIn.error ?? act.error;
  return (
    <Card title={meeting.title} size="small" data-testid="meeting-desk">
      <p>
        {MEETING_TYPE_LABELS[meeting.meetingType][locale]} · {formatDateTime(meeting.startsAt)} · {meeting.place}
      </p>
      <p data-testid="meeting-attendance">
        {t('c.registered', { registered: meeting.registered, attended: meeting.attended })}
      </p>
      <Space wrap>
        <Input
          aria-label={t('c.checkIn')}
          placeholder={t('c.checkIn')}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="checkin-code"
        />
        <Button type="primary" onClick={() => checkIn.mutate()} disabled={!code.trim()} data-testid="checkin-do">
          {t('c.checkInDo')}
        </Button>
        <Input
          aria-label={t('c.walkIn')}
          placeholder={t('c.walkIn')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          data-testid="walkin-name"
        />
        <Button onClick={() => walkIn.mutate()} disabled={!name.trim()} data-testid="walkin-do">
          {t('c.walkInDo')}
        </Button>
        <ExportButton path={`${base}/registrations/export.xlsx`} query={{}} testId="door-list-export" />
      </Space>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={meeting.agenda}
        columns={[
          { title: '#', dataIndex: 'position', width: 40 },
          { title: t('c.title'), dataIndex: 'title' },
          {
            title: t('c.count'),
            render: (_, item) =>
              item.tally ? (
                <span data-testid="item-result">
                  {t('c.result', {
                    ...item.tally,
                    quorumMet: String(item.tally.quorumMet),
                    result: AGENDA_RESULT_LABELS[item.tally.result][locale],
                  })}
                </span>
              ) : (
                <Space wrap>
                  {item.online && <span>{t('c.online', item.online)}</span>}
                  {[0, 1, 2].map((i) => (
                    <InputNumber
                      key={i}
                      aria-label={`${t('c.paper')} ${i + 1}`}
                      min={0}
                      size="small"
                      value={
                        (paper[item.id] ?? [item.paper?.yes ?? 0, item.paper?.no ?? 0, item.paper?.abstain ?? 0])[i]
                      }
                      onChange={(v) => {
                        const next = [...(paper[item.id] ?? [0, 0, 0])] as [number, number, number];
                        next[i] = v ?? 0;
                        setPaper({ ...paper, [item.id]: next });
                      }}
                      data-testid={`paper-${i}`}
                    />
                  ))}
                  <Button
                    size="small"
                    data-testid="paper-save"
                    onClick={() => {
                      const [yes, no, abstain] = paper[item.id] ?? [0, 0, 0];
                      act.mutate(() => api.put(`${base}/agenda/${item.id}/paper-count`, { yes, no, abstain }));
                    }}
                  >
                    {t('c.paperSave')}
                  </Button>
                  <Button
                    size="small"
                    type="primary"
                    data-testid="item-count"
                    onClick={() => act.mutate(() => api.post(`${base}/agenda/${item.id}/count`, {}))}
                  >
                    {t('c.count')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Input.TextArea
        aria-label={t('c.minutes')}
        placeholder={t('c.minutes')}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        rows={3}
      />
      <Space>
        <Button onClick={() => act.mutate(() => api.put(`${base}/minutes`, { minutes }))} disabled={!minutes.trim()}>
          {t('c.minutesSave')}
        </Button>
        <Button onClick={() => act.mutate(() => api.post(`${base}/publish`, {}))} data-testid="meeting-publish">
          {t('c.publish')}
        </Button>
      </Space>
      {error && <Alert type="error" message={errorText(error)} data-testid="meeting-error" />}
    </Card>
  );
}

/** Convene a meeting: its agenda takes the community's topics that reached their threshold. */
function ConveneMeeting() {
  const { t, locale } = useConsultationI18n();
  const session = useSignedIn();
  const refresh = useRefresh();
  const [draft, setDraft] = useState({
    regionCode: session.user.scope.regionCode,
    title: '',
    meetingType: 'council' as MeetingTypeName,
    startsAt: '',
    place: '',
  });
  const convene = useMutation({
    mutationFn: () =>
      api.post('/meetings', { ...draft, startsAt: draft.startsAt ? new Date(draft.startsAt).toISOString() : '' }),
    onSuccess: () => {
      setDraft({ ...draft, title: '', place: '' });
      return refresh();
    },
  });
  return (
    <InlineFormCard
      title={t('c.convene')}
      submitLabel={t('c.convene')}
      onSubmit={() => convene.mutate()}
      pending={convene.isPending}
      error={convene.error}
      submitTestId="meeting-convene"
    >
      <Input {...draftText(draft, setDraft, 'regionCode', t('c.community'))} />
      <Input {...draftText(draft, setDraft, 'title', t('c.title'))} />
      <Select
        aria-label={t('c.type')}
        value={draft.meetingType}
        onChange={(meetingType) => setDraft({ ...draft, meetingType })}
        options={MEETING_TYPES.map((m) => ({ value: m, label: MEETING_TYPE_LABELS[m][locale] }))}
        style={{ width: 160 }}
      />
      <Input
        aria-label={t('c.startsAt')}
        type="datetime-local"
        value={draft.startsAt}
        onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
      />
      <Input {...draftText(draft, setDraft, 'place', t('c.place'))} />
    </InlineFormCard>
  );
}

function MeetingsTab() {
  const { t, locale } = useConsultationI18n();
  const session = useSignedIn();
  const meetings = useQuery({ queryKey: [...KEY, 'meetings'], queryFn: () => api.get<MeetingList>('/meetings') });
  const [openId, setOpenId] = useState<string | null>(null);
  const open = meetings.data?.items.find((m) => m.id === openId);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {hasPermission(session, 'consultation.manage') && <ConveneMeeting />}
      <ExportButton path="/meetings/export.xlsx" query={{}} testId="meetings-export" />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={meetings.isPending}
        dataSource={meetings.data?.items ?? []}
        columns={[
          { title: t('c.title'), dataIndex: 'title' },
          { title: t('c.type'), render: (_, m) => MEETING_TYPE_LABELS[m.meetingType][locale] },
          { title: t('c.startsAt'), render: (_, m) => formatDateTime(m.startsAt) },
          {
            title: '',
            render: (_, m) => (
              <Button size="small" onClick={() => setOpenId(m.id)} data-testid="meeting-open">
                {t('c.select')}
              </Button>
            ),
          },
        ]}
      />
      {open && <MeetingDesk meeting={open} />}
    </Space>
  );
}

function DecisionCard({ decision }: { decision: Decision }) {
  const { t, locale } = useConsultationI18n();
  const refresh = useRefresh();
  const [task, setTask] = useState({ title: '', matterCode: 'CG-0105', description: '', ownerName: '', note: '' });
  const act = useMutation({ mutationFn: (call: () => Promise<unknown>) => call(), onSuccess: refresh });
  const base = `/decisions/${decision.id}`;
  return (
    <Card title={decision.title} size="small" data-testid="decision-card">
      <Progress percent={decision.progress} />
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={decision.tasks}
        columns={[
          { title: t('c.tasks'), dataIndex: 'title' },
          { title: t('c.owner'), render: (_, r) => r.caseCode ?? r.ownerName },
          { title: t('c.state'), render: (_, r) => `${TASK_STATUS_LABELS[r.status][locale]} ${r.progress}%` },
          {
            title: '',
            render: (_, r) =>
              r.kind === 'community' && r.status !== 'done' ? (
                <Button
                  size="small"
                  onClick={() =>
                    act.mutate(() =>
                      api.post(`${base}/tasks/${r.id}/progress`, {
                        status: 'done',
                        progress: 100,
                        note: task.note || '已完成',
                      }),
                    )
                  }
                >
                  {TASK_STATUS_LABELS.done[locale]}
                </Button>
              ) : null,
          },
        ]}
      />
      <Space wrap>
        <Input
          aria-label={t('c.title')}
          placeholder={t('c.title')}
          value={task.title}
          onChange={(e) => setTask({ ...task, title: e.target.value })}
        />
        <Input
          aria-label={t('c.matter')}
          placeholder={t('c.matter')}
          value={task.matterCode}
          onChange={(e) => setTask({ ...task, matterCode: e.target.value })}
        />
        <Input
          aria-label={t('c.description')}
          placeholder={t('c.description')}
          value={task.description}
          onChange={(e) => setTask({ ...task, description: e.target.value })}
        />
        <Button
          onClick={() =>
            act.mutate(() =>
              api.post(`${base}/tasks`, {
                kind: 'case',
                title: task.title,
                matterCode: task.matterCode,
                description: task.description,
                address: decision.community.name,
                formAnswers: { hazard: 'none' },
              }),
            )
          }
        >
          {t('c.caseTask')}
        </Button>
        <Input
          aria-label={t('c.owner')}
          placeholder={t('c.owner')}
          value={task.ownerName}
          onChange={(e) => setTask({ ...task, ownerName: e.target.value })}
        />
        <Button
          onClick={() =>
            act.mutate(() =>
              api.post(`${base}/tasks`, { kind: 'community', title: task.title, ownerName: task.ownerName }),
            )
          }
        >
          {t('c.communityTask')}
        </Button>
      </Space>
      {act.error && <Alert type="error" message={errorText(act.error)} />}
    </Card>
  );
}

function DecisionsTab() {
  const decisions = useQuery({ queryKey: [...KEY, 'decisions'], queryFn: () => api.get<DecisionList>('/decisions') });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ExportButton path="/decisions/export.xlsx" query={{}} testId="decisions-export" />
      {decisions.data?.items.map((d) => (
        <DecisionCard key={d.id} decision={d} />
      ))}
    </Space>
  );
}

/** The community workstation's consultation desk: topics, meetings (door check-in, paper ballots, counting), decisions. */
export default function ConsultationPage() {
  const { t } = useConsultationI18n();
  return (
    <Tabs
      items={[
        { key: 'topics', label: t('c.topics'), children: <TopicsTab /> },
        { key: 'meetings', label: t('c.meetings'), children: <MeetingsTab /> },
        { key: 'decisions', label: t('c.decisions'), children: <DecisionsTab /> },
      ]}
    />
  );
}
