import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Decision, Meeting, Topic, VoteBody } from '@yiwang/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { consultApi } from '../consultation-api';
import { type ConsultKey, consultText } from '../consultation-i18n';
import { usePortalI18n } from '../i18n';
import { useSession } from '../session';
import { ErrorNote, Field, Loading, Screen } from '../ui';

/** Residents' consultation on the portal: topics with their rules and progress, meetings, decisions, notices. */

function useConsultI18n() {
  const { locale, dateTime, t } = usePortalI18n();
  return {
    c: (key: ConsultKey, params?: Record<string, string | number>) => consultText(locale, key, params),
    dateTime,
    t,
  };
}

const KEY = ['portal', 'consult'] as const;

function NeedLogin() {
  const { t } = usePortalI18n();
  return (
    <p className="yr-note">
      {t('auth.needLogin')} <Link to="/login">{t('home.signIn')}</Link>
    </p>
  );
}

function ChooseCommunity() {
  const { c } = useConsultI18n();
  const client = useQueryClient();
  const list = useQuery({ queryKey: [...KEY, 'communities'], queryFn: consultApi.communities });
  const [code, setCode] = useState('');
  const join = useMutation({
    mutationFn: () => consultApi.join(code),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <form
      className="yr-card yr-form"
      onSubmit={(e) => {
        e.preventDefault();
        join.mutate();
      }}
    >
      <Field label={c('consult.chooseCommunity')} htmlFor="community">
        <select id="community" value={code} onChange={(e) => setCode(e.target.value)} data-testid="community-select">
          <option value="" />
          {list.data?.items.map((x) => (
            <option key={x.code} value={x.code}>
              {x.name}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="yr-button yr-button-primary" disabled={!code || join.isPending}>
        {c('consult.choose')}
      </button>
      <ErrorNote error={join.error} />
    </form>
  );
}

function TopicCard({ topic }: { topic: Topic }) {
  const { c, dateTime } = useConsultI18n();
  const client = useQueryClient();
  const support = useMutation({
    mutationFn: (on: boolean) => consultApi.support(topic.id, on),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const expired = topic.state === 'expired';
  return (
    <article className={`yr-card${expired ? ' yr-expired' : ''}`} data-testid="topic-card" data-title={topic.title}>
      <h3>{topic.title}</h3>
      <p className="yr-state" data-testid="topic-state">
        {c(`topicState.${topic.state}`)}
      </p>
      <p>{topic.body}</p>
      <progress
        max={topic.threshold}
        value={Math.min(topic.supportCount, topic.threshold)}
        aria-label={`${topic.percent}%`}
      />
      <p data-testid="topic-progress">
        {topic.missing > 0
          ? c('topic.progress', { count: topic.supportCount, missing: topic.missing })
          : c('topic.reached', { count: topic.supportCount })}
      </p>
      <p className="yr-hint">{c('topic.rules', { threshold: topic.threshold, expires: dateTime(topic.expiresAt) })}</p>
      {topic.meeting && (
        <p>
          <Link to={`/consult/meetings/${topic.meeting.id}`}>
            {c('topic.onMeeting', { meeting: topic.meeting.title })}
          </Link>
        </p>
      )}
      {topic.decisionId && (
        <p>
          <Link to={`/consult/decisions/${topic.decisionId}`}>{c('topic.decision')}</Link>
        </p>
      )}
      {!expired && topic.state !== 'decided' && (
        <div className="yr-row">
          {topic.supportedByMe ? (
            <>
              <span>{c('topic.supported')}</span>
              {topic.state === 'open' && (
                <button
                  type="button"
                  className="yr-button"
                  onClick={() => support.mutate(false)}
                  disabled={support.isPending}
                >
                  {c('topic.withdraw')}
                </button>
              )}
            </>
          ) : (
            <button
              type="button"
              className="yr-button yr-button-primary"
              data-testid="topic-support"
              onClick={() => support.mutate(true)}
              disabled={support.isPending}
            >
              {c('topic.support')}
            </button>
          )}
        </div>
      )}
      <ErrorNote error={support.error} />
    </article>
  );
}

function RaiseTopic() {
  const { c } = useConsultI18n();
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const raise = useMutation({
    mutationFn: () => consultApi.raise(title, body),
    onSuccess: () => {
      setTitle('');
      setBody('');
      return client.invalidateQueries({ queryKey: KEY });
    },
  });
  return (
    <details className="yr-card">
      <summary>{c('consult.raise')}</summary>
      <form
        className="yr-form"
        onSubmit={(e) => {
          e.preventDefault();
          raise.mutate();
        }}
      >
        <Field label={c('consult.raiseTitle')} htmlFor="topic-title">
          <input id="topic-title" value={title} maxLength={60} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field label={c('consult.raiseBody')} htmlFor="topic-body">
          <textarea id="topic-body" value={body} maxLength={2000} rows={4} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button
          type="submit"
          className="yr-button yr-button-primary"
          disabled={!title.trim() || !body.trim() || raise.isPending}
        >
          {c('consult.raiseSend')}
        </button>
        <ErrorNote error={raise.error} />
      </form>
    </details>
  );
}

/** /r/consult: my community's topics, meetings and decisions. */
export function ConsultPage() {
  const { c, dateTime } = useConsultI18n();
  const { session, loading } = useSession();
  const community = useQuery({
    queryKey: [...KEY, 'community'],
    queryFn: consultApi.myCommunity,
    enabled: Boolean(session),
  });
  const ready = Boolean(community.data?.community);
  const topics = useQuery({ queryKey: [...KEY, 'topics'], queryFn: consultApi.topics, enabled: ready });
  const meetings = useQuery({ queryKey: [...KEY, 'meetings'], queryFn: consultApi.meetings, enabled: ready });
  const decisions = useQuery({ queryKey: [...KEY, 'decisions'], queryFn: consultApi.decisions, enabled: ready });
  if (loading) return <Loading />;
  return (
    <Screen title={c('consult.title')}>
      {!session ? (
        <NeedLogin />
      ) : community.isPending ? (
        <Loading />
      ) : !community.data?.community ? (
        <ChooseCommunity />
      ) : (
        <>
          <p className="yr-tagline">{c('consult.community', { name: community.data.community.name })}</p>
          <h2>{c('consult.meetings')}</h2>
          {meetings.data?.items.length === 0 && <p className="yr-note">{c('consult.none')}</p>}
          {meetings.data?.items.map((m) => (
            <Link key={m.id} to={`/consult/meetings/${m.id}`} className="yr-action" data-testid="meeting-link">
              <strong>{m.title}</strong>
              <span>{c('meeting.when', { time: dateTime(m.startsAt) })}</span>
            </Link>
          ))}
          <h2>{c('consult.topics')}</h2>
          <RaiseTopic />
          {topics.data?.items.map((topic) => (
            <TopicCard key={topic.id} topic={topic} />
          ))}
          <h2>{c('consult.decisions')}</h2>
          {decisions.data?.items.length === 0 && <p className="yr-note">{c('consult.none')}</p>}
          {decisions.data?.items.map((d) => (
            <Link key={d.id} to={`/consult/decisions/${d.id}`} className="yr-action" data-testid="decision-link">
              <strong>{d.title}</strong>
              <span>{c('decision.progress', { progress: d.progress })}</span>
            </Link>
          ))}
          <ErrorNote error={topics.error ?? meetings.error ?? decisions.error} />
        </>
      )}
      <ErrorNote error={community.error} />
    </Screen>
  );
}

function AgendaRow({ meeting, item }: { meeting: Meeting; item: Meeting['agenda'][number] }) {
  const { c } = useConsultI18n();
  const client = useQueryClient();
  const vote = useMutation({
    mutationFn: (choice: VoteBody['choice']) => consultApi.vote(meeting.id, item.id, choice),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const tally = item.tally;
  return (
    <li className="yr-card" data-testid="agenda-item" data-title={item.title}>
      <h3>
        {item.position}. {item.title}
      </h3>
      {tally ? (
        <p data-testid="agenda-result">
          {c('meeting.result', {
            result: c(`result.${tally.result}`),
            yes: tally.yes,
            no: tally.no,
            abstain: tally.abstain,
          })}
        </p>
      ) : meeting.myRegistration && meeting.state === 'convened' ? (
        <div className="yr-row">
          <span>{c('meeting.vote')}</span>
          {(['yes', 'no', 'abstain'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className={`yr-button${item.myVote === choice ? ' yr-button-primary' : ''}`}
              aria-pressed={item.myVote === choice}
              onClick={() => vote.mutate(choice)}
              disabled={vote.isPending}
            >
              {c(`choice.${choice}`)}
            </button>
          ))}
        </div>
      ) : null}
      {item.myVote && <p>{c('meeting.myVote', { choice: c(`choice.${item.myVote}`) })}</p>}
      {item.decisionId && <Link to={`/consult/decisions/${item.decisionId}`}>{c('topic.decision')}</Link>}
      <ErrorNote error={vote.error} />
    </li>
  );
}

/** /r/consult/meetings/:id: when and where, my code, the agenda with online voting and results. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { c, dateTime } = useConsultI18n();
  const client = useQueryClient();
  // Registering and voting are writes: they carry the session's CSRF token, which loads with the session
  // (a meeting link opened directly has not loaded it yet).
  const { session, loading } = useSession();
  const meeting = useQuery({ queryKey: [...KEY, 'meeting', id], queryFn: () => consultApi.meeting(id) });
  const register = useMutation({
    mutationFn: () => consultApi.register(id),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
  const m = meeting.data;
  return (
    <Screen title={m?.title ?? c('consult.meetings')} back="/consult">
      {(meeting.isPending || loading) && <Loading />}
      {!loading && !session && <NeedLogin />}
      {m && !loading && (
        <>
          <p>{c(`meetingType.${m.meetingType}`)}</p>
          <p>{c('meeting.when', { time: dateTime(m.startsAt) })}</p>
          <p>{c('meeting.where', { place: m.place })}</p>
          {m.myRegistration ? (
            <div className="yr-card">
              <p>{c('meeting.myCode')}</p>
              <p className="yr-code" data-testid="my-code">
                {m.myRegistration.code}
              </p>
              <p className="yr-hint">{c('meeting.codeHint')}</p>
            </div>
          ) : (
            session &&
            m.state === 'convened' && (
              <>
                <button
                  type="button"
                  className="yr-button yr-button-primary"
                  data-testid="meeting-register"
                  onClick={() => register.mutate()}
                  disabled={register.isPending}
                >
                  {c('meeting.register')}
                </button>
                <p className="yr-hint">{c('meeting.registerToVote')}</p>
              </>
            )
          )}
          <h2>{c('meeting.agenda')}</h2>
          <ol className="yr-list">
            {m.agenda.map((item) => (
              <AgendaRow key={item.id} meeting={m} item={item} />
            ))}
          </ol>
          {m.minutes && <p className="yr-description">{m.minutes}</p>}
        </>
      )}
      <ErrorNote error={meeting.error ?? register.error} />
    </Screen>
  );
}

function TaskCard({ task }: { task: Decision['tasks'][number] }) {
  const { c, dateTime } = useConsultI18n();
  const owner = task.caseCode ? c('decision.case', { code: task.caseCode }) : (task.ownerName ?? '');
  return (
    <li className="yr-card" data-testid="decision-task">
      <h3>{c('decision.task', { title: task.title, owner })}</h3>
      <p className="yr-state" data-testid="task-status">
        {c(`taskStatus.${task.status}`)} · {task.progress}%
      </p>
      <progress max={100} value={task.progress} aria-label={`${task.progress}%`} />
      <ol className="yr-timeline">
        {task.updates.map((u) => (
          <li key={`${u.at}-${u.progress}-${u.status}`}>
            <time>{dateTime(u.at)}</time> {c(`taskStatus.${u.status}`)} {u.progress}% {u.note}
          </li>
        ))}
      </ol>
    </li>
  );
}

/** /r/consult/decisions/:id: what was decided and how it is carried out (status, percentage, timeline per task). */
export function DecisionPage() {
  const { id = '' } = useParams();
  const { c, dateTime } = useConsultI18n();
  const decision = useQuery({ queryKey: [...KEY, 'decision', id], queryFn: () => consultApi.decision(id) });
  const d = decision.data;
  return (
    <Screen title={d?.title ?? c('consult.decisions')} back="/consult">
      {decision.isPending && <Loading />}
      {d && (
        <>
          <p className="yr-description">{d.body}</p>
          <p>{dateTime(d.decidedAt)}</p>
          <p className="yr-state" data-testid="decision-progress">
            {c('decision.progress', { progress: d.progress })}
          </p>
          <progress max={100} value={d.progress} aria-label={`${d.progress}%`} />
          <ol className="yr-list">
            {d.tasks.map((task) => (
              <TaskCard key={task.id} task={task} />
            ))}
          </ol>
        </>
      )}
      <ErrorNote error={decision.error} />
    </Screen>
  );
}

/** /r/notices: my notices, newest first. */
export function NoticesPage() {
  const { c, dateTime } = useConsultI18n();
  const { session } = useSession();
  const notices = useQuery({ queryKey: [...KEY, 'notices'], queryFn: consultApi.notices, enabled: Boolean(session) });
  return (
    <Screen title={c('notices.title')}>
      {!session && <NeedLogin />}
      {notices.data?.items.length === 0 && <p className="yr-note">{c('notices.empty')}</p>}
      <ol className="yr-list">
        {notices.data?.items.map((n) => (
          <li key={n.id} className="yr-card" data-testid="notice">
            <h3>
              {!n.readAt && <span className="yr-state">{c('notices.unread')}</span>} {n.title}
            </h3>
            <p>{n.body}</p>
            <p className="yr-hint">{dateTime(n.createdAt)}</p>
            {n.decisionId && <Link to={`/consult/decisions/${n.decisionId}`}>{c('topic.decision')}</Link>}
          </li>
        ))}
      </ol>
      <ErrorNote error={notices.error} />
    </Screen>
  );
}
