import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { gridAtPoint } from '../geo/grid-at-point';
import { usePosition } from '../geo/position';
import { EditBanner, EditGone, FieldFault, resendEdited, useFailedEdit } from '../outbox/edit-failed';
import type { OutboxRequest } from '../outbox/outbox-logic';
import { enqueue } from '../outbox/outbox-store';
import { patrolStore } from '../patrol/patrol-store';
import { useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';
import { currentUserId } from '../shell/session';
import { useStore } from '../shell/store';
import { showToast } from '../shell/toast';
import { todayStore } from '../today/today-data';

/**
 * Household visit (走访): address and what was found, with the point and — while on
 * patrol — the patrol, so the visit shows on the track. Free text until the people
 * registry exists; quick notes cover the common cases with a tap.
 *
 * With `?edit=<outbox item>`, a visit the server refused: address and note to fix; when,
 * where and on which patrol it was made stay as recorded.
 */
export default function VisitScreen() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const today = useStore(todayStore);
  const { active } = useStore(patrolStore);
  const position = usePosition();
  const edit = useFailedEdit('visit');
  const editing = edit !== null && edit !== 'gone' ? edit : null;
  const draft = editing?.item.request.body ?? null;
  const planId = draft ? (draft.planId ?? null) : params.get('plan');
  const chosenPlan = today.data?.visitsDue.find((p) => p.id === planId) ?? null;
  const [address, setAddress] = useState(draft?.address ?? chosenPlan?.address ?? '');
  // Typed rather than tapped in 待走访: the visit still closes the plan of that address.
  const plan =
    chosenPlan ?? (editing ? null : (today.data?.visitsDue.find((p) => sameAddress(p.address, address)) ?? null));
  const [note, setNote] = useState(draft?.note ?? '');
  const [faults, setFaults] = useState(editing?.faults ?? {});
  /** Where the edited visit is resent from (see ResendPlace). */
  const [place, setPlace] = useState<Place>('saved');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const userId = currentUserId();
    if (!userId) return;
    if (address.trim() === '') return setProblem(t('visit.needAddress'));
    if (note.trim() === '') return setProblem(t('visit.needNote'));
    setSaving(true);
    const fix = position.fix;
    const title = address.trim();
    if (editing) {
      const before = editing.item.request;
      const { point: savedPoint, ...rest } = before.body;
      const point =
        place === 'saved'
          ? savedPoint
          : place === 'current' && fix
            ? { lon: fix.lon, lat: fix.lat, crs: 'WGS84' as const }
            : undefined;
      const request: OutboxRequest = {
        ...before,
        body: { ...rest, address: address.trim(), note: note.trim(), ...(point ? { point } : {}) },
      };
      if (!(await resendEdited(editing.item.id, { title, request, keptPhotos: editing.item.photos }))) {
        setSaving(false);
        return setProblem(t('edit.gone'));
      }
      showToast(t('edit.queued'));
      // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
      void navigate('/outbox', { replace: true });
      return;
    }
    await enqueue({
      userId,
      title,
      request: {
        kind: 'visit',
        patrolLocalId: active?.localId ?? null,
        body: {
          address: address.trim(),
          note: note.trim(),
          visitedAt: new Date().toISOString(),
          ...(fix ? { point: { lon: fix.lon, lat: fix.lat, crs: 'WGS84' as const } } : {}),
          ...(plan ? { planId: plan.id } : {}),
        },
      },
    });
    showToast(t('visit.queued'));
    // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
    void navigate('/', { replace: true });
  };

  if (edit === 'gone') {
    return (
      <Screen title={t('visit.title')}>
        <EditGone />
      </Screen>
    );
  }

  return (
    <Screen
      title={editing ? t('edit.visitTitle') : t('visit.title')}
      {...(editing ? { back: true } : {})}
      action={
        <button
          type="button"
          className="wa-btn wa-btn-huge"
          disabled={saving}
          data-testid="visit-submit"
          onClick={submit}
        >
          {editing ? t('edit.resend') : t('visit.submit')}
        </button>
      }
    >
      {editing && <EditBanner item={editing.item} />}
      {plan && (
        <p className="wa-banner" data-tone="info" data-testid="visit-plan">
          {t('visit.plan', { address: plan.address })}
        </p>
      )}
      <label className="wa-field">
        <span>{t('visit.address')}</span>
        <input
          className="wa-input"
          data-testid="visit-address"
          placeholder={t('visit.addressPlaceholder')}
          maxLength={200}
          value={address}
          onChange={(e) => {
            setAddress(e.target.value);
            setFaults(({ address: _, ...rest }) => rest);
          }}
        />
        <FieldFault faults={faults} field="address" />
      </label>
      {editing && (faults.location || place !== 'saved') && (
        <ResendPlace
          place={place}
          fault={faults.location}
          onChoose={(chosen) => {
            setPlace(chosen);
            setFaults(({ location: _, ...others }) => others);
          }}
        />
      )}
      <div className="wa-field">
        <span id="visit-note-label">{t('visit.note')}</span>
        <div className="wa-chips">
          {t('visit.quickNotes')
            .split('|')
            .map((text) => (
              <button
                key={text}
                type="button"
                className="wa-chip"
                aria-pressed={note.includes(text)}
                onClick={() => setNote((n) => (n.includes(text) ? n : n ? `${n}；${text}` : text))}
              >
                {text}
              </button>
            ))}
        </div>
        <textarea
          className="wa-textarea"
          data-testid="visit-note"
          aria-labelledby="visit-note-label"
          placeholder={t('visit.notePlaceholder')}
          maxLength={2000}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setFaults(({ note: _, ...rest }) => rest);
          }}
        />
        <FieldFault faults={faults} field="note" />
        <FieldFault faults={faults} field="other" />
      </div>
      {active && !editing && <p className="wa-muted">✓ {t('visit.onPatrol')}</p>}
      {problem && (
        <p className="wa-banner" data-tone="error" role="alert">
          {problem}
        </p>
      )}
    </Screen>
  );
}

