import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SharingGrant, SharingGrantList } from '@yiwang/contracts';
import {
  PERSON_TAG_LABELS,
  PERSON_TAGS,
  type PersonTag,
  REGISTRY_RECORD_KIND_LABELS,
  SHAREABLE_FIELDS,
  SHARED_RECORD_KINDS,
  type SharedRecordKind,
} from '@yiwang/contracts/vocabulary';
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { UnitSelect } from '../units';
import { useRegistryI18n } from './registry-messages';

const KEY = ['registry', 'sharing-grants'] as const;

/**
 * The data-sharing catalog (数据共享目录), for administrators: which unit may read which fields
 * of which records, for which purpose, until when. Every grant and revocation is audited.
 */
export function SharingCatalogTab() {
  const { t, locale } = useRegistryI18n();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const grants = useQuery({ queryKey: KEY, queryFn: () => api.get<SharingGrantList>('/registry/sharing-grants') });
  const [draft, setDraft] = useState<{
    unitId: string | null;
    recordKind: SharedRecordKind;
    fields: string[];
    tag: PersonTag | null;
    purpose: string;
    validUntil: string;
  }>({ unitId: null, recordKind: 'person', fields: [], tag: null, purpose: '', validUntil: '' });
  const create = useMutation({
    mutationFn: () =>
      api.post<SharingGrant>('/registry/sharing-grants', {
        unitId: draft.unitId,
        recordKind: draft.recordKind,
        fields: draft.fields,
        ...(draft.tag ? { tag: draft.tag } : {}),
        purpose: draft.purpose,
        validUntil: draft.validUntil,
      }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<SharingGrant>(`/registry/sharing-grants/${id}/revoke`),
    onSuccess: refresh,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('r.grantAdd')}>
        <Space wrap>
          <div style={{ width: 260 }}>
            <UnitSelect value={draft.unitId} onChange={(unitId) => setDraft({ ...draft, unitId })} />
          </div>
          <Select
            aria-label={t('r.kind')}
            style={{ width: 120 }}
            value={draft.recordKind}
            onChange={(recordKind) => setDraft({ ...draft, recordKind, fields: [], tag: null })}
            options={SHARED_RECORD_KINDS.map((k) => ({ value: k, label: REGISTRY_RECORD_KIND_LABELS[k][locale] }))}
          />
          <Select
            aria-label={t('r.fields')}
            placeholder={t('r.fields')}
            mode="multiple"
            style={{ minWidth: 260 }}
            value={draft.fields}
            onChange={(fields) => setDraft({ ...draft, fields })}
            options={SHAREABLE_FIELDS[draft.recordKind].map((f) => ({ value: f, label: f }))}
          />
          {draft.recordKind === 'person' && (
            <Select
              aria-label={t('r.tags')}
              placeholder={t('r.tags')}
              allowClear
              style={{ width: 180 }}
              value={draft.tag}
              onChange={(tag) => setDraft({ ...draft, tag: tag ?? null })}
              options={PERSON_TAGS.map((tag) => ({ value: tag, label: PERSON_TAG_LABELS[tag][locale] }))}
            />
          )}
          <Input
            aria-label={t('r.purpose')}
            placeholder={t('r.purpose')}
            value={draft.purpose}
            onChange={(e) => setDraft({ ...draft, purpose: e.target.value })}
          />
          <Input
            aria-label={t('r.validUntil')}
            placeholder="YYYY-MM-DD"
            style={{ width: 130 }}
            value={draft.validUntil}
            onChange={(e) => setDraft({ ...draft, validUntil: e.target.value })}
          />
          <Button type="primary" loading={create.isPending} onClick={() => create.mutate()}>
            {t('r.grantAdd')}
          </Button>
        </Space>
        {create.error && <Alert type="error" message={errorText(create.error)} />}
      </Card>
      {grants.error && <Alert type="error" message={errorText(grants.error)} />}
      <Table<SharingGrant>
        rowKey="id"
        size="small"
        loading={grants.isPending}
        dataSource={grants.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('r.unit'), dataIndex: 'unitId' },
          { title: t('r.kind'), render: (_, g) => REGISTRY_RECORD_KIND_LABELS[g.recordKind][locale] },
          { title: t('r.fields'), render: (_, g) => g.fields.join(', ') },
          { title: t('r.tags'), render: (_, g) => (g.tag ? <Tag>{PERSON_TAG_LABELS[g.tag][locale]}</Tag> : '') },
          { title: t('r.purpose'), dataIndex: 'purpose' },
          { title: t('r.validUntil'), dataIndex: 'validUntil' },
          {
            title: '',
            render: (_, g) =>
              g.revokedAt ? (
                t('r.revoked')
              ) : (
                <Button size="small" danger loading={revoke.isPending} onClick={() => revoke.mutate(g.id)}>
                  {t('r.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Space>
  );
}
