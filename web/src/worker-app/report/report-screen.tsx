import type { MatterFormField, NearbyCase, NearbyCaseList } from '@yiwang/contracts';
import { searchMatters } from '@yiwang/contracts/vocabulary';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { answersToSend, choicesOf, isAnswered, questionText, unansweredRequired } from '../../shared/report-form';
import { gridAtPoint } from '../geo/grid-at-point';
import { type Fix, usePosition } from '../geo/position';
import {
  EditBanner,
  EditGone,
  FieldFault,
  KeptThumbs,
  resendEdited,
  useFailedEdit,
  useKeptPhotos,
} from '../outbox/edit-failed';
import type { OutboxRequest, ReportDraft } from '../outbox/outbox-logic';
import { enqueue } from '../outbox/outbox-store';
import { syncStatus } from '../outbox/outbox-sync';
import { getJson, HttpError } from '../shell/http';
import { translate, useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';
import { currentUserId } from '../shell/session';
import { useStore } from '../shell/store';
import { showToast } from '../shell/toast';
import { catalogStore, todayStore } from '../today/today-data';
import { frequentFirst, type MatterChoice } from './matter-search';
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
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The matter's questions (e.g. 是否有安全隐患), answered with taps where they are choices. */
function Questions({
  fields,
  answers,
  onAnswer,
  faults,
}: {
  fields: MatterFormField[];
  answers: Answers;
  onAnswer: (a: Answers, code: string) => void;
  faults: Record<string, string>;
}) {
  const { t, locale } = useI18n();
  const label = (f: MatterFormField) => questionText(f, locale);
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
                {choicesOf(field, locale).map((v) => (
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
                      onAnswer({ ...answers, [field.code]: next }, field.code);
                    }}
                  >
                    {v.name}
                  </button>
                ))}
              </div>
              <FieldFault faults={faults} field={`formAnswers.${field.code}`} />
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
              onChange={(e) => onAnswer({ ...answers, [field.code]: e.target.value }, field.code)}
            />
            <FieldFault faults={faults} field={`formAnswers.${field.code}`} />
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

/** The server's answers as the form holds them (numbers are typed as text). */
const answersOf = (body: ReportDraft): Answers =>
  Object.fromEntries(
    Object.entries(body.formAnswers ?? {}).map(([code, v]) => [code, typeof v === 'number' ? String(v) : v]),
  );

/**
 * The note the worker wrote, from a queued report's description: empty when the app wrote
 * the description itself (no note given), so that choosing another matter does not keep
 * the old matter's name in it.
 */
function noteOf(body: ReportDraft, catalog: readonly MatterChoice[] | null): string {
  const matter = catalog?.find((m) => m.code === body.matterCode);
  if (!matter) return body.description;
  const generated = (['zh-CN', 'en-US'] as const).map((l) =>
    translate(l, 'report.describedAs', { matter: matter.name }),
  );
  return generated.includes(body.description) ? '' : body.description;
}

/** The server takes at most 9 photos per report. */
const MAX_PHOTOS = 9;

/**
 * Report in three taps: photo → matter → confirm. Location and grid come from the GPS; a
 * note is optional, and so are the matter's optional questions (folded away under
 * "更多信息"). Before confirming, open cases of the same matter nearby are offered so the
 * worker adds to one instead of filing the same thing again. Everything goes through the
 * outbox, online or not.
 *
 * With `?edit=<outbox item>` the screen opens a report the server refused, on the confirm
 * step with everything as it was queued (photos from the phone, the place it was made) and
 * the server's complaints next to the fields at fault; sending replaces the failed item.
 */
