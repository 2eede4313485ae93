// The registry's layers on the grid map (issue 11 item 4), lazy-loaded by the map page: only
// someone who may read the registry and turns a layer on pays for this code and its data.
import { useQueries } from '@tanstack/react-query';
import type { RegistryMapLayer, RegistryMapLayerName } from '@yiwang/contracts';
import { FACILITY_STATE_LABELS, REGISTRY_MAP_LAYER_LABELS, REGISTRY_MAP_LAYERS } from '@yiwang/contracts/vocabulary';
import { Alert, Card, Switch, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../lib/api';
import { formatCount } from './grid-format';
import type { GridIndex } from './grid-index';
import type { GridMap, MapMarker } from './grid-map';
import type { GridProperties } from './grids-api';
import { useGridsI18n } from './grids-messages';

const LAYER_COLORS: Record<RegistryMapLayerName, string> = {
  buildings: '#2563eb',
  rentals: '#f59e0b',
  group_rentals: '#dc2626',
  organizations: '#7c3aed',
  facilities: '#0d9488',
};

/** A layer's count in a grid shown: the grid's own (a base grid) or the sum of the base grids under it. */
const countIn = (layer: RegistryMapLayer, grid: GridProperties, index: GridIndex) =>
  layer.counts.reduce(
    (sum, c) => sum + (c.gridCode === grid.code || index.isAncestorOf(grid, c.gridCode) ? c.count : 0),
    0,
  );

export default function RegistryLayers({
  map,
  index,
  grids,
}: {
  map: GridMap | null;
  index: GridIndex;
  /** The grids the side panel lists (the focus's children, or the roots). */
  grids: readonly GridProperties[];
}) {
  const { t, locale, regionName } = useGridsI18n();
  const [shown, setShown] = useState<RegistryMapLayerName[]>([]);
  const results = useQueries({
    queries: shown.map((layer) => ({
      queryKey: ['registry', 'map-layers', layer],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<RegistryMapLayer>('/registry/map-layers', { layer }, { signal }),
    })),
  });
  const layers = results.flatMap((r) => (r.data ? [r.data] : []));
  const layersKey = layers.map((l) => `${l.layer}:${l.points.length}`).join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the loaded layers change (layersKey)
  const markers = useMemo<MapMarker[]>(
    () =>
      layers.flatMap((l) =>
        l.points.map((p) => ({ id: `${l.layer}-${p.id}`, lon: p.lon, lat: p.lat, color: LAYER_COLORS[l.layer] })),
      ),
    [layersKey],
  );
  useEffect(() => map?.setMarkers(markers), [map, markers]);
  useEffect(() => () => map?.setMarkers(null), [map]);

  const toggle = (layer: RegistryMapLayerName, on: boolean) =>
    setShown((now) => (on ? [...now, layer] : now.filter((l) => l !== layer)));
  const facilities = layers.find((l) => l.layer === 'facilities');
  const tally = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts].map(([value, count]) => `${value} ${formatCount(count)}`).join(' · ');
  };

  return (
    <Card size="small" title={t('grids.registryLayers')} data-testid="registry-layers">
      <div className="yw-grid-layers">
        {REGISTRY_MAP_LAYERS.map((layer) => (
          <span key={layer}>
            <Switch
              id={`registry-layer-${layer}`}
              size="small"
              checked={shown.includes(layer)}
              onChange={(on) => toggle(layer, on)}
              style={shown.includes(layer) ? { background: LAYER_COLORS[layer] } : undefined}
            />{' '}
            <label htmlFor={`registry-layer-${layer}`}>{REGISTRY_MAP_LAYER_LABELS[layer][locale]}</label>
          </span>
        ))}
      </div>
      {layers.some((l) => l.truncated) && (
        <Alert type="info" showIcon title={t('grids.registryTruncated', { count: layers[0]?.points.length ?? 0 })} />
      )}
      {layers.length > 0 && (
        <Table<GridProperties>
          data-testid="registry-layer-counts"
          size="small"
          pagination={false}
          rowKey="code"
          dataSource={[...grids]}
          columns={[
            { title: t('grids.grid'), render: (_, grid) => regionName(grid) },
            ...layers.map((l) => ({
              key: l.layer,
              title: REGISTRY_MAP_LAYER_LABELS[l.layer][locale],
              align: 'right' as const,
              render: (_: unknown, grid: GridProperties) => formatCount(countIn(l, grid, index)),
            })),
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('grids.registryTotal')}</Table.Summary.Cell>
              {layers.map((l, i) => (
                <Table.Summary.Cell key={l.layer} index={i + 1} align="right">
                  <span data-testid={`registry-layer-total-${l.layer}`}>{formatCount(l.total)}</span>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          )}
        />
      )}
      {facilities && (
        <div data-testid="registry-facility-summary">
          <div>
            {t('grids.facilityStates')}：
            {tally(facilities.points.map((p) => (p.state ? FACILITY_STATE_LABELS[p.state][locale] : '')))}
          </div>
          <div>
            {t('grids.facilityClasses')}：{tally(facilities.points.map((p) => `${p.classCode ?? ''} ${p.label}`))}
          </div>
        </div>
      )}
    </Card>
  );
}
