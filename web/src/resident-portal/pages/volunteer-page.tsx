import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { communityApi } from '../community-api';
import { useCommunityI18n } from '../community-i18n';
import { ErrorNote, Field, Loading, Screen } from '../ui';
import { RequireResident } from './auth-pages';

const MINE = ['portal', 'volunteering'] as const;
const ACTIVITIES = ['portal', 'activities'] as const;

export default function VolunteerPage() {
  const { tc } = useCommunityI18n();
  return (
    <RequireResident title={tc('volunteer.title')}>
      <Volunteering />
    </RequireResident>
  );
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** My time bank and service, and the activities I can sign up for (registering as a volunteer first). */
function Volunteering() {
  const { tc, dateTime } = useCommunityI18n();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: MINE, queryFn: communityApi.myVolunteering });
  const activities = useQuery({ queryKey: ACTIVITIES, queryFn: communityApi.activities });
  const refresh = () =>
    Promise.all([client.invalidateQueries({ queryKey: MINE }), client.invalidateQueries({ queryKey: ACTIVITIES })]);
  const signUp = useMutation({ mutationFn: communityApi.signUp, onSuccess: refresh });
  const volunteer = mine.data?.volunteer;
  const firstCommunity = activities.data?.items[0]?.communityCode;
  return (
    <Screen title={tc('volunteer.title')}>
      {(mine.isPending || activities.isPending) && <Loading />}
      <ErrorNote error={mine.error ?? activities.error} />
      {volunteer && (
        <section className="yr-card">
          <h2 data-testid="time-bank-points" data-points={volunteer.points}>
            {tc('volunteer.points', { points: volunteer.points })}
          </h2>
          <p className="yr-hint">{tc('volunteer.pointsHint')}</p>
          <p className="yr-hint">{tc('volunteer.spendHint')}</p>
          <a href="/api/volunteers/me/certificate" target="_blank" rel="noreferrer">
            {tc('volunteer.certificate')}
          </a>
        </section>
      )}
      {mine.data && !volunteer && firstCommunity && <JoinForm communityCode={firstCommunity} onJoined={refresh} />}
      <h2>{tc('volunteer.activities')}</h2>
      {activities.data?.items.length === 0 && <p className="yr-note">{tc('volunteer.noActivities')}</p>}
      <ErrorNote error={signUp.error} />
      <ul className="yr-list" data-testid="activities">
        {activities.data?.items.map((a) => (
          <li key={a.id} className="yr-card">
            <h3>{a.title}</h3>
            <p className="yr-hint">
              {a.place} · {a.organizerName}
            </p>
            <ul className="yr-list">
              {a.shifts.map((s) => (
                <li key={s.id}>
                  <p>
                    {tc('volunteer.shift', {
                      from: dateTime(s.startsAt),
                      to: dateTime(s.endsAt),
                      taken: s.taken,
                      capacity: s.capacity,
                    })}
                  </p>
                  {s.mine ? (
                    <span className="yr-note">{tc('volunteer.signedUp')}</span>
                  ) : (
                    <button
                      type="button"
                      className="yr-button yr-button-primary"
                      data-testid={`sign-up-${s.id}`}
                      disabled={!volunteer || s.taken >= s.capacity || signUp.isPending}
                      onClick={() => signUp.mutate(s.id)}
                    >
                      {s.taken >= s.capacity ? tc('volunteer.full') : tc('volunteer.signUp')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {mine.data && mine.data.timeBank.length > 0 && (
        <>
          <h2>{tc('volunteer.ledger')}</h2>
          <ul className="yr-list" data-testid="time-bank-ledger">
            {mine.data.timeBank.map((e) => (
              <li key={e.id} className="yr-card" data-kind={e.kind}>
                {tc(e.kind === 'spent' ? 'volunteer.spent' : 'volunteer.earned', {
                  points: hoursOf(Math.abs(e.minutes)),
                  note: e.note,
                })}
                <p className="yr-hint">{dateTime(e.at)}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {mine.data && mine.data.signups.length > 0 && (
        <>
          <h2>{tc('volunteer.mine')}</h2>
          <ul className="yr-list" data-testid="my-signups">
            {mine.data.signups.map((s) => (
              <li key={s.id} className="yr-card">
                <strong>{s.activityTitle}</strong>
                <p className="yr-hint">
                  {dateTime(s.startsAt)} ·{' '}
                  {s.verifiedMinutes === null
                    ? tc('volunteer.unverified')
                    : tc('volunteer.verified', { hours: hoursOf(s.verifiedMinutes) })}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}

function JoinForm({ communityCode, onJoined }: { communityCode: string; onJoined: () => Promise<unknown> }) {
  const { tc } = useCommunityI18n();
  const [name, setName] = useState('');
  const [skills, setSkills] = useState('');
  const [availability, setAvailability] = useState('');
  const join = useMutation({ mutationFn: communityApi.joinAsVolunteer, onSuccess: onJoined });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    join.mutate({
      communityCode,
      name,
      skills: skills
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean),
      availability,
      training: [],
    });
  };
  return (
    <form className="yr-card yr-form" onSubmit={submit} data-testid="volunteer-join">
      <h2>{tc('volunteer.joinFor')}</h2>
      <Field label={tc('volunteer.name')} htmlFor="v-name">
        <input id="v-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={50} />
      </Field>
      <Field label={tc('volunteer.skills')} htmlFor="v-skills">
        <input id="v-skills" value={skills} onChange={(e) => setSkills(e.target.value)} />
      </Field>
      <Field label={tc('volunteer.availability')} htmlFor="v-availability">
        <input id="v-availability" value={availability} onChange={(e) => setAvailability(e.target.value)} />
      </Field>
      <ErrorNote error={join.error} />
      <button type="submit" className="yr-button yr-button-primary" disabled={join.isPending}>
        {tc('volunteer.submit')}
      </button>
    </form>
  );
}
