import { useQuery } from '@tanstack/react-query';
import type { BuildingPage as BuildingPageData } from '@yiwang/contracts';
import { BUILDING_USE_LABELS, DWELLING_USE_LABELS, HOUSEHOLD_RELATION_LABELS } from '@yiwang/contracts/vocabulary';
import { Alert, Card, Descriptions, Space, Table } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../../lib/api';
import { ExportButton } from '../../lib/export-button';
import { errorText } from '../../lib/form-errors';
import { LinkedCasesCard } from './linked-cases';
import { useRegistryI18n } from './registry-messages';

type DwellingRow = BuildingPageData['dwellings'][number];

/** A building: its dwellings, the households living in them and their people (masked), as Excel too; the cases linked to them. */
export default function BuildingPage() {
  const { t, locale } = useRegistryI18n();
  const { id = '' } = useParams<{ id: string }>();
  const page = useQuery({
    queryKey: ['registry', 'building', id],
    queryFn: () => api.get<BuildingPageData>(`/registry/buildings/${id}`),
  });
  if (page.error) return <Alert type="error" message={errorText(page.error)} />;
  if (!page.data) return <Card loading />;
  const { building, dwellings } = page.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={building.name}
        extra={
          <ExportButton path={`/registry/buildings/${building.id}/export.xlsx`} query={{}} testId="building-export" />
        }
      >
        <Descriptions size="small" column={4}>
          <Descriptions.Item label={t('r.where')}>{building.address}</Descriptions.Item>
          <Descriptions.Item label={t('r.use')}>{BUILDING_USE_LABELS[building.use][locale]}</Descriptions.Item>
          <Descriptions.Item label={t('r.floors')}>{building.floors}</Descriptions.Item>
          <Descriptions.Item label={t('r.grid')}>{building.gridCode}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Table<DwellingRow>
        rowKey={(d) => d.dwelling.id}
        size="small"
        pagination={false}
        dataSource={dwellings}
        data-testid="building-dwellings"
        columns={[
          { title: t('r.dwelling'), render: (_, d) => d.dwelling.address },
          { title: t('r.use'), render: (_, d) => DWELLING_USE_LABELS[d.dwelling.use][locale] },
          { title: t('r.area'), render: (_, d) => d.dwelling.areaM2 },
          { title: t('r.rooms'), render: (_, d) => d.dwelling.rooms },
          {
            title: t('r.household'),
            render: (_, d) =>
              d.households.length === 0
                ? t('r.vacant')
                : d.households.map((h) => (
                    <div key={h.id}>
                      {h.members.map((m, i) => (
                        <span key={m.id}>
                          {i > 0 && '、'}
                          <Link to={`/registry/people/${m.id}`}>{m.name}</Link>
                          <span className="yw-muted">（{HOUSEHOLD_RELATION_LABELS[m.relation][locale]}）</span>
                        </span>
                      ))}
                    </div>
                  )),
          },
        ]}
      />
      <LinkedCasesCard path={`/registry/buildings/${building.id}/cases`} testId="building-cases" />
    </Space>
  );
}
