import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyReport } from '@yiwang/contracts';
import { RATINGS, type RatingName as Rating } from '@yiwang/contracts/vocabulary';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type MessageKey, usePortalI18n } from '../i18n';
import { portalApi } from '../portal-api';
import { ErrorNote, Field, Loading, Screen } from '../ui';
import { RequireResident } from './auth-pages';

const MY_REPORTS = ['portal', 'my-reports'] as const;

export default function MyReportsPage() {
  const { t } = usePortalI18n();
  return (
    <RequireResident title={t('mine.title')}>
      <MyReports />
    </RequireResident>
  );
}

function MyReports() {
  const { t } = usePortalI18n();
  const list = useQuery({ queryKey: MY_REPORTS, queryFn: portalApi.myReports });
  return (
    <Screen title={t('mine.title')}>
      {list.isPending && <Loading />}
      <ErrorNote error={list.error} />
      {list.data?.items.length === 0 && <p className="yr-note">{t('mine.empty')}</p>}
      <ul className="yr-list" data-testid="my-reports">
        {list.data?.items.map((item) => (
          <li key={item.code}>
            <ReportCard item={item} />
          </li>
        ))}
      </ul>
    </Screen>
  );
}

function ReportCard({ item }: { item: MyReport }) {
  const { t, named, stateLabel, dateTime } = usePortalI18n();
  return (
    <article className="yr-card" data-testid={`my-report-${item.code}`} data-state={item.state}>
      <header className="yr-progress-head">
        <h2>{named(item.matter)}</h2>
        <span className={`yr-state yr-state-${item.state}`}>{stateLabel(item.state)}</span>
      </header>
      <p className="yr-description">{item.description}</p>
      <p className="yr-hint">
        {dateTime(item.reportedAt)}
        {item.anonymous && ` · ${t('mine.anonymous')}`}
        {item.supporterCount > 0 && ` · ${t('follow.supporters', { count: item.supporterCount })}`}
      </p>
      <dl className="yr-keys yr-keys-inline">
        <dt>{t('result.code')}</dt>
        <dd>{item.code}</dd>
        {item.followKey && (
          <>
            <dt>{t('result.key')}</dt>
            <dd>{item.followKey}</dd>
          </>
        )}
      </dl>
      {item.followKey && (
        <Link
          className="yr-button"
          to={`/follow?code=${encodeURIComponent(item.code)}&key=${encodeURIComponent(item.followKey)}`}
        >
          {t('mine.follow')}
        </Link>
      )}
      {item.myRating && (
        <p className="yr-note" data-testid="my-rating">
          {t('mine.rated', { rating: t(`rating.${item.myRating.rating}` as MessageKey) })}
          {item.myRating.comment && ` —— ${item.myRating.comment}`}
        </p>
      )}
      {item.canRate && <RateForm code={item.code} />}
    </article>
  );
}

/** 回访: the reporter rates the result once the case is closed (satisfied / basically / dissatisfied). */
function RateForm({ code }: { code: string }) {
  const { t } = usePortalI18n();
  const client = useQueryClient();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const rate = useMutation({
    mutationFn: (chosen: Rating) =>
      portalApi.rate(code, { type: 'rate', rating: chosen, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
    onSuccess: () => client.invalidateQueries({ queryKey: MY_REPORTS }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!rating) return setProblem(t('mine.chooseRating'));
    setProblem(null);
    rate.mutate(rating);
  };
  const name = `rating-${code}`;
  return (
    <form className="yr-form yr-rate" onSubmit={submit} data-testid="rate-form">
      <fieldset>
        <legend>{t('mine.rateTitle')}</legend>
        <div className="yr-chips">
          {RATINGS.map((r) => (
            <label key={r} className="yr-chip yr-radio">
              <input type="radio" name={name} value={r} checked={rating === r} onChange={() => setRating(r)} />
              {t(`rating.${r}` as MessageKey)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('mine.comment')} htmlFor={`${name}-comment`}>
        <textarea
          id={`${name}-comment`}
          rows={2}
          maxLength={500}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Field>
      {problem && (
        <div className="yr-error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <ErrorNote error={rate.error} />
      <button type="submit" className="yr-button yr-button-primary" disabled={rate.isPending}>
        {t('mine.rateSubmit')}
      </button>
    </form>
  );
}
