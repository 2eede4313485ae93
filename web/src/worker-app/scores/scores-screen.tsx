import type { MyScores } from '@yiwang/contracts';
import { useEffect, useState } from 'react';
import { getJson } from '../shell/http';
import { useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';

/**
 * 我的考核: the grid worker's own score this month under the rules in force and their fair score,
 * each line with what was measured and the cases behind it — what they are assessed on and why.
 */
export default function ScoresScreen() {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<'month' | 'week'>('month');
  const [data, setData] = useState<MyScores | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getJson<MyScores>('/assessment/my-scores', { period }, controller.signal)
      .then(setData)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, [period]);
  return (
    <Screen title={t('scores.title')} back>
      <div className="wa-row" style={{ gap: 8, marginBottom: 10 }}>
        {(['month', 'week'] as const).map((p) => (
          <button
            key={p}
            type="button"
            className={p === period ? 'wa-btn wa-btn-green' : 'wa-btn'}
            onClick={() => setPeriod(p)}
          >
            {t(`scores.period.${p}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="wa-banner" data-tone="error">
          {error}
        </p>
      )}
      {data && (
        <>
          <section className="wa-card" data-testid="my-score">
            <h2>
              {t('scores.score')}: <strong data-testid="my-score-total">{data.score ? data.score.total : '—'}</strong>
            </h2>
            <p className="wa-small">{t('scores.rules', { version: data.version, from: data.period.firstDay })}</p>
            {data.score === null ? (
              <p className="wa-muted">{t('scores.none')}</p>
            ) : (
              <ul className="wa-list">
                {data.score.lines.map((l, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the lines are the rules' order and never move
                  <li key={i} data-testid="my-score-line">
                    <div className="wa-row-main">
                      <strong>{l.text[locale]}</strong>
                      <div className="wa-small">
                        {l.measured[locale]} → {l.points} {t('scores.points')}
                      </div>
                      {l.cases.length > 0 && (
                        <div className="wa-small wa-muted">{l.cases.map((c) => c.code).join('、')}</div>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="wa-card" data-testid="my-fair-score">
            <h2>
              {t('scores.fair')}: <strong>{data.fair ? data.fair.total : '—'}</strong>
            </h2>
            {data.fair && (
              <ul className="wa-list">
                {data.fair.lines.map((l, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the lines are in a fixed order
                  <li key={i}>
                    <div className="wa-row-main">
                      <strong>{l.text[locale]}</strong>
                      <div className="wa-small">
                        {l.points} {t('scores.points')}
                      </div>
                      {l.cases.length > 0 && (
                        <div className="wa-small wa-muted">{l.cases.map((c) => c.code).join('、')}</div>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Screen>
  );
}
