import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  SERVICE_PROVIDER_KIND_LABELS,
  SERVICE_PROVIDER_KINDS,
  type ServiceProviderKind,
} from '@yiwang/contracts/vocabulary';
import { useState } from 'react';
import { useDebounced } from '../../shared/use-debounced';
import { communityApi } from '../community-api';
import { useCommunityI18n } from '../community-i18n';
import { ErrorNote, Field, Loading, Screen } from '../ui';

/** The service directory: search what organizations and providers offer, where, how to reach them; no sign-in. */
export default function ServicesPage() {
  const { tc, locale } = useCommunityI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<ServiceProviderKind | undefined>();
  const words = useDebounced(q, 300);
  const list = useQuery({
    queryKey: ['portal', 'services', words, kind],
    queryFn: () => communityApi.services(words, kind),
    placeholderData: keepPreviousData,
  });
  return (
    <Screen title={tc('services.title')}>
      <Field label={tc('services.search')} htmlFor="services-q">
        <input
          id="services-q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          data-testid="services-q"
        />
      </Field>
      <div className="yr-chips">
        <button type="button" className="yr-chip" aria-pressed={kind === undefined} onClick={() => setKind(undefined)}>
          {tc('services.all')}
        </button>
        {SERVICE_PROVIDER_KINDS.map((k) => (
          <button key={k} type="button" className="yr-chip" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {SERVICE_PROVIDER_KIND_LABELS[k][locale]}
          </button>
        ))}
      </div>
      {list.isPending && <Loading />}
      <ErrorNote error={list.error} />
      {list.data?.items.length === 0 && <p className="yr-note">{tc('services.none')}</p>}
      <ul className="yr-list" data-testid="services">
        {list.data?.items.map((p) => (
          <li key={p.id} className="yr-card">
            <h2>{p.name}</h2>
            <p>{p.offers}</p>
            <p className="yr-hint">
              {SERVICE_PROVIDER_KIND_LABELS[p.kind][locale]} · {p.address}
              {p.hours ? ` · ${p.hours}` : ''}
            </p>
            <p>
              <a href={`tel:${p.contact.replace(/[^0-9+]/g, '')}`}>{p.contact}</a>
            </p>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
