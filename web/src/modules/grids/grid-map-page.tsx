import 'ol/ol.css';
import './grids.css';
import { Alert, Breadcrumb, Button, Card, Descriptions, Spin, Switch } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { errorText } from '../../lib/form-errors';
import { useSignedIn } from '../auth';
import { formatCount } from './grid-format';
import { GridIndex } from './grid-index';
import { GridMap, type SizingStatus } from './grid-map';
import { CoverageCard, GridChildList, GridDetailCard } from './grid-panels';
import { GridSearchBox } from './grid-search';
import { DEFAULT_STANDARD, useBaseLayer, useCoverage, useGridGeoJson, useMapConfig, useSizing } from './grids-api';
import { useGridsI18n } from './grids-messages';

/** The registry's layers: their own chunk, loaded only for those who may read the registry. */
const RegistryLayers = lazy(() => import('./registry-layers'));

/** What the browser tests may call on the map container (they click where a person would). */
interface MapTestHooks {
  ywPixelOf?: (code: string) => [number, number] | null;
}

function SizingLegend() {
  const { t } = useGridsI18n();
  return (
    <div className="yw-grid-legend" data-testid="grid-sizing-legend">
      {(['ok', 'too-large', 'too-small'] as const).map((status) => (
        <div key={status} className="yw-grid-legend-item">
          <span className={`yw-grid-swatch yw-grid-swatch-${status}`} />
          {t(`grids.status.${status}`)}
        </div>
      ))}
    </div>
  );
}

/**
 * The grid map: county → town → community → base grid by clicking (or the breadcrumb,
 * the list of children, the search box); the selected grid is in the URL (?grid=code).
 */
