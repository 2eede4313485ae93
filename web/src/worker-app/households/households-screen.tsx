import type { HouseholdList } from '@yiwang/contracts';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../shell/i18n';
import { Screen } from '../shell/screen';
import { currentUserId } from '../shell/session';
import { type Cached, loadHouseholds } from './household-data';

/** The households of my grids (入户核实), searched on the phone by address or head's name — offline too. */
export default function HouseholdsScreen() {
  const { t, locale } = useI18n();
  const [list, setList] = useState<Cached<HouseholdList> | null>(null);
  const [q, setQ] = useState('');
  useEffect(() => {
    const userId = currentUserId();
    if (userId) void loadHouseholds(userId).then(setList);
  }, []);
  const shown = useMemo(() => {
    const needle = q.trim();
    const items = list?.value?.items ?? [];
    return needle === '' ? items : items.filter((h) => h.address.includes(needle) || h.headName?.includes(needle));
  }, [list, q]);
  return (
    <Screen title={t('households.title')} back>
      {list?.stale && <p className="wa-banner">{t('households.offlineCopy')}</p>}
      {list?.error && !list.value && (
        <p className="wa-banner" data-tone="error" role="alert">
          {list.error.message}
        </p>
      )}
      <input
        className="wa-input"
        data-testid="households-search"
        placeholder={t('households.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {list === null ? (
        <p className="wa-muted">{t('app.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="wa-muted">{t('households.empty')}</p>
      ) : (
        <ul className="wa-list" data-testid="households">
          {shown.map((h) => (
            <li key={h.id}>
              <Link className="wa-row" to={`/households/${h.id}`} data-testid="household-row">
                <span className="wa-row-main">
                  <span className="wa-row-title">{h.address}</span>
                  <span className="wa-row-sub">
                    {h.headName ?? ''} · {t('households.members', { count: h.members })} ·{' '}
                    {h.lastVisitedAt
                      ? t('households.visitedAt', { at: new Date(h.lastVisitedAt).toLocaleDateString(locale) })
                      : t('households.neverVisited')}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Screen>
  );
}
