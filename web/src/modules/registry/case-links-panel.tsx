import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CaseRegistryLink,
  CaseRegistryLinkKind,
  CaseRegistryLinkList,
  FacilityList,
  RegistrySearchResult,
} from '@yiwang/contracts';
import { CASE_REGISTRY_LINK_KIND_LABELS, CASE_REGISTRY_LINK_ORIGIN_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { hasPermission } from '../../lib/permissions';
import { useSignedIn } from '../auth';
import { useRegistryI18n } from './registry-messages';

/** What the operator can search for to link: people, households and dwellings (by address) by the registry search, facilities by their list. */
type PickKind = CaseRegistryLinkKind;
const PICK_KINDS: PickKind[] = ['person', 'household', 'dwelling', 'facility'];

interface Candidate {
  id: string;
  title: string;
  subtitle: string;
}

async function findCandidates(kind: PickKind, q: string): Promise<Candidate[]> {
  if (kind === 'facility') {
    const list = await api.get<FacilityList>('/registry/facilities', { q, limit: 20 });
    return list.items.map((f) => ({ id: f.id, title: f.name, subtitle: `${f.classCode} · ${f.gridCode}` }));
  }
  const result = await api.get<RegistrySearchResult>('/registry/search', { q, kind, limit: 20 });
  return result.items.map((h) => ({ id: h.id, title: h.title, subtitle: h.subtitle }));
}

/** Where a linked record opens: a person (or a household's head) their page, a dwelling its building's. */
function recordLink(link: CaseRegistryLink): string | null {
  if (link.personId) return `/registry/people/${link.personId}`;
  return link.buildingId ? `/registry/buildings/${link.buildingId}` : null;
}

/**
 * 关联登记对象 on the case page: the people, households, dwellings and facilities the case is linked
 * to (by hand or by the facility rule); an operator searches the registry within scope, links and
 * removes (each audited on the server). Absent for readers without the registry.
 */
export function CaseRegistryLinks({ code }: { code: string }) {
  const { t, locale } = useRegistryI18n();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const canRead = hasPermission(session, 'registry.read');
  const canLink = hasPermission(session, 'registry.link');
  const [kind, setKind] = useState<PickKind>('person');
  const [q, setQ] = useState('');
  const links = useQuery({
    queryKey: ['registry', 'case-links', code],
    queryFn: () => api.get<CaseRegistryLinkList>(`/registry/case-links/${code}`),
    enabled: canRead,
  });
  const candidates = useQuery({
    queryKey: ['registry', 'link-candidates', kind, q],
    queryFn: () => findCandidates(kind, q),
    enabled: canLink && q.length > 0,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['registry'] });
  const link = useMutation({
    mutationFn: (recordId: string) => api.post<CaseRegistryLink>(`/registry/case-links/${code}`, { kind, recordId }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/registry/case-links/${code}/${id}`),
    onSuccess: refresh,
  });
  if (!canRead) return null;
  const error = links.error ?? candidates.error ?? link.error ?? remove.error;
  return (
    <Card className="yw-card" title={t('l.panel')} data-testid="case-registry-links">
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" message={errorText(error)} />}
        <Table<CaseRegistryLink>
          rowKey="id"
          size="small"
          pagination={false}
          loading={links.isPending}
          dataSource={links.data?.items ?? []}
          locale={{ emptyText: t('l.none') }}
          data-testid="case-links"
          columns={[
            {
              title: t('r.kind'),
              width: 70,
              render: (_, l) => <Tag>{CASE_REGISTRY_LINK_KIND_LABELS[l.kind][locale]}</Tag>,
            },
            {
              title: t('r.name'),
              render: (_, l) => {
                const to = recordLink(l);
                return to ? <Link to={to}>{l.title}</Link> : l.title;
              },
            },
            { title: t('r.where'), dataIndex: 'subtitle' },
            { title: t('l.origin'), render: (_, l) => CASE_REGISTRY_LINK_ORIGIN_LABELS[l.origin][locale] },
            ...(canLink
              ? [
                  {
                    key: 'remove',
                    width: 70,
                    render: (_: unknown, l: CaseRegistryLink) => (
                      <Popconfirm title={t('l.removeConfirm')} onConfirm={() => remove.mutate(l.id)}>
                        <Button size="small" type="link" danger>
                          {t('l.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {canLink && (
          <>
            <Space.Compact style={{ width: '100%' }}>
              <Select<PickKind>
                aria-label={t('r.kind')}
                style={{ width: 100 }}
                data-testid="case-link-kind"
                value={kind}
                onChange={setKind}
                options={PICK_KINDS.map((k) => ({ value: k, label: CASE_REGISTRY_LINK_KIND_LABELS[k][locale] }))}
              />
              <Input.Search
                allowClear
                placeholder={t('l.searchHint')}
                aria-label={t('l.searchHint')}
                enterButton={t('r.search')}
                onSearch={(value) => setQ(value.trim())}
                data-testid="case-link-search"
              />
            </Space.Compact>
            {q && (
              <Table<Candidate>
                rowKey="id"
                size="small"
                pagination={false}
                loading={candidates.isFetching}
                dataSource={candidates.data ?? []}
                locale={{ emptyText: t('r.noResults') }}
                data-testid="case-link-candidates"
                columns={[
                  { title: t('r.name'), dataIndex: 'title' },
                  { title: t('r.where'), dataIndex: 'subtitle' },
                  {
                    key: 'link',
                    width: 80,
                    render: (_, c) => (
                      <Button
                        size="small"
                        loading={link.isPending}
                        onClick={() => link.mutate(c.id)}
                        data-testid="case-link-add"
                      >
                        {t('l.add')}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
