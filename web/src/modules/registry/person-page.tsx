import { useQuery } from '@tanstack/react-query';
import type { Person, PersonPage as PersonPageData } from '@yiwang/contracts';
import {
  DWELLING_USE_LABELS,
  HOUSEHOLD_RELATION_LABELS,
  HOUSEHOLD_VISIT_OUTCOME_LABELS,
  PERSON_TAG_LABELS,
  RESIDENCE_KIND_LABELS,
  SEX_LABELS,
} from '@yiwang/contracts/vocabulary';
import { Alert, Card, Descriptions, Space, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../lib/api';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { LinkedCasesCard } from './linked-cases';
import { useRegistryI18n } from './registry-messages';
import { RevealField } from './reveal-field';

/** A person: masked ID number and phone (shown in full for a stated purpose), household, dwelling, history, the household's visits, the cases linked to them or their household. */
export default function PersonPage() {
  const { t, locale } = useRegistryI18n();
  const { id = '' } = useParams<{ id: string }>();
  const page = useQuery({
    queryKey: ['registry', 'person', id],
    queryFn: () => api.get<PersonPageData>(`/registry/people/${id}`),
  });
  if (page.error) return <Alert type="error" message={errorText(page.error)} />;
  if (!page.data) return <Card loading />;
  const { person, household, dwelling, building, history, visits } = page.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title={`${t('r.person')}：${person.name}`}>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('r.name')}>
            <span data-testid="person-name">{person.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('r.sex')}>{SEX_LABELS[person.sex][locale]}</Descriptions.Item>
          <Descriptions.Item label={t('r.birthDate')}>{person.birthDate}</Descriptions.Item>
          <Descriptions.Item label={t('r.residence')}>
            {RESIDENCE_KIND_LABELS[person.residence][locale]}
          </Descriptions.Item>
          <Descriptions.Item label={t('r.idNumber')}>
            <Space>
              <span data-testid="masked-idNumber">{person.idNumberMasked ?? '—'}</span>
              {person.idNumberMasked && <RevealField personId={person.id} field="idNumber" />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('r.phone')}>
            <Space>
              <span>{person.phoneMasked ?? '—'}</span>
              {person.phoneMasked && <RevealField personId={person.id} field="phone" />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('r.relation')}>
            {HOUSEHOLD_RELATION_LABELS[person.relation][locale]}
          </Descriptions.Item>
          <Descriptions.Item label={t('r.movedIn')}>{person.movedInOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('r.where')} span={2}>
            {person.address}
          </Descriptions.Item>
          {person.tags && (
            <Descriptions.Item label={t('r.tags')} span={2}>
              <span data-testid="person-tags">
                {person.tags.map((tag) => (
                  <Tag color="orange" key={tag}>
                    {PERSON_TAG_LABELS[tag][locale]}
                  </Tag>
                ))}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card title={t('r.household')} size="small">
        <Table<Person>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={household.members}
          columns={[
            { title: t('r.name'), render: (_, m) => <Link to={`/registry/people/${m.id}`}>{m.name}</Link> },
            { title: t('r.relation'), render: (_, m) => HOUSEHOLD_RELATION_LABELS[m.relation][locale] },
            { title: t('r.sex'), render: (_, m) => SEX_LABELS[m.sex][locale] },
            { title: t('r.birthDate'), dataIndex: 'birthDate' },
            { title: t('r.idNumber'), dataIndex: 'idNumberMasked' },
            { title: t('r.movedOut'), render: (_, m) => m.movedOutOn ?? '' },
          ]}
        />
      </Card>
      <Card title={t('r.dwelling')} size="small">
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('r.where')}>{dwelling.address}</Descriptions.Item>
          <Descriptions.Item label={t('r.use')}>{DWELLING_USE_LABELS[dwelling.use][locale]}</Descriptions.Item>
          <Descriptions.Item label={t('r.area')}>{dwelling.areaM2}</Descriptions.Item>
          <Descriptions.Item label={t('r.building')}>
            <Link to={`/registry/buildings/${building.id}`}>{building.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('r.grid')}>{building.gridCode}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('r.history')} size="small">
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          dataSource={history}
          columns={[
            { title: t('r.version'), dataIndex: 'version', width: 70 },
            { title: t('r.validFrom'), render: (_, h) => formatDateTime(h.validFrom) },
            { title: t('r.validTo'), render: (_, h) => formatDateTime(h.validTo) },
            { title: t('r.state'), render: (_, h) => <code>{JSON.stringify(h.state)}</code> },
          ]}
        />
      </Card>
      <Card title={t('r.visits')} size="small" data-testid="person-visits">
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={visits}
          locale={{ emptyText: t('r.noVisits') }}
          columns={[
            { title: t('r.visitedAt'), render: (_, v) => formatDateTime(v.visitedAt) },
            { title: t('r.visitedBy'), dataIndex: 'visitedBy' },
            { title: t('r.outcome'), render: (_, v) => HOUSEHOLD_VISIT_OUTCOME_LABELS[v.outcome][locale] },
            {
              title: t('r.changes'),
              render: (_, v) => v.changes.map((c) => `${c.summary}${c.applied ? '' : t('r.pendingReview')}`).join('；'),
            },
          ]}
        />
      </Card>
      <LinkedCasesCard path={`/registry/people/${person.id}/cases`} testId="person-cases" />
    </Space>
  );
}
