import type { CoverageReport, GridPost } from '@yiwang/contracts';
import { Alert, Button, Card, Descriptions, Empty, Skeleton, Space, Tag } from 'antd';
import { Link } from 'react-router';
import { GRID_TEAM_ROLES } from '../../lib/contracts';
import { errorText } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/format';
import { roleLabel } from '../../lib/labels';
import { formatArea, formatCount, gridLevelLabel, shortGridName } from './grid-format';
import type { GridIndex } from './grid-index';
import { DEFAULT_STANDARD, type GridProperties, useGridDetail, useSizing } from './grids-api';
import { useGridsI18n } from './grids-messages';

const LEVEL_TAG_COLORS = { 1: 'geekblue', 2: 'cyan', 3: 'green' } as const;
const STATUS_COLORS = { ok: 'green', 'too-large': 'red', 'too-small': 'orange' } as const;

export function GridLevelTag({ level }: { level: GridProperties['level'] }) {
  const { t } = useGridsI18n();
  return <Tag color={LEVEL_TAG_COLORS[level]}>{gridLevelLabel(t, level)}</Tag>;
}

/** The children of a grid (or the roots of the scope) as a clickable list: drill-down without the map. */
export function GridChildList({
  grids,
  parentName,
  onSelect,
}: {
  grids: readonly GridProperties[];
  parentName: string | undefined;
  onSelect(code: string): void;
}) {
  const { t, regionName } = useGridsI18n();
  if (grids.length === 0) return null;
  return (
    <Card size="small" title={t('grids.children', { count: grids.length })}>
      <div className="yw-grid-children" data-testid="grid-children">
        {grids.map((grid) => {
          const name = regionName(grid);
          const short = shortGridName(name, parentName);
          return (
            <button
              type="button"
              key={grid.code}
              className="yw-grid-child"
              onClick={() => onSelect(grid.code)}
              aria-label={name}
            >
              <span className="yw-grid-child-name">{short}</span>
              <span className="yw-secondary">
                {formatCount(grid.households)} {t('grids.households')}
              </span>
            </button>
          );
        })}
      </div>
    </Card>
  );
}

function PostRow({ post }: { post: GridPost }) {
  const { t } = useGridsI18n();
  const current =
    post.current.by === 'holder' ? (
      <Tag color="green">{t('grids.onDuty', { name: post.holder.displayName })}</Tag>
    ) : post.current.by === 'backup' ? (
      <Tag color="orange">{t('grids.coveredUntil', { until: formatDateTime(post.current.absenceEndsAt) })}</Tag>
    ) : (
      <Tag color="red">{t('grids.nobody')}</Tag>
    );
  return (
    <div className="yw-grid-post" data-testid={`grid-post-${post.role}`}>
      <div className="yw-grid-post-head">
        <span>{roleLabel(t, post.role)}</span>
        {current}
      </div>
      <div className="yw-grid-post-people">
        <Tag>{t('grids.postA')}</Tag>
        {post.holder.displayName}
        <span className="yw-muted">{post.holder.username}</span>
      </div>
      <div>
        <Tag>{t('grids.postB')}</Tag>
        {post.backup.displayName}
        <span className="yw-muted">{post.backup.username}</span>
      </div>
    </div>
  );
}

/** Sizing status of a base grid under the default standard, with the suggestion. */
function SizingStatus({ grid }: { grid: GridProperties }) {
  const { t } = useGridsI18n();
  const sizing = useSizing(
    { ...DEFAULT_STANDARD, parentCode: grid.parentCode ?? undefined, onlyProblems: false },
    grid.parentCode !== null,
  );
  const item = sizing.data?.items.find((i) => i.code === grid.code);
  if (!item) return sizing.isFetching ? <Skeleton.Input active size="small" /> : <>—</>;
  return (
    <Space orientation="vertical" size={2}>
      <span>
        <Tag color={STATUS_COLORS[item.status]}>{t(`grids.status.${item.status}`)}</Tag>
        {item.workers < item.workersNeeded && <Tag color="red">{t('grids.status.understaffed')}</Tag>}
      </span>
      {item.splitInto !== null && <span>{t('grids.splitInto', { count: item.splitInto })}</span>}
      {item.mergeInto && <span>{t('grids.mergeInto', { name: item.mergeInto.name, code: item.mergeInto.code })}</span>}
      {item.workers < item.workersNeeded && <span>{t('grids.addWorkers', { count: item.workersNeeded })}</span>}
      <Link to={`/grids/sizing?parent=${grid.parentCode ?? ''}`}>{t('grids.openSizing')}</Link>
    </Space>
  );
}

