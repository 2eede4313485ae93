import type { CasePhotoRef } from '@yiwang/contracts';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  EditBanner,
  EditGone,
  FieldFault,
  KeptThumbs,
  resendEdited,
  useFailedEdit,
  useKeptPhotos,
} from '../outbox/edit-failed';
import type { VerifyDraft } from '../outbox/outbox-logic';
import { enqueue } from '../outbox/outbox-store';
import { syncStatus } from '../outbox/outbox-sync';
import { PhotoInput, usePhotos } from '../report/photo-capture';
import { useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';
import { currentUserId } from '../shell/session';
import { useStore } from '../shell/store';
import { showToast } from '../shell/toast';
import { todayStore } from '../today/today-data';
import { StateTag } from '../today/today-screen';
import { useCaseToVerify } from './verify-data';

/** One column of the comparison: a heading and its photos (a tap opens the full photo). */
function PhotoColumn({ title, photos, testId }: { title: string; photos: readonly CasePhotoRef[]; testId: string }) {
  const { t } = useI18n();
  return (
    <figure className="wa-compare-col" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {photos.length === 0 ? (
        <p className="wa-muted">{t('verify.noPhotos')}</p>
      ) : (
        photos.map((p, index) => (
          <a key={p.id} href={p.imageUrl} target="_blank" rel="noreferrer">
            <img src={p.thumbnailUrl} alt={t('verify.photoAlt', { what: title, n: index + 1 })} />
          </a>
        ))
      )}
    </figure>
  );
}

/**
 * Verify on site (核查): look, take a photo, pass — or fail with a reason, which sends the
 * case back to the unit for rework. Works offline from today's list; the command goes
 * through the outbox (if the case moved on meanwhile, the server says so there).
 *
 * With `?edit=<outbox item>`, a verification the server refused opens as it was sent (its
 * photos, or the reason) and can be changed — e.g. a fail reason the server found wanting.
 */
export default function VerifyScreen() {
  const { t, name, locale } = useI18n();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const today = useStore(todayStore);
  const loaded = useCaseToVerify(code);
  const summary =
    today.data?.toVerify.find((c) => c.code === code) ?? (loaded.status === 'ready' ? loaded.view.case : null);
  const view = loaded.status === 'ready' ? loaded.view : null;
  const [photos, addPhoto] = usePhotos();
  const edit = useFailedEdit('verify');
  const editing = edit !== null && edit !== 'gone' && edit.item.request.caseCode === code ? edit : null;
  const draft = editing?.item.request.body ?? null;
  const [kept, removeKept] = useKeptPhotos(editing?.item ?? null);
  const [faults, setFaults] = useState(editing?.faults ?? {});
  const [failing, setFailing] = useState(draft?.type === 'verify_fail');
  const [reason, setReason] = useState(draft?.type === 'verify_fail' ? draft.reason : '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const title = summary ? `${name(summary.matter)} · ${code}` : code;

  const send = async (body: VerifyDraft) => {
    const userId = currentUserId();
    if (!userId) return;
    setSaving(true);
    if (editing) {
      // A pass keeps its note (the app has no field for it) and the photos the worker left in.
      const edited: VerifyDraft =
        body.type === 'verify_pass' && draft?.type === 'verify_pass' && draft.note
          ? { ...body, note: draft.note }
          : body;
      const resent = await resendEdited(editing.item.id, {
        title,
        request: { kind: 'verify', caseCode: code, body: edited },
        keptPhotos: body.type === 'verify_pass' ? kept.map((k) => k.photo) : [],
        addedPhotos: body.type === 'verify_pass' ? photos.map((p) => p.blob) : [],
      });
      if (!resent) {
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
      request: { kind: 'verify', caseCode: code, body },
      photos: body.type === 'verify_pass' ? photos.map((p) => p.blob) : [],
    });
    // It leaves 待核查 at once (pendingVerifications); today's list is asked again once it is delivered.
    const online = syncStatus.get().online;
    const pass = body.type === 'verify_pass';
    showToast(
      online
        ? t(pass ? 'verify.sendingPass' : 'verify.sendingFail')
        : t(pass ? 'verify.queuedPass' : 'verify.queuedFail'),
    );
    // void: navigate() returns a promise only under a data router; this app uses <BrowserRouter>.
    void navigate('/', { replace: true });
  };

  if (edit === 'gone' || (edit !== null && !editing)) {
    return (
      <Screen title={t('verify.title')} back>
        <EditGone />
      </Screen>
    );
  }

  return (
    <Screen
      title={editing ? t('edit.verifyTitle') : t('verify.title')}
      back
      action={
        failing ? (
          <button
            type="button"
            className="wa-btn wa-btn-huge wa-btn-red"
            disabled={saving}
            data-testid="verify-fail-submit"
            onClick={() => {
              if (reason.trim() === '') return setProblem(t('verify.needReason'));
              void send({ type: 'verify_fail', reason: reason.trim() });
            }}
          >
            {t('verify.submitFail')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="wa-btn wa-btn-huge wa-btn-secondary"
              data-testid="verify-fail"
              onClick={() => setFailing(true)}
            >
              {t('verify.fail')}
            </button>
            <button
              type="button"
              className="wa-btn wa-btn-huge wa-btn-green"
              disabled={saving}
              data-testid="verify-pass"
              onClick={() => void send({ type: 'verify_pass' })}
            >
              ✓ {t('verify.pass')}
            </button>
          </>
        )
      }
    >
      {editing && <EditBanner item={editing.item} />}
      {summary ? (
        <section className="wa-card" data-testid="verify-case">
          <h2>
            {name(summary.matter)} <StateTag state={summary.state} />
          </h2>
          <p className="wa-muted" style={{ margin: 0 }}>
            {summary.code}
          </p>
          {summary.address && <p style={{ margin: '6px 0' }}>{summary.address}</p>}
          <p style={{ margin: '6px 0' }}>{summary.description}</p>
        </section>
      ) : (
        loaded.status !== 'loading' && <p className="wa-banner">{t('verify.notFound')}</p>
      )}
      <section className="wa-card" data-testid="verify-feedback">
        <h2>{t('verify.feedback')}</h2>
        {loaded.status === 'loading' && <p className="wa-muted">{t('app.loading')}</p>}
        {loaded.status === 'failed' && (
          <p className="wa-banner" data-tone="error">
            {t('verify.loadFailed', { message: loaded.message })}
          </p>
        )}
        {view && loaded.status === 'ready' && loaded.offline && <p className="wa-muted">{t('verify.offlineCopy')}</p>}
        {view &&
          (view.feedback ? (
            <>
              <p className="wa-muted" style={{ margin: 0 }}>
                {[view.feedback.unit?.name, new Date(view.feedback.at).toLocaleString(locale)]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              <p className="wa-feedback-text" data-testid="verify-feedback-text">
                {view.feedback.text}
              </p>
            </>
          ) : (
            <p className="wa-muted">{t('verify.noFeedback')}</p>
          ))}
      </section>
      <section className="wa-card">
        <h2>{t('verify.compare')}</h2>
        <div className="wa-compare">
          <PhotoColumn
            title={t('verify.reportPhotos')}
            photos={view?.reportPhotos ?? []}
            testId="verify-report-photos"
          />
          <PhotoColumn
            title={t('verify.feedbackPhotos')}
            photos={view?.feedback?.photos ?? []}
            testId="verify-feedback-photos"
          />
          {!failing && (
            <figure className="wa-compare-col" data-testid="verify-my-photos">
              <figcaption>{t('verify.myPhotos')}</figcaption>
              <KeptThumbs kept={kept} onRemove={removeKept} />
              {photos.map((p, index) => (
                <img key={p.url} src={p.url} alt={t('verify.photoAlt', { what: t('verify.myPhotos'), n: index + 1 })} />
              ))}
              <PhotoInput onPhoto={addPhoto} className="wa-thumb-add" testId="verify-photo">
                📷 {photos.length + kept.length === 0 ? t('report.takePhoto') : t('report.addPhoto')}
              </PhotoInput>
            </figure>
          )}
        </div>
        {!failing && <p className="wa-muted">{t('verify.photo')}</p>}
        {!failing && (
          <>
            <FieldFault faults={faults} field="photos" />
            <FieldFault faults={faults} field="other" />
            {problem && (
              <p className="wa-banner" data-tone="error" role="alert">
                {problem}
              </p>
            )}
          </>
        )}
      </section>
      {failing && (
        <section className="wa-card">
          <div className="wa-field">
            <span id="verify-reason-label">{t('verify.failReason')}</span>
            <div className="wa-chips">
              {t('verify.reasons')
                .split('|')
                .map((text) => (
                  <button
                    key={text}
                    type="button"
                    className="wa-chip"
                    aria-pressed={reason === text}
                    onClick={() => setReason(text)}
                  >
                    {text}
                  </button>
                ))}
            </div>
            <textarea
              className="wa-textarea"
              data-testid="verify-reason"
              aria-labelledby="verify-reason-label"
              placeholder={t('verify.failReasonPlaceholder')}
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setFaults(({ reason: _, ...rest }) => rest);
              }}
            />
            <FieldFault faults={faults} field="reason" />
            <FieldFault faults={faults} field="other" />
          </div>
          {problem && (
            <p className="wa-banner" data-tone="error" role="alert">
              {problem}
            </p>
          )}
          <button type="button" className="wa-link" onClick={() => setFailing(false)}>
            ‹ {t('app.back')}
          </button>
        </section>
      )}
    </Screen>
  );
}
