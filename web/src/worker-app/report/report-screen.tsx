import type { MatterFormField, NearbyCase, NearbyCaseList } from '@yiwang/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { gridAtPoint } from '../geo/grid-at-point';
import { type Fix, usePosition } from '../geo/position';
import type { ReportDraft } from '../outbox/outbox-logic';
import { enqueue } from '../outbox/outbox-store';
import { syncStatus } from '../outbox/outbox-sync';
import { getJson, HttpError } from '../shell/http';
import { useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';
import { currentUserId } from '../shell/session';
import { useStore } from '../shell/store';
import { showToast } from '../shell/toast';
import { catalogStore, todayStore } from '../today/today-data';
import { frequentFirst, type MatterChoice, searchMatters } from './matter-search';
import { PhotoInput, type TakenPhoto, usePhotos } from './photo-capture';

type Step = 'photo' | 'matter' | 'confirm';
type Answers = Record<string, string | string[]>;

function MatterStep({ onChoose }: { onChoose: (matter: MatterChoice) => void }) {
  const { t, name } = useI18n();
  const catalog = useStore(catalogStore);
  const today = useStore(todayStore);
  const [query, setQuery] = useState('');
  const frequent = useMemo(
    () => frequentFirst(today.data?.frequentMatters ?? [], catalog ?? []),
    [today.data, catalog],
  );
  const results = useMemo(() => searchMatters(query, catalog ?? []), [query, catalog]);
  if (!catalog) return <p className="wa-banner">{t('report.catalogMissing')}</p>;
  return (
    <>
      <h2 className="wa-step-title">{t('report.chooseMatter')}</h2>
      <input
        className="wa-input"
        type="search"
        inputMode="search"
        autoCapitalize="none"
        placeholder={t('report.search')}
        aria-label={t('report.search')}
        data-testid="matter-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {query.trim() === '' && frequent.length > 0 && (
        <section className="wa-card">
          <h2>{t('report.frequent')}</h2>
          <div className="wa-tiles">
            {frequent.map((m) => (
              <button key={m.code} type="button" className="wa-tile" data-matter={m.code} onClick={() => onChoose(m)}>
                {name(m)}
              </button>
            ))}
          </div>
        </section>
      )}
      <section className="wa-card">
        {query.trim() === '' && <h2>{t('report.all')}</h2>}
        {results.length === 0 ? (
          <p className="wa-muted">{t('report.noMatch')}</p>
        ) : (
          <ul className="wa-list" data-testid="matter-results">
            {results.map((m) => (
              <li key={m.code}>
                <button type="button" className="wa-row" data-matter={m.code} onClick={() => onChoose(m)}>
                  <span className="wa-row-main">
                    <span className="wa-row-title">{name(m)}</span>
                  </span>
                  <span className="wa-muted">{m.pinyinInitials}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The matter's required questions (e.g. 是否有安全隐患), answered with taps where they are choices. */
function Questions({
  fields,
  answers,
  onAnswer,
}: {
  fields: MatterFormField[];
  answers: Answers;
  onAnswer: (a: Answers) => void;
}) {
  const { t, locale } = useI18n();
  const label = (f: { description: string; descriptionEn: string }) =>
    locale === 'en-US' ? f.descriptionEn : f.description;
  return (
    <>
      {fields.map((field) => {
        const value = answers[field.code];
        const question = t('report.question', { question: label(field) });
        if (field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist') {
          const multiple = field.datatype === 'multivaluelist';
          const chosen = Array.isArray(value) ? value : value ? [value] : [];
          return (
            <fieldset key={field.code} className="wa-card" style={{ border: 0 }} data-question={field.code}>
              <legend className="wa-row-title" style={{ float: 'left', width: '100%' }}>
                {question}
              </legend>
              <div className="wa-chips" style={{ clear: 'both' }}>
                {(field.values ?? []).map((v) => (
                  <button
                    key={v.key}
                    type="button"
                    className="wa-chip"
                    aria-pressed={chosen.includes(v.key)}
                    onClick={() => {
                      const next = multiple
                        ? chosen.includes(v.key)
                          ? chosen.filter((k) => k !== v.key)
                          : [...chosen, v.key]
                        : v.key;
                      onAnswer({ ...answers, [field.code]: next });
                    }}
                  >
                    {locale === 'en-US' ? v.nameEn : v.name}
                  </button>
                ))}
              </div>
            </fieldset>
          );
        }
        return (
          <label key={field.code} className="wa-field">
            <span>{label(field)}</span>
            <input
              className="wa-input"
              type={field.datatype === 'number' ? 'number' : field.datatype === 'datetime' ? 'datetime-local' : 'text'}
              inputMode={field.datatype === 'number' ? 'decimal' : 'text'}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onAnswer({ ...answers, [field.code]: e.target.value })}
            />
          </label>
        );
      })}
    </>
  );
}

type NearbyState =
  | { status: 'idle' | 'offline' | 'checking' }
  | { status: 'done'; items: NearbyCase[] }
  | { status: 'failed'; message: string };

/** "Is it this one?": open cases of the same matter near me, when online. */
function useNearby(matter: MatterChoice | null, fix: Fix | null): NearbyState {
  const { online } = useStore(syncStatus);
  const [state, setState] = useState<NearbyState>({ status: 'idle' });
  // Rounded to ~10 m so that GPS jitter does not ask again on every fix.
  const lon = fix ? fix.lon.toFixed(4) : null;
  const lat = fix ? fix.lat.toFixed(4) : null;
  useEffect(() => {
    if (!matter || lon === null || lat === null) return setState({ status: 'idle' });
    if (!online) return setState({ status: 'offline' });
    const controller = new AbortController();
    setState({ status: 'checking' });
    getJson<NearbyCaseList>(
      '/field/nearby-cases',
      { matterCode: matter.code, lon, lat, crs: 'WGS84' },
      controller.signal,
    ).then(
      (list) => setState({ status: 'done', items: list.items }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof HttpError && error.failure.status === 0) setState({ status: 'offline' });
        else
          setState({ status: 'failed', message: error instanceof HttpError ? error.failure.message : String(error) });
      },
    );
    return () => controller.abort();
  }, [matter, lon, lat, online]);
  return state;
}

const isAnswered = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.length > 0 : value !== undefined && value.trim() !== '';

/**
 * Report in three taps: photo → matter → confirm. Location and grid come from the GPS; a
 * note is optional. Before confirming, open cases of the same matter nearby are offered so
 * the worker adds to one instead of filing the same thing again. Everything goes through
 * the outbox, online or not.
 */
export default function ReportScreen() {
  const { t, name } = useI18n();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('photo');
  const [photos, addPhoto] = usePhotos();
  const [matter, setMatter] = useState<MatterChoice | null>(null);
  const [note, setNote] = useState('');
  const [address, setAddress] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const position = usePosition();
  const today = useStore(todayStore);
  const fix = position.fix;
  const nearby = useNearby(step === 'confirm' ? matter : null, fix);
  const grid = fix ? gridAtPoint(today.data?.grids ?? [], fix.lon, fix.lat) : null;
  const questions = (matter?.formFields ?? []).filter((f) => f.required);

  const takePhoto = (photo: TakenPhoto) => {
    addPhoto(photo);
    if (step === 'photo') setStep('matter');
  };

  const finish = (text: string) => {
    showToast(text);
    navigate('/', { replace: true });
  };

  const submit = async () => {
    const userId = currentUserId();
    if (!matter || !userId) return;
    if (!fix && address.trim() === '') return setProblem(t('report.needLocation'));
    if (questions.some((q) => !isAnswered(answers[q.code]))) return setProblem(t('report.needAnswers'));
    setSaving(true);
    const formAnswers = Object.fromEntries(Object.entries(answers).filter(([, v]) => isAnswered(v)));
    const body: ReportDraft = {
      matterCode: matter.code,
      description: note.trim() || t('report.describedAs', { matter: matter.name }),
      ...(fix ? { point: { lon: fix.lon, lat: fix.lat, crs: 'WGS84' as const } } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(Object.keys(formAnswers).length > 0 ? { formAnswers } : {}),
    };
    await enqueue({
      userId,
      title: name(matter),
      request: { kind: 'report', body },
      photos: photos.map((p) => p.blob),
    });
    finish(t('report.queued'));
  };

  const support = async (target: NearbyCase) => {
    const userId = currentUserId();
    if (!userId) return;
    setSaving(true);
    await enqueue({
      userId,
      title: `${name({ name: target.matterName, nameEn: target.matterNameEn })} · ${target.code}`,
      request: {
        kind: 'support',
        caseCode: target.code,
        body: {
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(fix ? { point: { lon: fix.lon, lat: fix.lat, crs: 'WGS84' as const } } : {}),
        },
      },
      photos: photos.map((p) => p.blob),
    });
    finish(t('report.supportQueued', { code: target.code }));
  };

  const back = step !== 'photo';
  return (
    <Screen
      title={t('report.title')}
      back={!back}
      action={
        step === 'confirm' ? (
          <button
            type="button"
            className="wa-btn wa-btn-huge"
            data-testid="report-submit"
            disabled={saving}
            onClick={submit}
          >
            {t('report.submit')}
          </button>
        ) : undefined
      }
    >
      {back && (
        <button type="button" className="wa-link" onClick={() => setStep(step === 'confirm' ? 'matter' : 'photo')}>
          ‹ {t('app.back')}
        </button>
      )}
      {step === 'photo' && (
        <>
          <PhotoInput onPhoto={takePhoto} className="wa-photo-button" testId="report-photo">
            <span className="wa-big-icon" aria-hidden="true">
              📷
            </span>
            {t('report.takePhoto')}
          </PhotoInput>
          <p style={{ textAlign: 'center' }}>
            <button type="button" className="wa-link" data-testid="skip-photo" onClick={() => setStep('matter')}>
              {t('report.skipPhoto')}
            </button>
          </p>
        </>
      )}
      {step === 'matter' && (
        <MatterStep
          onChoose={(m) => {
            setMatter(m);
            setAnswers({});
            setProblem(null);
            setStep('confirm');
          }}
        />
      )}
      {step === 'confirm' && matter && (
        <>
          <h2 className="wa-step-title">{t('report.confirmTitle')}</h2>
          <section className="wa-card">
            <div className="wa-thumbs" style={{ marginBottom: 12 }}>
              {photos.map((p) => (
                <img key={p.url} src={p.url} alt="" />
              ))}
              <PhotoInput onPhoto={takePhoto} className="wa-thumb-add" testId="report-photo-more">
                {photos.length === 0 ? t('report.takePhoto') : t('report.addPhoto')}
              </PhotoInput>
            </div>
            <button type="button" className="wa-row" onClick={() => setStep('matter')}>
              <span className="wa-row-main">
                <span className="wa-muted">{t('report.matter')}</span>
                <span className="wa-row-title" style={{ display: 'block' }} data-testid="chosen-matter">
                  {name(matter)}
                </span>
              </span>
              <span className="wa-chevron">›</span>
            </button>
            <div className="wa-row" data-testid="report-location">
              <span className="wa-row-main">
                <span className="wa-muted">{t('report.location')}</span>
                <span style={{ display: 'block' }}>
                  {fix
                    ? `${grid ? t('report.inGrid', { grid: name(grid) }) : t('report.outsideGrids')}${
                        fix.accuracyM !== null
                          ? ` · ${t('report.accuracy', { meters: Math.round(fix.accuracyM) })}`
                          : ''
                      }`
                    : position.error
                      ? t('report.noLocation', { message: position.error.message })
                      : t('report.locating')}
                </span>
              </span>
            </div>
            {!fix && position.error && (
              <label className="wa-field">
                <span>{t('report.address')}</span>
                <input
                  className="wa-input"
                  placeholder={t('report.addressPlaceholder')}
                  value={address}
                  onChange={(e) => setAddress(e.target.value)}
                />
              </label>
            )}
          </section>
          <Questions fields={questions} answers={answers} onAnswer={setAnswers} />
          <label className="wa-field">
            <span>{t('report.note')}</span>
            <textarea
              className="wa-textarea"
              placeholder={t('report.notePlaceholder')}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <section className="wa-card wa-nearby" data-testid="nearby" data-status={nearby.status}>
            {nearby.status === 'offline' && <p className="wa-banner">{t('report.nearbyOffline')}</p>}
            {(nearby.status === 'checking' || nearby.status === 'idle') && (
              <p className="wa-muted">{fix ? t('report.nearbyChecking') : t('report.locating')}</p>
            )}
            {nearby.status === 'failed' && (
              <p className="wa-muted">{t('report.nearbyFailed', { message: nearby.message })}</p>
            )}
            {nearby.status === 'done' && nearby.items.length === 0 && (
              <p className="wa-muted">{t('report.nearbyNone')}</p>
            )}
            {nearby.status === 'done' && nearby.items.length > 0 && (
              <>
                <h2>{t('report.nearbyTitle')}</h2>
                <ul className="wa-list">
                  {nearby.items.map((c) => (
                    <li key={c.code} data-testid={`nearby-${c.code}`}>
                      <div style={{ display: 'flex', gap: 10 }}>
                        {c.thumbnailUrl && <img src={c.thumbnailUrl} alt="" />}
                        <div className="wa-row-main">
                          <div className="wa-row-title">{c.code}</div>
                          <div className="wa-small">{c.description}</div>
                          <div className="wa-muted">
                            {t('report.distance', { meters: Math.round(c.distanceM) })} ·{' '}
                            {t('report.supporters', { count: c.supporters })}
                          </div>
                        </div>
                      </div>
                      <button
                        type="button"
                        className="wa-btn wa-btn-secondary"
                        style={{ width: '100%', marginTop: 8 }}
                        disabled={saving}
                        onClick={() => void support(c)}
                      >
                        {t('report.thisOne')}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {problem && (
            <p className="wa-banner" data-tone="error" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
    </Screen>
  );
}
