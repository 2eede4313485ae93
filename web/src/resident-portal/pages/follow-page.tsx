import { useQuery } from '@tanstack/react-query';
import type { PublicCaseView } from '@yiwang/contracts';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePortalI18n } from '../i18n';
import { ApiError, portalApi } from '../portal-api';
import { ErrorNote, Field, Loading, Screen } from '../ui';

/**
 * Following a case by its code and key, with no account: the code and key live in the
 * address, so the page can be bookmarked or sent to family.
 */
export default function FollowPage() {
  const { t } = usePortalI18n();
  const [params, setParams] = useSearchParams();
  const code = params.get('code')?.trim() ?? '';
  const key = params.get('key')?.trim() ?? '';
  const [form, setForm] = useState({ code, key });
  const view = useQuery({
    queryKey: ['portal', 'follow', code.toUpperCase(), key.toUpperCase()],
    queryFn: () => portalApi.follow(code, key),
    enabled: Boolean(code && key),
    retry: false,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams({ code: form.code.trim().toUpperCase(), key: form.key.trim().toUpperCase() });
  };
  const notFound = view.error instanceof ApiError && view.error.status === 404;
  return (
    <Screen title={t('follow.title')}>
      <form className="yr-form yr-card" onSubmit={submit}>
        <Field label={t('follow.code')} htmlFor="follow-code">
          <input
            id="follow-code"
            required
            autoCapitalize="characters"
            placeholder={t('follow.codePlaceholder')}
            value={form.code}
            onChange={(e) => setForm((f) => ({ ...f, code: e.target.value }))}
          />
        </Field>
        <Field label={t('follow.key')} htmlFor="follow-key">
          <input
            id="follow-key"
            required
            autoCapitalize="characters"
            autoComplete="off"
            placeholder={t('follow.keyPlaceholder')}
            value={form.key}
            onChange={(e) => setForm((f) => ({ ...f, key: e.target.value }))}
          />
        </Field>
        <button type="submit" className="yr-button yr-button-primary">
          {t('follow.submit')}
        </button>
      </form>
      {view.isFetching && <Loading />}
      {notFound ? (
        <div className="yr-error" role="alert" data-testid="follow-not-found">
          <p>{t('follow.notFound')}</p>
        </div>
      ) : (
        <ErrorNote error={view.error} />
      )}
      {view.data && <CaseProgress view={view.data} followKey={key} />}
    </Screen>
  );
}

/** The public facts of a case: what it is, where it stands, the steps so far and, once done, what was done. */
export function CaseProgress({ view, followKey }: { view: PublicCaseView; followKey: string }) {
  const { t, named, stateLabel, stepLabel, dateTime } = usePortalI18n();
  return (
    <article className="yr-card" data-testid="case-progress" data-state={view.state}>
      <header className="yr-progress-head">
        <h2>{named(view.matter)}</h2>
        <span className={`yr-state yr-state-${view.state}`} data-testid="case-state">
          {stateLabel(view.state)}
        </span>
      </header>
      <p className="yr-code">{view.code}</p>
      {view.mergedFromCode && <p className="yr-note">{t('follow.mergedFrom', { from: view.mergedFromCode })}</p>}
      <dl className="yr-facts">
        <dt>{t('follow.reportedAt')}</dt>
        <dd>{dateTime(view.reportedAt)}</dd>
        {view.closedAt && (
          <>
            <dt>{t('follow.closedAt')}</dt>
            <dd>{dateTime(view.closedAt)}</dd>
          </>
        )}
      </dl>
      {view.supporterCount > 0 && <p className="yr-note">{t('follow.supporters', { count: view.supporterCount })}</p>}
      <h3>{t('follow.timeline')}</h3>
      <ol className="yr-timeline" data-testid="timeline">
        {view.timeline.map((entry) => (
          <li key={`${entry.step}-${entry.at}`}>
            <span>{stepLabel(entry.step)}</span>
            <time dateTime={entry.at}>{dateTime(entry.at)}</time>
          </li>
        ))}
      </ol>
      {view.result && (
        <section data-testid="case-result">
          <h3>{t('follow.result')}</h3>
          <p>{view.result.text}</p>
          {view.result.photoIds.length > 0 && (
            <div className="yr-photos">
              {view.result.photoIds.map((id) => (
                <figure key={id} className="yr-photo">
                  <img src={portalApi.thumbnailUrl(view.code, followKey, id)} alt={t('follow.resultPhotos')} />
                </figure>
              ))}
            </div>
          )}
        </section>
      )}
    </article>
  );
}
