import type { Region } from '@yiwang/contracts';
import { Breadcrumb, Button, Card, Descriptions, Result, Skeleton, Table, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { CodeSearchBox } from '../../lib/code-search-box';
import { errorText } from '../../lib/form-errors';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { regionLevelLabel } from '../../lib/labels';
import { isRegionCode, useRegionDetail, useRegionSearch } from './regions-api';

const LEVEL_COLORS: Record<Region['level'], string> = { county: 'geekblue', town: 'cyan', community: 'green' };

/** Jump to any region in scope by name (either language) or code. */
function RegionSearchBox() {
  const { t, regionName } = useI18n();
  const navigate = useNavigate();
  return (
    <CodeSearchBox<Region>
      useSearch={useRegionSearch}
      name={regionName}
      kind={(region) => regionLevelLabel(t, region.level)}
      onSelect={(code) => void navigate(`/regions/${code}`)}
      placeholder={t('regions.searchPlaceholder')}
      ariaLabel={t('regions.search')}
      emptyText={t('regions.searchEmpty')}
      size="large"
    />
  );
}

function RegionNotFound() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('regions.notFoundTitle')}
      subTitle={t('regions.notFound')}
      extra={
        <Button type="primary" onClick={() => void navigate('/regions')}>
          {t('regions.backToScope')}
        </Button>
      }
    />
  );
}

/** The region tree, one level at a time: breadcrumb of ancestors, the region, its children. */
export default function RegionsPage() {
  const { t, regionName, locale } = useI18n();
  const { code } = useParams<{ code: string }>();
  const detail = useRegionDetail(code);

  const header = (
    <div className="yw-page-header">
      <h1 className="yw-page-title">{t('nav.regions')}</h1>
      <RegionSearchBox />
    </div>
  );

  if ((code !== undefined && !isRegionCode(code)) || isApiError(detail.error, 404)) {
    return (
      <>
        {header}
        <Card>
          <RegionNotFound />
        </Card>
      </>
    );
  }
  if (detail.error) {
    return (
      <>
        {header}
        <Result
          status="error"
          title={t('error.loadFailed')}
          subTitle={errorText(detail.error)}
          extra={<Button onClick={() => void detail.refetch()}>{t('action.retry')}</Button>}
        />
      </>
    );
  }
  if (!detail.data) {
    return (
      <>
        {header}
        <Card>
          <Skeleton active />
        </Card>
      </>
    );
  }

  const { region, ancestors, children } = detail.data;
  const otherName = locale === 'en-US' ? region.name : region.nameEn;
  return (
    <>
      {header}
      <Breadcrumb
        className="yw-breadcrumb"
        items={[
          ...ancestors.map((a) => ({ key: a.code, title: <Link to={`/regions/${a.code}`}>{regionName(a)}</Link> })),
          { key: region.code, title: regionName(region) },
        ]}
      />
      <Card
        className="yw-card"
        title={
          <span className="yw-region-title" data-testid="region-title">
            {regionName(region)}
            <Tag color={LEVEL_COLORS[region.level]}>{regionLevelLabel(t, region.level)}</Tag>
          </span>
        }
      >
        <Descriptions
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'code', label: t('regions.code'), children: region.code },
            {
              key: 'other',
              label: locale === 'en-US' ? t('regions.nameZh') : t('regions.nameEn'),
              children: otherName || '—',
            },
            { key: 'level', label: t('regions.level'), children: regionLevelLabel(t, region.level) },
            { key: 'children', label: t('regions.childCount'), children: region.childCount },
          ]}
        />
      </Card>
      <Card className="yw-card" title={t('regions.children', { count: children.length })}>
        <Table<Region>
          rowKey="code"
          dataSource={children}
          pagination={children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: t('regions.noChildren') }}
          columns={[
            {
              key: 'name',
              title: t('regions.name'),
              render: (_, child) => <Link to={`/regions/${child.code}`}>{regionName(child)}</Link>,
            },
            { key: 'code', title: t('regions.code'), dataIndex: 'code', width: 180 },
            {
              key: 'level',
              title: t('regions.level'),
              width: 160,
              render: (_, child) => <Tag color={LEVEL_COLORS[child.level]}>{regionLevelLabel(t, child.level)}</Tag>,
            },
            { key: 'childCount', title: t('regions.childCount'), dataIndex: 'childCount', width: 140, align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