export default function ReportScreen() {
  const { t, name } = useI18n();
  const navigate = useNavigate();
  const edit = useFailedEdit('report');
  const editing = edit !== null && edit !== 'gone' ? edit : null;
  const draft = editing?.item.request.body ?? null;
  const catalog = useStore(catalogStore);
  const [step, setStep] = useState<Step>(editing ? 'confirm' : 'photo');
  const [photos, addPhoto] = usePhotos();
  const [kept, removeKept] = useKeptPhotos(editing?.item ?? null);
  const [matterCode, setMatterCode] = useState<string | null>(draft?.matterCode ?? null);
  const [note, setNote] = useState(() => (draft ? noteOf(draft, catalogStore.get()) : ''));
  const [address, setAddress] = useState(draft?.address ?? '');
  const [answers, setAnswers] = useState<Answers>(() => (draft ? answersOf(draft) : {}));
  const [faults, setFaults] = useState<Record<string, string>>(editing?.faults ?? {});
  const savedPoint = draft?.point ?? null;
  const [useSavedPoint, setUseSavedPoint] = useState(savedPoint !== null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const position = usePosition();
  const today = useStore(todayStore);
  const matter = useMemo(() => catalog?.find((m) => m.code === matterCode) ?? null, [catalog, matterCode]);
  // A queued report's matter that the catalog no longer has (retired meanwhile): the worker must choose again.
  const matterRetired = matterCode !== null && catalog !== null && matter === null;
  const fix: Fix | null =
    useSavedPoint && savedPoint ? { lon: savedPoint.lon, lat: savedPoint.lat, accuracyM: null, at: '' } : position.fix;
  const nearby = useNearby(step === 'confirm' ? matter : null, fix);
  const grid = fix ? gridAtPoint(today.data?.grids ?? [], fix.lon, fix.lat) : null;
  const fields = matter?.formFields ?? [];
  const questions = fields.filter((f) => f.required);
  const optional = fields.filter((f) => !f.required);
  const [moreOpen, setMoreOpen] = useState(() =>
    optional.some((f) => isAnswered(answers[f.code]) || faults[`formAnswers.${f.code}`]),
  );
  const photoCount = kept.length + photos.length;

  const clearFault = (...keys: string[]) =>
    setFaults((all) =>
      keys.some((k) => k in all) ? Object.fromEntries(Object.entries(all).filter(([k]) => !keys.includes(k))) : all,
    );

  const takePhoto = (photo: TakenPhoto) => {
    addPhoto(photo);
    clearFault('photos');
    if (step === 'photo') setStep('matter');
  };

  const finish = (text: string) => {
    showToast(text);
    // After an edit the worker goes back to the outbox, to see it go this time.
    // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
    void navigate(editing ? '/outbox' : '/', { replace: true });
  };

  /** Queues the request, or — when editing — puts it in the failed item's place. */
  const save = async (title: string, request: OutboxRequest): Promise<boolean> => {
    const userId = currentUserId();
    if (!userId) return false;
    setSaving(true);
    const added = photos.map((p) => p.blob);
    if (!editing) {
      await enqueue({ userId, title, request, photos: added });
      return true;
    }
    const resent = await resendEdited(editing.item.id, {
      title,
      request,
      keptPhotos: kept.map((k) => k.photo),
      addedPhotos: added,
    });
    if (!resent) {
      setSaving(false);
      setProblem(t('edit.gone'));
    }
    return resent;
  };

  const submit = async () => {
    if (!matter) return setProblem(t('report.needMatter'));
    if (!fix && address.trim() === '') return setProblem(t('report.needLocation'));
    if (unansweredRequired(fields, answers).length > 0) return setProblem(t('report.needAnswers'));
    const formAnswers = answersToSend(fields, answers);
    const body: ReportDraft = {
      matterCode: matter.code,
      description: note.trim() || t('report.describedAs', { matter: matter.name }),
      ...(fix ? { point: { lon: fix.lon, lat: fix.lat, crs: 'WGS84' as const } } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(Object.keys(formAnswers).length > 0 ? { formAnswers } : {}),
    };
    if (await save(name(matter), { kind: 'report', body })) finish(editing ? t('edit.queued') : t('report.queued'));
  };

  const support = async (target: NearbyCase) => {
    const saved = await save(`${name({ name: target.matterName, nameEn: target.matterNameEn })} · ${target.code}`, {
      kind: 'support',
      caseCode: target.code,
      body: {
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(fix ? { point: { lon: fix.lon, lat: fix.lat, crs: 'WGS84' as const } } : {}),
      },
    });
    if (saved) finish(t('report.supportQueued', { code: target.code }));
  };

  if (edit === 'gone') {
    return (
      <Screen title={t('report.title')} back>
        <EditGone />
      </Screen>
    );
  }

  const back = step !== 'photo' && !(editing && step === 'confirm');
  // "Is it this one?" comes first when there are candidates: above the form and the confirm
  // button, so the worker sees it before filing the same thing again.
  const nearbyFound = nearby.status === 'done' && nearby.items.length > 0;
  const nearbyCard = (
    <section className="wa-card wa-nearby" data-testid="nearby" data-status={nearby.status}>
      {nearby.status === 'offline' && <p className="wa-banner">{t('report.nearbyOffline')}</p>}
      {(nearby.status === 'checking' || nearby.status === 'idle') && (
        <p className="wa-muted">{fix ? t('report.nearbyChecking') : t('report.locating')}</p>
      )}
      {nearby.status === 'failed' && (
        <p className="wa-muted">{t('report.nearbyFailed', { message: nearby.message })}</p>
      )}
      {nearby.status === 'done' && nearby.items.length === 0 && <p className="wa-muted">{t('report.nearbyNone')}</p>}
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
  );
  return (
    <Screen
      title={editing ? t('edit.reportTitle') : t('report.title')}
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
            {editing ? t('edit.resend') : t('report.submit')}
          </button>
        ) : undefined
      }
    >
      {back && (
        <button
          type="button"
          className="wa-link"
          onClick={() => setStep(step === 'confirm' ? 'matter' : editing ? 'confirm' : 'photo')}
        >
          ‹ {t('app.back')}
        </button>
      )}
      {editing && step === 'confirm' && <EditBanner item={editing.item} />}
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
            setMatterCode(m.code);
            setAnswers({});
            setFaults((all) =>
              Object.fromEntries(Object.entries(all).filter(([k]) => k !== 'matter' && !k.startsWith('formAnswers.'))),
            );
            setMoreOpen(false);
            setProblem(null);
            setStep('confirm');
          }}
        />
      )}
      {step === 'confirm' && (matter || editing) && (
        <>
          <h2 className="wa-step-title">{editing ? t('edit.reportHint') : t('report.confirmTitle')}</h2>
          {matter && nearbyFound && nearbyCard}
          <section className="wa-card">
            <div className="wa-thumbs" style={{ marginBottom: 12 }}>
              <KeptThumbs
                kept={kept}
                onRemove={(blobId) => {
                  removeKept(blobId);
                  clearFault('photos');
                }}
              />
              {photos.map((p) => (
                <img key={p.url} src={p.url} alt="" />
              ))}
              {photoCount < MAX_PHOTOS && (
                <PhotoInput onPhoto={takePhoto} className="wa-thumb-add" testId="report-photo-more">
                  {photoCount === 0 ? t('report.takePhoto') : t('report.addPhoto')}
                </PhotoInput>
              )}
            </div>
            <FieldFault faults={faults} field="photos" />
            <button type="button" className="wa-row" data-testid="change-matter" onClick={() => setStep('matter')}>
              <span className="wa-row-main">
                <span className="wa-muted">{t('report.matter')}</span>
                <span className="wa-row-title" style={{ display: 'block' }} data-testid="chosen-matter">
                  {matter ? name(matter) : matterCode}
                </span>
              </span>
              <span className="wa-chevron">›</span>
            </button>
            {matterRetired && (
              <p className="wa-field-fault" role="alert" data-testid="field-fault" data-field="matter">
                {t('report.matterRetired', { code: matterCode ?? '' })}
              </p>
            )}
            {!matterRetired && <FieldFault faults={faults} field="matter" />}
            <div className="wa-row" data-testid="report-location" data-source={useSavedPoint ? 'saved' : 'gps'}>
              <span className="wa-row-main">
                <span className="wa-muted">
                  {useSavedPoint && savedPoint ? t('report.savedLocation') : t('report.location')}
                </span>
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
            <FieldFault faults={faults} field="location" />
            {useSavedPoint && savedPoint && (
              <button
                type="button"
                className="wa-btn wa-btn-secondary wa-btn-block"
                data-testid="use-current-location"
                disabled={!position.fix}
                onClick={() => {
                  setUseSavedPoint(false);
                  clearFault('location');
                }}
              >
                {position.fix ? t('report.useCurrentLocation') : t('report.locating')}
              </button>
            )}
            {((!fix && position.error) || (editing && (address !== '' || faults.address))) && (
              <label className="wa-field">
                <span>{t('report.address')}</span>
                <input
                  className="wa-input"
                  placeholder={t('report.addressPlaceholder')}
                  value={address}
                  onChange={(e) => {
                    setAddress(e.target.value);
                    clearFault('address');
                  }}
                />
                <FieldFault faults={faults} field="address" />
              </label>
            )}
          </section>
          <Questions
            fields={questions}
            answers={answers}
            faults={faults}
            onAnswer={(next, code) => {
              setAnswers(next);
              clearFault(`formAnswers.${code}`);
            }}
          />
          {optional.length > 0 && (
            <section className="wa-more" data-testid="more-info" data-open={moreOpen}>
              <button
                type="button"
                className="wa-more-toggle"
                aria-expanded={moreOpen}
                onClick={() => setMoreOpen((open) => !open)}
              >
                <span>{t('report.moreInfo', { count: optional.length })}</span>
                <span aria-hidden="true">{moreOpen ? '▴' : '▾'}</span>
              </button>
              {/* Rendered only when open: closed, the optional questions are not in the way at all. */}
              {moreOpen && (
                <Questions
                  fields={optional}
                  answers={answers}
                  faults={faults}
                  onAnswer={(next, code) => {
                    setAnswers(next);
                    clearFault(`formAnswers.${code}`);
                  }}
                />
              )}
            </section>
          )}
          <label className="wa-field">
            <span>{t('report.note')}</span>
            <textarea
              className="wa-textarea"
              placeholder={t('report.notePlaceholder')}
              maxLength={2000}
              value={note}
              onChange={(e) => {
                setNote(e.target.value);
                clearFault('note');
              }}
            />
            <FieldFault faults={faults} field="note" />
          </label>
          {faults.other && (
            <p className="wa-field-fault" data-testid="field-fault" data-field="other">
              {faults.other}
            </p>
          )}
          {matter && !nearbyFound && nearbyCard}
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
