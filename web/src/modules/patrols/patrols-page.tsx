import 'ol/ol.css';
import './patrols.css';
import type { PatrolTrack, WorkerActivity } from '@yiwang/contracts';
import { Alert, Button, Card, DatePicker, Space, Spin, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { errorText } from '../../lib/form-errors';
import { chinaToday, formatClock, formatDateTime } from '../../lib/format';
import { useSignedIn } from '../auth';
import { GridSearchBox, useGridGeoJson, useMapConfig } from '../grids';
import { RegionSelect } from '../regions';
import { PatrolMap, WORKER_COLORS } from './patrol-map';
import { type PatrolArea, useLivePositions, usePatrolTracks, useWorkerActivity } from './patrols-api';
import { usePatrolsI18n } from './patrols-messages';

/** The page's state lives in the URL (?date=&grid=&region=), so a view can be linked and reloaded. */
function usePatrolParams() {
  const navigate = useNavigate();
  const params = new URLSearchParams(useLocation().search);
  const date = params.get('date') ?? chinaToday();
  const area: PatrolArea = {
    gridCode: params.get('grid') ?? undefined,
    regionCode: params.get('region') ?? undefined,
  };
  const go = (next: { date?: string; gridCode?: string | undefined; regionCode?: string | undefined }) => {
    const query = new URLSearchParams();
    const nextDate = next.date ?? date;
    if (nextDate !== chinaToday()) query.set('date', nextDate);
    if (next.gridCode) query.set('grid', next.gridCode);
    if (next.regionCode) query.set('region', next.regionCode);
    void navigate(`/patrols${query.size ? `?${query}` : ''}`);
  };
  return { date, area, go };
}

function formatMinutes(t: ReturnType<typeof usePatrolsI18n>['t'], minutes: number): string {
  if (minutes < 60) return t('patrols.minutesOnly', { m: minutes });
  return t('patrols.minutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/**
 * 巡查轨迹: the day's patrol tracks of a grid, a region or the whole scope on the map,
 * the live positions of workers on patrol (refreshed every 15 s while the day is today)
 * and each worker's work of the day. Every view of tracks and positions is audited.
 */
export default function PatrolsPage() {
  const { t, regionName } = usePatrolsI18n();
  const session = useSignedIn();
  const { date, area, go } = usePatrolParams();
  const isToday = date === chinaToday();
  const [showLive, setShowLive] = useState(true);
  const [highlighted, setHighlighted] = useState<string | null>(null);

  const config = useMapConfig();
  const baseGrids = useGridGeoJson(3);
  const tracks = usePatrolTracks(date, area);
  const live = useLivePositions(area, isToday && showLive);
  const activity = useWorkerActivity(date, area);

  // One colour per worker, in the order of the activity table (stable for the day and area).
  const colors = useMemo(() => {
    const ids = [
      ...(activity.data?.items.map((i) => i.userId) ?? []),
      ...(tracks.data?.items.map((i) => i.userId) ?? []),
      ...(live.data?.items.map((i) => i.userId) ?? []),
    ];
    const map = new Map<string, string>();
    for (const id of ids) if (!map.has(id)) map.set(id, WORKER_COLORS[map.size % WORKER_COLORS.length] as string);
    return map;
  }, [activity.data, tracks.data, live.data]);

  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<PatrolMap | null>(null);
  const tiles = config.data?.tiles;
  useEffect(() => {
    const target = containerRef.current;
    if (!target || tiles === undefined) return;
    let created: PatrolMap | null = null;
    let cancelled = false;
    void PatrolMap.create(target, tiles).then((patrolMap) => {
      if (cancelled) return patrolMap.dispose();
      created = patrolMap;
      setMap(patrolMap);
    });
    return () => {
      cancelled = true;
      created?.dispose();
      setMap(null);
    };
  }, [tiles]);

  const focus = useMemo(
    () => baseGrids.data?.features.find((f) => f.properties.code === area.gridCode) ?? null,
    [baseGrids.data, area.gridCode],
  );
  useEffect(() => map?.setOutlines(baseGrids.data, focus), [map, baseGrids.data, focus]);
  useEffect(() => map?.setTracks(tracks.data?.items ?? [], colors), [map, tracks.data, colors]);
  useEffect(
    () => map?.setLive(isToday && showLive ? (live.data?.items ?? []) : []),
    [map, live.data, isToday, showLive],
  );
  useEffect(() => map?.highlight(highlighted), [map, highlighted]);

  const scopeName = regionName({ name: session.user.scope.regionName, nameEn: session.user.scope.regionNameEn });
  const areaLabel = area.gridCode
    ? t('patrols.area.grid', { name: focus ? `${regionName(focus.properties)} · ${area.gridCode}` : area.gridCode })
    : area.regionCode
      ? t('patrols.area.region', { name: area.regionCode })
      : t('patrols.area.scope', { name: scopeName });
  const tracksOf = (userId: string) => tracks.data?.items.filter((i) => i.userId === userId) ?? [];
  const loadError = tracks.error ?? activity.error ?? live.error ?? config.error;

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('patrols.nav')}</h1>
      </div>
      <div className="yw-patrol-toolbar">
        <Space wrap size={[16, 8]}>
          <span>
            <label htmlFor="patrol-date">{t('patrols.date')}</label>{' '}
            <DatePicker
              id="patrol-date"
              allowClear={false}
              value={dayjs(date)}
              disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
              onChange={(d) => d && go({ ...area, date: d.format('YYYY-MM-DD') })}
            />
          </span>
          <div style={{ width: 260 }}>
            <GridSearchBox onSelect={(code) => go({ gridCode: code })} />
          </div>
          <div style={{ width: 240 }}>
            <RegionSelect
              {...(area.regionCode ? { value: area.regionCode } : {})}
              placeholder={t('patrols.pickRegion')}
              onChange={(code) => go({ regionCode: code })}
            />
          </div>
          <Tag color="green" data-testid="patrol-area">
            {areaLabel}
          </Tag>
          {(area.gridCode || area.regionCode) && (
            <Button size="small" onClick={() => go({})}>
              {t('patrols.area.clear')}
            </Button>
          )}
        </Space>
        <span title={t('patrols.liveHint')}>
          <Switch
            id="patrol-live"
            size="small"
            checked={showLive && isToday}
            disabled={!isToday}
            onChange={setShowLive}
          />{' '}
          <label htmlFor="patrol-live">{t('patrols.live')}</label>{' '}
          {isToday && showLive && live.data && (
            <span className="yw-muted" data-testid="patrol-live-count">
              {live.data.items.length
                ? t('patrols.liveCount', { count: live.data.items.length })
                : t('patrols.liveNone')}
            </span>
          )}
        </span>
      </div>
      <Alert className="yw-patrol-privacy" type="info" showIcon title={t('patrols.privacy')} />
      {loadError ? (
        <Alert
          className="yw-form-alert"
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={errorText(loadError)}
        />
      ) : null}
      <div className="yw-patrol-layout">
        <div ref={containerRef} className="yw-patrol-map" data-testid="patrol-map">
          {(tracks.isFetching || config.isPending) && (
            <div className="yw-patrol-map-loading">
              <Spin description={t('patrols.loading')} />
            </div>
          )}
        </div>
        <Card
          size="small"
          className="yw-patrol-side"
          title={`${t('patrols.tracks')} · ${t('patrols.trackCount', { count: tracks.data?.items.length ?? 0 })}`}
        >
          {tracks.data && tracks.data.items.length === 0 && <p className="yw-muted">{t('patrols.noTracks')}</p>}
          <ul className="yw-patrol-tracks" data-testid="patrol-tracks">
            {(tracks.data?.items ?? []).map((track: PatrolTrack) => (
              <li key={track.patrolId}>
                <span className="yw-patrol-swatch" style={{ background: colors.get(track.userId) }} />
                <span className="yw-patrol-track-name">{track.displayName}</span>
                <span className="yw-muted">
                  {formatClock(track.startedAt)}–{track.endedAt ? formatClock(track.endedAt) : t('patrols.ongoing')} ·{' '}
                  {t('patrols.km', { value: (track.distanceM / 1000).toFixed(2) })}
                </span>
                {track.visits.map((v) => (
                  <div key={`${v.at}-${v.address}`} className="yw-muted yw-patrol-visit">
                    {formatDateTime(v.at).slice(11)} {t('patrols.visitOn', { address: v.address })}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <Card size="small" className="yw-patrol-activity" title={t('patrols.activity')} extra={t('patrols.highlight')}>
        <Table<WorkerActivity>
          data-testid="patrol-activity"
          size="small"
          rowKey="userId"
          loading={activity.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={activity.data?.items ?? []}
          onRow={(row) => ({
            onClick: () => setHighlighted((current) => (current === row.userId ? null : row.userId)),
            className: highlighted === row.userId ? 'yw-patrol-row-highlighted' : '',
          })}
          columns={[
            {
              key: 'name',
              title: t('patrols.worker'),
              render: (_, row) => (
                <span>
                  <span className="yw-patrol-swatch" style={{ background: colors.get(row.userId) }} />
                  {row.displayName}
                  {tracksOf(row.userId).length > 0 && (
                    <Tag className="yw-patrol-tag">
                      {t('patrols.trackCount', { count: tracksOf(row.userId).length })}
                    </Tag>
                  )}
                </span>
              ),
            },
            {
              key: 'patrolMinutes',
              title: t('patrols.patrolMinutes'),
              align: 'right',
              sorter: (a, b) => a.patrolMinutes - b.patrolMinutes,
              render: (_, row) => formatMinutes(t, row.patrolMinutes),
            },
            {
              key: 'distance',
              title: t('patrols.distance'),
              align: 'right',
              sorter: (a, b) => a.distanceM - b.distanceM,
              render: (_, row) => t('patrols.km', { value: (row.distanceM / 1000).toFixed(2) }),
            },
            { key: 'reports', dataIndex: 'reports', title: t('patrols.reports'), align: 'right' },
            { key: 'verifications', dataIndex: 'verifications', title: t('patrols.verifications'), align: 'right' },
            { key: 'visits', dataIndex: 'visits', title: t('patrols.visits'), align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}
