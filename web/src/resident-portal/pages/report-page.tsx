import { useMutation, useQuery } from '@tanstack/react-query';
import type { FormAnswers, IntakeResult, LonLat, Matter } from '@yiwang/contracts';
import { type FormEvent, lazy, Suspense, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { compressForUpload } from '../../shared/compress-photo';
import { newIdempotencyKey } from '../../shared/http';
import { answersToSend, choicesOf, isAnswered, questionText } from '../../shared/report-form';
import { useDebounced } from '../../shared/use-debounced';
import { type MessageKey, usePortalI18n } from '../i18n';
import { portalApi } from '../portal-api';
import { ErrorNote, Field, Loading, Screen } from '../ui';
import { RequireResident } from './auth-pages';

const PinMap = lazy(() => import('../pin-map'));

const MAX_PHOTOS = 3;
type Category = Matter['category'];
/** The portal's own order: what residents report most comes first. */
const CATEGORIES: readonly Category[] = [
  'urban_management',
  'livelihood_service',
  'public_safety',
  'comprehensive_governance',
  'other',
];

export default function ReportPage() {
  const { t } = usePortalI18n();
  return (
    <RequireResident title={t('report.title')}>
      <ReportForm />
    </RequireResident>
  );
}

/** Search the catalog by words, pinyin initials or category; the server does the matching. */
function MatterPicker({ value, onChange }: { value: Matter | null; onChange(matter: Matter | null): void }) {
  const { t, named } = usePortalI18n();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<Category | undefined>(undefined);
  const search = useDebounced(q, 250);
  const list = useQuery({
    queryKey: ['portal', 'matters', search, category],
    queryFn: () => portalApi.matters(search, category),
    enabled: !value,
    staleTime: 10 * 60_000,
  });
  if (value) {
    return (
      <div className="yr-chosen" data-testid="matter-chosen">
        <strong>{named(value)}</strong>
        <button type="button" className="yr-link" onClick={() => onChange(null)}>
          {t('report.matterChange')}
        </button>
      </div>
    );
  }
  return (
    <div className="yr-picker">
      <input
        type="search"
        aria-label={t('report.matterSearch')}
        placeholder={t('report.matterSearch')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <fieldset className="yr-chips" aria-label={t('report.matter')}>
        {[undefined, ...CATEGORIES].map((c) => (
          <button
            key={c ?? 'all'}
            type="button"
            className="yr-chip"
            aria-pressed={category === c}
            onClick={() => setCategory(c)}
          >
            {t(c ? (`category.${c}` as MessageKey) : 'category.all')}
          </button>
        ))}
      </fieldset>
      {list.isPending ? (
        <Loading />
      ) : (
        <ul className="yr-options" data-testid="matter-options">
          {list.data?.items.map((m) => (
            <li key={m.code}>
              <button type="button" onClick={() => onChange(m)}>
                {named(m)}
              </button>
            </li>
          ))}
          {list.data?.items.length === 0 && <li className="yr-hint">{t('report.matterNone')}</li>}
        </ul>
      )}
      <ErrorNote error={list.error} />
    </div>
  );
}

/** An instant as a datetime-local input shows it: the phone's local time, to the minute. */
function localInputValue(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The matter's own questions (like Open311 service attributes), typed. */
function MatterFields({
  matter,
  answers,
  onChange,
}: {
  matter: Matter;
  answers: FormAnswers;
  onChange(answers: FormAnswers): void;
}) {
  const { t, locale } = usePortalI18n();
  const set = (code: string, value: FormAnswers[string] | undefined) => {
    const next = { ...answers };
    if (value === undefined || !isAnswered(value)) delete next[code];
    else next[code] = value;
    onChange(next);
  };
  return (
    <>
      {matter.formFields.map((field) => {
        const id = `field-${matter.code}-${field.code}`;
        const label = questionText(field, locale);
        const options = choicesOf(field, locale);
        const value = answers[field.code];
        const hint = field.required ? t('report.required') : undefined;
        if (field.datatype === 'singlevaluelist') {
          return (
            <Field key={id} label={label} hint={hint} htmlFor={id}>
              <select
                id={id}
                required={field.required}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(field.code, e.target.value)}
              >
                <option value="" />
                {options.map((o) => (
                  <option key={o.key} value={o.key}>
                    {o.name}
                  </option>
                ))}
              </select>
            </Field>
          );
        }
        if (field.datatype === 'multivaluelist') {
          const chosen = Array.isArray(value) ? value : [];
          return (
            <fieldset key={id} className="yr-field">
              <legend>{label}</legend>
              {options.map((o) => (
                <label key={o.key} className="yr-check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(o.key)}
                    onChange={(e) =>
                      set(field.code, e.target.checked ? [...chosen, o.key] : chosen.filter((k) => k !== o.key))
                    }
                  />
                  {o.name}
                </label>
              ))}
            </fieldset>
          );
        }
        if (field.datatype === 'datetime') {
          return (
            <Field key={id} label={label} hint={hint} htmlFor={id}>
              <input
                id={id}
                type="datetime-local"
                required={field.required}
                value={typeof value === 'string' ? localInputValue(value) : ''}
                // The phone's clock is the resident's: sent as an instant, so the server's zone does not matter.
                onChange={(e) => set(field.code, e.target.value ? new Date(e.target.value).toISOString() : undefined)}
              />
            </Field>
          );
        }
        return (
          <Field key={id} label={label} hint={hint} htmlFor={id}>
            {field.datatype === 'text' ? (
              <textarea
                id={id}
                required={field.required}
                maxLength={500}
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(field.code, e.target.value)}
              />
            ) : (
              <input
                id={id}
                required={field.required}
                type={field.datatype === 'number' ? 'number' : 'text'}
                maxLength={500}
                value={value === undefined ? '' : String(value)}
                onChange={(e) =>
                  set(
                    field.code,
                    field.datatype === 'number' && e.target.value !== '' ? Number(e.target.value) : e.target.value,
                  )
                }
              />
            )}
          </Field>
        );
      })}
    </>
  );
}

interface UploadedPhoto {
  id: string;
  preview: string;
}

/** Up to three photos, each shrunk on the phone and uploaded at once (the report then only names them). */
function PhotoPicker({ photos, onChange }: { photos: UploadedPhoto[]; onChange(photos: UploadedPhoto[]): void }) {
  const { t } = usePortalI18n();
  const inputId = useId();
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const { blob, name } = await compressForUpload(file);
      const photo = await portalApi.uploadPhoto(blob, name);
      return { id: photo.id, preview: URL.createObjectURL(blob) };
    },
    onSuccess: (photo) => onChange([...photos, photo]),
  });
  const remove = (id: string) => {
    const gone = photos.find((p) => p.id === id);
    if (gone) URL.revokeObjectURL(gone.preview);
    onChange(photos.filter((p) => p.id !== id));
  };
  return (
    <div className="yr-field">
      <span className="yr-label">{t('report.photos', { max: MAX_PHOTOS })}</span>
      <div className="yr-photos" data-testid="photos">
        {photos.map((p) => (
          <figure key={p.id} className="yr-photo">
            <img src={p.preview} alt="" />
            <button type="button" aria-label={t('report.photoRemove')} onClick={() => remove(p.id)}>
              ×
            </button>
          </figure>
        ))}
        {photos.length < MAX_PHOTOS && (
          <label htmlFor={inputId} className="yr-photo-add" aria-busy={upload.isPending}>
            {upload.isPending ? t('report.photoUploading') : `＋ ${t('report.addPhoto')}`}
            <input
              id={inputId}
              type="file"
              accept="image/*"
              disabled={upload.isPending}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) upload.mutate(file);
              }}
            />
          </label>
        )}
      </div>
      <ErrorNote error={upload.error} />
    </div>
  );
}