/** Two ways of writing one address: spaces and letter case aside (文定花园 3 幢 = 文定花园3幢). */
const sameAddress = (a: string, b: string): boolean =>
  a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase() && b.trim() !== '';

type Place = 'saved' | 'current' | 'none';

/**
 * A visit refused for its place (outside the county) cannot be fixed by retyping: the
 * worker resends it from where they stand now, or without a place (a visit may have none).
 */
function ResendPlace({
  place,
  fault,
  onChoose,
}: {
  place: Place;
  fault: string | undefined;
  onChoose(place: Exclude<Place, 'saved'>): void;
}) {
  const { t, name } = useI18n();
  const position = usePosition();
  const today = useStore(todayStore);
  const fix = position.fix;
  const here = fix ? gridAtPoint(today.data?.grids ?? [], fix.lon, fix.lat) : null;
  return (
    <div className="wa-field" data-testid="visit-place" data-place={place}>
      <FieldFault faults={fault ? { location: fault } : undefined} field="location" />
      {fix && (
        <p className="wa-muted" data-testid="visit-current-place">
          {t('report.location')}：{here ? t('report.inGrid', { grid: name(here) }) : t('report.outsideGrids')}
        </p>
      )}
      {place === 'saved' ? (
        <button
          type="button"
          className="wa-btn wa-btn-secondary wa-btn-block"
          data-testid="visit-use-current-location"
          onClick={() => onChoose(fix ? 'current' : 'none')}
        >
          {fix ? t('report.useCurrentLocation') : t('visit.withoutPlace')}
        </button>
      ) : (
        <p className="wa-muted">✓ {t(place === 'current' ? 'report.useCurrentLocation' : 'visit.withoutPlace')}</p>
      )}
    </div>
  );
}