export default function GridMapPage() {
  const { t, locale, regionName } = useGridsI18n();
  const session = useSignedIn();
  const navigate = useNavigate();
  const params = new URLSearchParams(useLocation().search);
  const requested = params.get('grid');

  const config = useMapConfig();
  const level1 = useGridGeoJson(1);
  const level2 = useGridGeoJson(2);
  const level3 = useGridGeoJson(3);
  const index = useMemo(
    () => (level1.data && level2.data && level3.data ? new GridIndex([level1.data, level2.data, level3.data]) : null),
    [level1.data, level2.data, level3.data],
  );
  // A scope of one town or community opens on it (nothing above it to choose from).
  const roots = index?.children(null) ?? [];
  const soleRoot = roots.length === 1 ? roots[0] : undefined;
  const requestedGrid = index?.get(requested);
  const focusGrid = requestedGrid ?? soleRoot;
  const focus = focusGrid?.code ?? null;

  const [showCoverage, setShowCoverage] = useState(false);
  const [showSizing, setShowSizing] = useState(false);
  const coverageParent = index ? (index.activeParent(focus) ?? session.user.scope.regionCode) : null;
  const coverage = useCoverage(showCoverage ? coverageParent : null);
  const sizing = useSizing({ ...DEFAULT_STANDARD, onlyProblems: true }, showSizing);

  const select = (code: string | null) => void navigate(code ? `/grids?grid=${code}` : '/grids');
  const selectRef = useRef(select);
  useEffect(() => {
    selectRef.current = select;
  });

  // The OpenLayers map lives as long as the page (and the tile configuration).
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<GridMap | null>(null);
  const tiles = config.data?.tiles;
  // Built once per tile configuration; the locale is applied below without rebuilding the map.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the initial locale only
  useEffect(() => {
    const target = containerRef.current;
    if (!target || tiles === undefined) return;
    let created: GridMap | null = null;
    let cancelled = false;
    void GridMap.create({ target, tiles, locale, onPick: (code) => selectRef.current(code) }).then((gridMap) => {
      if (cancelled) {
        gridMap.dispose();
        return;
      }
      created = gridMap;
      (target as HTMLElement & MapTestHooks).ywPixelOf = (code) => gridMap.pixelOf(code);
      setMap(gridMap);
    });
    return () => {
      cancelled = true;
      created?.dispose();
      delete (target as HTMLElement & MapTestHooks).ywPixelOf;
      setMap(null);
    };
  }, [tiles]);

  useEffect(() => {
    if (map && index && level1.data && level2.data && level3.data) {
      map.setGrids(index, { 1: level1.data, 2: level2.data, 3: level3.data });
    }
  }, [map, index, level1.data, level2.data, level3.data]);
  useEffect(() => map?.setFocus(focus, true), [map, focus]);
  useEffect(() => map?.setLocale(locale), [map, locale]);
  // Without tiles the map would be blank around the grids: the offline base layer instead.
  const baseLayer = useBaseLayer(tiles === null);
  useEffect(() => {
    if (map && baseLayer.data) map.setBaseLayer(baseLayer.data);
  }, [map, baseLayer.data]);
  useEffect(() => map?.setCoverage(showCoverage ? (coverage.data ?? null) : null), [map, showCoverage, coverage.data]);
  const sizingStatuses = useMemo(
    () =>
      sizing.data
        ? new Map<string, SizingStatus>(
            sizing.data.items.flatMap((item) => (item.status === 'ok' ? [] : [[item.code, item.status]])),
          )
        : null,
    [sizing.data],
  );
  useEffect(() => map?.setSizing(showSizing ? sizingStatuses : null), [map, showSizing, sizingStatuses]);

  const loadError = config.error ?? level1.error ?? level2.error ?? level3.error;
  const scopeName = regionName({ name: session.user.scope.regionName, nameEn: session.user.scope.regionNameEn });
  const ancestors = focus && index ? index.ancestors(focus) : [];
  const children = index && focusGrid ? index.children(focusGrid.code) : roots;

  return (
    <>
      <div className="yw-page-header">
        <h1 className="yw-page-title">{t('grids.nav.map')}</h1>
        <GridSearchBox onSelect={select} />
      </div>
      <div className="yw-grid-toolbar">
        <Breadcrumb
          data-testid="grid-breadcrumb"
          items={[
            ...(soleRoot ? [] : [{ key: 'scope', title: focus ? <Link to="/grids">{scopeName}</Link> : scopeName }]),
            ...ancestors.map((a) => ({
              key: a.code,
              title: <Link to={`/grids?grid=${a.code}`}>{regionName(a)}</Link>,
            })),
            ...(focusGrid ? [{ key: focusGrid.code, title: regionName(focusGrid) }] : []),
          ]}
        />
        <div className="yw-grid-layers">
          <span>
            <Switch id="grid-layer-coverage" size="small" checked={showCoverage} onChange={setShowCoverage} />{' '}
            <label htmlFor="grid-layer-coverage">{t('grids.layerCoverage')}</label>
          </span>
          <span>
            <Switch id="grid-layer-sizing" size="small" checked={showSizing} onChange={setShowSizing} />{' '}
            <label htmlFor="grid-layer-sizing">{t('grids.layerSizing')}</label>
          </span>
        </div>
      </div>
      {requested && index && !requestedGrid && (
        <Alert className="yw-form-alert" type="warning" showIcon title={t('grids.notFound', { code: requested })} />
      )}
      {loadError ? (
        <Alert
          className="yw-form-alert"
          type="error"
          showIcon
          title={t('error.loadFailed')}
          description={errorText(loadError)}
          action={
            <Button
              onClick={() => {
                void config.refetch();
                void level1.refetch();
                void level2.refetch();
                void level3.refetch();
              }}
            >
              {t('action.retry')}
            </Button>
          }
        />
      ) : null}
      {/* Always in the page: OpenLayers keeps drawing into this element. */}
      <div className="yw-grid-layout">
        <div ref={containerRef} className="yw-grid-map" data-testid="grid-map">
          {!index && !loadError && (
            <div className="yw-grid-map-loading">
              <Spin description={t('grids.loading')} />
            </div>
          )}
          {showSizing && <SizingLegend />}
        </div>
        <aside className="yw-grid-side" data-testid="grid-side">
          {index && focusGrid && <GridDetailCard grid={focusGrid} index={index} onSelect={select} />}
          {index && !focusGrid && (
            <Card size="small" title={<span className="yw-grid-title">{scopeName}</span>}>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'households',
                    label: t('grids.households'),
                    children: formatCount(children.reduce((sum, g) => sum + g.households, 0)),
                  },
                  {
                    key: 'people',
                    label: t('grids.people'),
                    children: formatCount(children.reduce((sum, g) => sum + g.people, 0)),
                  },
                ]}
              />
            </Card>
          )}
          {showCoverage && (
            <CoverageCard
              report={coverage.data}
              loading={coverage.isFetching}
              error={coverage.error}
              onZoom={(kind, i) => map?.fitFault(kind, i)}
            />
          )}
          {index && session.permissions.includes('registry.read') && (
            <Suspense fallback={null}>
              <RegistryLayers map={map} index={index} grids={children} />
            </Suspense>
          )}
          {index && (
            <GridChildList
              grids={children}
              parentName={focusGrid ? regionName(focusGrid) : undefined}
              onSelect={select}
            />
          )}
        </aside>
      </div>
    </>
  );
}