function ReportForm() {
  const { t } = usePortalI18n();
  const [matter, setMatter] = useState<Matter | null>(null);
  const [answers, setAnswers] = useState<FormAnswers>({});
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [point, setPoint] = useState<LonLat | null>(null);
  const [address, setAddress] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  // One key per filled-in form: resending after a lost answer reports once.
  const idempotencyKey = useRef(newIdempotencyKey());
  const report = useMutation({
    mutationFn: () =>
      portalApi.report(
        {
          matterCode: (matter as Matter).code,
          description: description.trim(),
          point: { ...(point as LonLat), crs: 'WGS84' },
          ...(address.trim() ? { address: address.trim() } : {}),
          photoIds: photos.map((p) => p.id),
          formAnswers: answersToSend((matter as Matter).formFields, answers),
          reporter: { anonymous },
        },
        idempotencyKey.current,
      ),
  });

  const place = usePinPlace(point);
  // A new pin answers the last refusal (e.g. outside the county): it is not shown any longer.
  const pinAt = (next: LonLat) => {
    setPoint(next);
    report.reset();
  };

  const locate = () => {
    if (!('geolocation' in navigator)) return setProblem(t('report.locationUnsupported'));
    setLocating(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        pinAt({
          lon: Number(position.coords.longitude.toFixed(6)),
          lat: Number(position.coords.latitude.toFixed(6)),
        });
      },
      (error) => {
        setLocating(false);
        setProblem(t('report.locationDenied', { reason: error.message || String(error.code) }));
      },
      // Asked for now, so a fix from before the person walked to the spot is not reused.
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = !matter
      ? 'report.needMatter'
      : !description.trim()
        ? 'report.needDescription'
        : !point
          ? 'report.needPin'
          : null;
    setProblem(missing ? t(missing) : null);
    if (missing) return;
    // The place was refused already (e.g. outside the county): said once under the map, not again here.
    if (place.error) {
      document.querySelector('[data-testid=pin-map]')?.scrollIntoView({ block: 'center' });
      return;
    }
    report.mutate();
  };

  if (report.data) return <ReportResult result={report.data} />;
  return (
    <Screen title={t('report.title')}>
      <form className="yr-form" onSubmit={submit}>
        <Field label={t('report.matter')}>
          <MatterPicker
            value={matter}
            onChange={(m) => {
              setMatter(m);
              setAnswers({});
            }}
          />
        </Field>
        {matter && <MatterFields matter={matter} answers={answers} onChange={setAnswers} />}
        <Field label={t('report.description')} hint={t('report.descriptionHint')} htmlFor="report-description">
          <textarea
            id="report-description"
            rows={4}
            maxLength={1900}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </Field>
        <PhotoPicker photos={photos} onChange={setPhotos} />
        <div className="yr-field">
          <span className="yr-label">{t('report.location')}</span>
          <p className="yr-hint">{t('report.locationHint')}</p>
          <Suspense fallback={<p className="yr-map yr-loading">{t('report.mapLoading')}</p>}>
            <PinMap value={point} onPick={pinAt} />
          </Suspense>
          <div className="yr-row">
            <button type="button" className="yr-button" onClick={locate} disabled={locating}>
              {locating ? t('report.locating') : t('report.useMyLocation')}
            </button>
            <span className="yr-hint" data-testid="pin-text">
              {point ? t('report.pinned', { lon: point.lon.toFixed(5), lat: point.lat.toFixed(5) }) : t('report.noPin')}
            </span>
          </div>
          {point && <PinPlace point={point} />}
        </div>
        <Field label={t('report.address')} htmlFor="report-address">
          <input id="report-address" maxLength={200} value={address} onChange={(e) => setAddress(e.target.value)} />
        </Field>
        <label className="yr-check yr-field">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>
            {t('report.anonymous')}
            <small className="yr-hint">{t('report.anonymousHint')}</small>
          </span>
        </label>
        {problem && (
          <div className="yr-error" role="alert">
            <p>{problem}</p>
          </div>
        )}
        <ErrorNote error={report.error} />
        <button
          type="submit"
          className="yr-button yr-button-primary"
          disabled={report.isPending}
          data-testid="report-submit"
        >
          {report.isPending ? t('report.submitting') : t('report.submit')}
        </button>
      </form>
    </Screen>
  );
}