/** Everything about the selected grid: figures, parent chain, A/B posts and who covers them today. */
export function GridDetailCard({
  grid,
  index,
  onSelect,
}: {
  grid: GridProperties;
  index: GridIndex;
  onSelect(code: string): void;
}) {
  const { t, regionName } = useGridsI18n();
  const detail = useGridDetail(grid.code);
  const ancestors = index.ancestors(grid.code);
  const posts = [...(detail.data?.posts ?? [])].sort(
    (a, b) => GRID_TEAM_ROLES.indexOf(a.role) - GRID_TEAM_ROLES.indexOf(b.role),
  );
  return (
    <>
      <Card
        size="small"
        data-testid="grid-detail"
        title={
          <span className="yw-grid-title" data-testid="grid-detail-title">
            {regionName(grid)}
            <GridLevelTag level={grid.level} />
          </span>
        }
      >
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'code', label: t('grids.code'), children: <span data-testid="grid-detail-code">{grid.code}</span> },
            {
              key: 'parents',
              label: t('grids.parents'),
              children:
                ancestors.length > 0 ? (
                  <Space wrap size={4}>
                    {ancestors.map((a) => (
                      <Button key={a.code} type="link" size="small" onClick={() => onSelect(a.code)}>
                        {regionName(a)}
                      </Button>
                    ))}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              key: 'households',
              label: t('grids.households'),
              children: <span data-testid="grid-detail-households">{formatCount(grid.households)}</span>,
            },
            { key: 'people', label: t('grids.people'), children: formatCount(grid.people) },
            {
              key: 'area',
              label: t('grids.area'),
              children: detail.data ? formatArea(t, detail.data.grid.areaSquareMeters) : '…',
            },
            ...(grid.level === 3
              ? [{ key: 'sizing', label: t('grids.sizing'), children: <SizingStatus grid={grid} /> }]
              : []),
          ]}
        />
      </Card>
      {(grid.level === 3 || posts.length > 0) && (
        <Card size="small" title={t('grids.staff')} data-testid="grid-staff">
          {detail.error && <Alert type="error" showIcon title={errorText(detail.error)} />}
          {detail.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
          {detail.data && posts.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grids.noStaff')} />
          )}
          {posts.map((post) => (
            <PostRow key={post.id} post={post} />
          ))}
        </Card>
      )}
    </>
  );
}

type FaultKind = 'gap' | 'overlap' | 'outside';

/** The coverage check of the grid being browsed: no faults, or each with its area (click to zoom). */
export function CoverageCard({
  report,
  loading,
  error,
  onZoom,
}: {
  report: CoverageReport | undefined;
  loading: boolean;
  error: unknown;
  onZoom(kind: FaultKind, index: number): void;
}) {
  const { t } = useGridsI18n();
  const faults: { kind: FaultKind; index: number; area: number; codes: string[] }[] = report
    ? [
        ...report.gaps.map((g, index) => ({ kind: 'gap' as const, index, area: g.areaSquareMeters, codes: [] })),
        ...report.overlaps.map((o, index) => ({
          kind: 'overlap' as const,
          index,
          area: o.areaSquareMeters,
          codes: o.codes,
        })),
        ...report.outside.map((o, index) => ({
          kind: 'outside' as const,
          index,
          area: o.areaSquareMeters,
          codes: [o.code],
        })),
      ]
    : [];
  return (
    <Card
      size="small"
      title={`${t('grids.layerCoverage')}${report ? ` · ${report.parent.name}` : ''}`}
      data-testid="grid-coverage"
    >
      {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
      {loading && <Skeleton active paragraph={{ rows: 2 }} />}
      {report && faults.length === 0 && (
        <Alert type="success" showIcon title={t('grids.coverageOk', { count: report.childCount })} />
      )}
      {faults.map((fault) => (
        <Button
          key={`${fault.kind}-${fault.index}`}
          type="text"
          className="yw-grid-fault"
          onClick={() => onZoom(fault.kind, fault.index)}
        >
          <span>
            <span className={`yw-grid-swatch yw-grid-swatch-${fault.kind}`} /> {t(`grids.fault.${fault.kind}`)}
            {fault.codes.length > 0 && <span className="yw-muted">{fault.codes.join(' / ')}</span>}
          </span>
          <span>{formatArea(t, fault.area)}</span>
        </Button>
      ))}
    </Card>
  );
}
