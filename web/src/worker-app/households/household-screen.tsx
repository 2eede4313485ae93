import type { HouseholdPage, HouseholdVisitBody, LocalizedText } from '@yiwang/contracts';
import {
  DWELLING_USE_LABELS,
  DWELLING_USES,
  type DwellingUse,
  HOUSEHOLD_RELATION_LABELS,
  HOUSEHOLD_RELATIONS,
  HOUSEHOLD_VISIT_OUTCOME_LABELS,
  type HouseholdRelation,
  PERSON_TAG_LABELS,
  type PersonTag,
  SEX_LABELS,
  SEXES,
  type Sex,
} from '@yiwang/contracts/vocabulary';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isPending } from '../outbox/outbox-logic';
import { enqueue, outboxItems } from '../outbox/outbox-store';
import { useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';
import { currentUserId } from '../shell/session';
import { useStore } from '../shell/store';
import { showToast } from '../shell/toast';
import { type Cached, cachedHousehold, loadHousehold } from './household-data';

/** Today in China (the registry's dates are China days whatever the phone's zone). */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A household of my grids (入户核实): members (masked), the dwelling's use, visits and history;
 * and the visit — confirm unchanged, or record a new member (a newborn), members moving out
 * and the dwelling's use, and the tags the worker is granted (no other tag is shown or sent). Saved to the outbox first (works offline), sent with its own
 * Idempotency-Key, so a visit replayed after a lost answer is applied once.
 */
export default function HouseholdScreen() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [page, setPage] = useState<Cached<HouseholdPage> | null>(null);
  const pending = useStore(outboxItems).filter(
    (i) => isPending(i) && i.request.kind === 'household-visit' && i.request.householdId === id,
  );
  const [mode, setMode] = useState<'confirm' | 'update'>('confirm');
  const [newborn, setNewborn] = useState({
    name: '',
    sex: '' as Sex | '',
    birthDate: '',
    relation: 'child' as HouseholdRelation,
    idNumber: '',
  });
  const [movedOut, setMovedOut] = useState<Record<string, string>>({});
  const [use, setUse] = useState<DwellingUse | ''>('');
  const [tagged, setTagged] = useState<{ personId: string; tag: PersonTag }[]>([]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const userId = currentUserId();
    if (!userId) return;
    void cachedHousehold(userId, id).then((value) => value && setPage((p) => p ?? { value, stale: true, error: null }));
    void loadHousehold(userId, id).then((loaded) =>
      setPage((p) => (loaded.value || !p ? loaded : { ...p, error: loaded.error })),
    );
  }, [id]);

  const data = page?.value ?? null;
  const members = data?.household.members ?? [];
  // A copy cached before the server listed granted tags has none: no tag is offered then.
  const grantedTags = data?.grantedTags ?? [];
  const isTagged = (personId: string, tag: PersonTag) => tagged.some((x) => x.personId === personId && x.tag === tag);
  const toggleTag = (personId: string, tag: PersonTag) =>
    setTagged((all) =>
      isTagged(personId, tag)
        ? all.filter((x) => !(x.personId === personId && x.tag === tag))
        : [...all, { personId, tag }],
    );
  const label = <K extends string>(labels: Readonly<Record<K, LocalizedText>>, key: K) => labels[key][locale];

  const submit = async () => {
    const userId = currentUserId();
    if (!userId || !data) return;
    const body: HouseholdVisitBody = {
      visitedAt: new Date().toISOString(),
      outcome: mode === 'confirm' ? 'confirmed' : 'updated',
    };
    if (mode === 'update') {
      const anyNewborn = newborn.name.trim() !== '' || newborn.birthDate !== '';
      if (anyNewborn && (newborn.name.trim() === '' || !newborn.sex || newborn.birthDate === '')) {
        return setProblem(t('household.needNewborn'));
      }
      if (anyNewborn && newborn.sex) {
        body.newMembers = [
          {
            name: newborn.name.trim(),
            sex: newborn.sex,
            birthDate: newborn.birthDate,
            relation: newborn.relation,
            residence: 'registered',
            ...(newborn.idNumber.trim() ? { idNumber: newborn.idNumber.trim() } : {}),
          },
        ];
      }
      const leaving = Object.entries(movedOut).map(([personId, movedOutOn]) => ({ personId, movedOutOn }));
      if (leaving.length > 0) body.movedOut = leaving;
      if (use && use !== data.dwelling.use) body.dwellingUse = use;
      const tags = tagged.filter((x) => grantedTags.includes(x.tag));
      if (tags.length > 0) body.tags = tags;
      if (!body.newMembers && !body.movedOut && !body.dwellingUse && !body.tags) {
        return setProblem(t('household.needChange'));
      }
    }
    if (note.trim()) body.note = note.trim();
    setSaving(true);
    await enqueue({
      userId,
      title: data.household.address,
      request: { kind: 'household-visit', householdId: id, body },
    });
    showToast(t('household.queued'));
    // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
    void navigate('/households', { replace: true });
  };

  if (!data) {
    return (
      <Screen title={t('households.title')} back>
        <p className={page?.error ? 'wa-banner' : 'wa-muted'} data-tone={page?.error ? 'error' : undefined}>
          {page?.error ? page.error.message : t('app.loading')}
        </p>
      </Screen>
    );
  }

  return (
    <Screen
      title={t('households.title')}
      back
      action={
        <button
          type="button"
          className="wa-btn wa-btn-huge"
          disabled={saving}
          data-testid="household-visit-submit"
          onClick={submit}
        >
          {t('household.submit')}
        </button>
      }
    >
      {page?.stale && <p className="wa-banner">{t('households.offlineCopy')}</p>}
      <section className="wa-card" data-testid="household-page">
        <h2>{data.household.address}</h2>
        <p className="wa-small">
          {t('household.dwellingUse')}：
          <span data-testid="dwelling-use">{label(DWELLING_USE_LABELS, data.dwelling.use)}</span>
        </p>
        <ul className="wa-list" data-testid="household-members">
          {members.map((m) => (
            <li
              key={m.id}
              className="wa-row"
              data-testid="household-member"
              data-name={m.name}
              data-moved-out={m.movedOutOn ?? ''}
            >
              <span className="wa-row-main">
                <span className="wa-row-title">
                  {m.name} · {label(HOUSEHOLD_RELATION_LABELS, m.relation)}
                </span>
                <span className="wa-row-sub">
                  {label(SEX_LABELS, m.sex)} · {m.birthDate} {m.idNumberMasked ? `· ${m.idNumberMasked}` : ''}
                  {m.movedOutOn ? ` · ${t('household.movedOut', { date: m.movedOutOn })}` : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="wa-card">
        <div className="wa-chips" role="radiogroup">
          {(['confirm', 'update'] as const).map((m) => (
            <button
              key={m}
              type="button"
              className="wa-chip"
              aria-pressed={mode === m}
              data-testid={`visit-mode-${m}`}
              onClick={() => setMode(m)}
            >
              {t(m === 'confirm' ? 'household.confirm' : 'household.update')}
            </button>
          ))}
        </div>
        {mode === 'update' && (
          <>
            <h2>{t('household.newborn')}</h2>
            <label className="wa-field">
              <span>{t('household.name')}</span>
              <input
                className="wa-input"
                data-testid="newborn-name"
                maxLength={50}
                value={newborn.name}
                onChange={(e) => setNewborn({ ...newborn, name: e.target.value })}
              />
            </label>
            <label className="wa-field">
              <span>{t('household.sex')}</span>
              <select
                className="wa-input"
                data-testid="newborn-sex"
                value={newborn.sex}
                onChange={(e) => setNewborn({ ...newborn, sex: e.target.value as Sex })}
              >
                <option value="" />
                {SEXES.map((s) => (
                  <option key={s} value={s}>
                    {label(SEX_LABELS, s)}
                  </option>
                ))}
              </select>
            </label>
            <label className="wa-field">
              <span>{t('household.birthDate')}</span>
              <input
                className="wa-input"
                type="date"
                data-testid="newborn-birth-date"
                max={chinaToday()}
                value={newborn.birthDate}
                onChange={(e) => setNewborn({ ...newborn, birthDate: e.target.value })}
              />
            </label>
            <label className="wa-field">
              <span>{t('household.relation')}</span>
              <select
                className="wa-input"
                data-testid="newborn-relation"
                value={newborn.relation}
                onChange={(e) => setNewborn({ ...newborn, relation: e.target.value as HouseholdRelation })}
              >
                {HOUSEHOLD_RELATIONS.filter((r) => r !== 'head').map((r) => (
                  <option key={r} value={r}>
                    {label(HOUSEHOLD_RELATION_LABELS, r)}
                  </option>
                ))}
              </select>
            </label>
            <label className="wa-field">
              <span>{t('household.idNumber')}</span>
              <input
                className="wa-input"
                data-testid="newborn-id-number"
                maxLength={18}
                value={newborn.idNumber}
                onChange={(e) => setNewborn({ ...newborn, idNumber: e.target.value })}
              />
            </label>

            <h2>{t('household.moveOut')}</h2>
            {members
              .filter((m) => m.movedOutOn === null && m.relation !== 'head')
              .map((m) => (
                <label key={m.id} className="wa-field">
                  <span>
                    <input
                      type="checkbox"
                      data-testid={`move-out-${m.name}`}
                      checked={m.id in movedOut}
                      onChange={(e) =>
                        setMovedOut(({ [m.id]: _, ...rest }) =>
                          e.target.checked ? { ...rest, [m.id]: chinaToday() } : rest,
                        )
                      }
                    />{' '}
                    {m.name}
                  </span>
                  {m.id in movedOut && (
                    <input
                      className="wa-input"
                      type="date"
                      aria-label={t('household.moveOutDate')}
                      max={chinaToday()}
                      value={movedOut[m.id]}
                      onChange={(e) => setMovedOut((all) => ({ ...all, [m.id]: e.target.value }))}
                    />
                  )}
                </label>
              ))}

            <label className="wa-field">
              <span>{t('household.dwellingUse')}</span>
              <select
                className="wa-input"
                data-testid="dwelling-use-select"
                value={use}
                onChange={(e) => setUse(e.target.value as DwellingUse)}
              >
                <option value="">{t('household.unchanged')}</option>
                {DWELLING_USES.map((u) => (
                  <option key={u} value={u}>
                    {label(DWELLING_USE_LABELS, u)}
                  </option>
                ))}
              </select>
            </label>
            {grantedTags.length > 0 && (
              <>
                <h2>{t('household.tags')}</h2>
                <p className="wa-muted">{t('household.tagsNote')}</p>
                {members
                  .filter((m) => m.movedOutOn === null)
                  .map((m) => (
                    <div key={m.id} className="wa-field" data-testid="member-tags" data-name={m.name}>
                      <span>{m.name}</span>
                      <div className="wa-chips">
                        {grantedTags.map((tag) => (
                          <button
                            key={tag}
                            type="button"
                            className="wa-chip"
                            aria-pressed={isTagged(m.id, tag)}
                            data-testid={`tag-${m.name}-${tag}`}
                            onClick={() => toggleTag(m.id, tag)}
                          >
                            {label(PERSON_TAG_LABELS, tag)}
                          </button>
                        ))}
                      </div>
                    </div>
                  ))}
              </>
            )}
            <p className="wa-muted">{t('household.reviewNote')}</p>
          </>
        )}
        <label className="wa-field">
          <span>{t('household.note')}</span>
          <textarea className="wa-textarea" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {problem && (
          <p className="wa-banner" data-tone="error" role="alert">
            {problem}
          </p>
        )}
      </section>

      <section className="wa-card" data-testid="household-visits">
        <h2>{t('household.visits')}</h2>
        {pending.map((item) => (
          <p key={item.id} className="wa-small" data-testid="household-visit-pending">
            <span className="wa-tag" data-tone="amber">
              {t('household.pending')}
            </span>{' '}
            {new Date(item.createdAt).toLocaleString(locale)}
          </p>
        ))}
        {data.visits.length === 0 && pending.length === 0 && <p className="wa-muted">{t('household.noVisits')}</p>}
        <ul className="wa-list">
          {data.visits.map((v) => (
            <li key={v.id} className="wa-row" data-testid="household-visit">
              <span className="wa-row-main">
                <span className="wa-row-title">
                  {new Date(v.visitedAt).toLocaleString(locale)} · {v.visitedBy} ·{' '}
                  {label(HOUSEHOLD_VISIT_OUTCOME_LABELS, v.outcome)}
                </span>
                {v.changes.map((c) => (
                  <span key={`${c.kind}${c.personId}${c.reviewId}`} className="wa-row-sub" data-testid="visit-change">
                    {c.summary} {c.applied ? '' : `（${t('household.reviewNote')}）`}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
        <h2>{t('household.history')}</h2>
        <ul className="wa-list">
          {data.history.map((h) => (
            <li key={`${h.recordKind}${h.recordId}${h.version}`} className="wa-small" data-testid="household-history">
              {new Date(h.validTo).toLocaleString(locale)} ·{' '}
              {members.find((m) => m.id === h.recordId)?.name ?? t('household.dwellingUse')} · v{h.version}
            </li>
          ))}
        </ul>
      </section>
    </Screen>
  );
}