/** Where the pin lies, asked once per point (the form and the place line share the answer). */
const usePinPlace = (point: LonLat | null) =>
  useQuery({
    queryKey: ['portal', 'place', point?.lon, point?.lat],
    queryFn: () => portalApi.place((point as LonLat).lon, (point as LonLat).lat),
    enabled: point !== null,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Where the pin lies (town · community · grid), or the server's reason it cannot be reported there. */
function PinPlace({ point }: { point: LonLat }) {
  const { t, named } = usePortalI18n();
  const place = usePinPlace(point);
  if (place.error) return <ErrorNote error={place.error} />;
  if (!place.data) return null;
  const { town, community, grid } = place.data;
  const names = [town, community, grid].flatMap((p) => (p ? [named(p)] : []));
  return (
    <p className="yr-place" data-testid="pin-place">
      {t('report.placeAt', { place: names.join(' · ') })}
    </p>
  );
}

/** The answer: the case code and follow key to keep, and where to go next. */
function ReportResult({ result }: { result: IntakeResult }) {
  const { t } = usePortalI18n();
  const code = result.case.code;
  const key = result.followKey ?? '';
  return (
    <Screen title={t('result.title')}>
      <div className="yr-card yr-result" data-testid="report-result">
        {result.outcome === 'merged' && <p className="yr-note">{t('result.merged')}</p>}
        <p>{t('result.keep')}</p>
        <dl className="yr-keys">
          <dt>{t('result.code')}</dt>
          <dd data-testid="result-code">{code}</dd>
          <dt>{t('result.key')}</dt>
          <dd data-testid="result-key">{key}</dd>
        </dl>
        <Link
          className="yr-button yr-button-primary"
          to={`/follow?code=${encodeURIComponent(code)}&key=${encodeURIComponent(key)}`}
        >
          {t('result.follow')}
        </Link>
        <a className="yr-button" href="/r/report">
          {t('result.another')}
        </a>
      </div>
    </Screen>
  );
}
