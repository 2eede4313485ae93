import type { LonLat } from '@yiwang/contracts';
import { Spin } from 'antd';
import type { Coordinate } from 'ol/coordinate';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import { fromLonLat, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import View from 'ol/View';
import 'ol/ol.css';
import { useEffect, useRef } from 'react';
import { useGridDetail, useGridGeoJson } from '../grids';

const gridStyle = new Style({
  stroke: new Stroke({ color: 'rgba(22, 163, 74, 0.9)', width: 2 }),
  fill: new Fill({ color: 'rgba(34, 197, 94, 0.12)' }),
});
const contextStyle = new Style({
  stroke: new Stroke({ color: 'rgba(13, 148, 136, 0.55)', width: 1 }),
  fill: new Fill({ color: 'rgba(255, 255, 255, 0.01)' }),
});
const pointStyle = new Style({
  image: new CircleStyle({
    radius: 8,
    fill: new Fill({ color: '#dc2626' }),
    stroke: new Stroke({ color: '#fff', width: 2 }),
  }),
});

/**
 * The case on the map (WGS84, no base tiles: grid outlines on a plain background): its
 * point and its grid. With `onPick`, a click places the point (new case, placing an
 * address-only case) and the base grids in scope are drawn for orientation.
 */
export default function CaseMap({
  location,
  gridCode,
  onPick,
  height = 320,
}: {
  location: LonLat | null;
  gridCode: string | null;
  onPick?: (point: LonLat) => void;
  height?: number;
}) {
  const target = useRef<HTMLDivElement>(null);
  const map = useRef<OlMap | null>(null);
  const sources = useRef({ grid: new VectorSource(), context: new VectorSource(), point: new VectorSource() });
  const pick = useRef(onPick);
  pick.current = onPick;
  const grid = useGridDetail(gridCode);
  const context = useGridGeoJson(3);
  const showContext = onPick !== undefined;

  useEffect(() => {
    if (!target.current) return;
    const { grid: gridSource, context: contextSource, point } = sources.current;
    const olMap = new OlMap({
      target: target.current,
      layers: [
        new VectorLayer({ source: contextSource, style: contextStyle }),
        new VectorLayer({ source: gridSource, style: gridStyle }),
        new VectorLayer({ source: point, style: pointStyle }),
      ],
      view: new View({ center: fromLonLat([120.28, 31.86]), zoom: 11 }),
    });
    olMap.on('singleclick', (event) => {
      const [lon, lat] = toLonLat(event.coordinate) as [number, number];
      pick.current?.({ lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) });
    });
    map.current = olMap;
    return () => {
      olMap.setTarget(undefined);
      map.current = null;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fit once per load, not on every pick
  useEffect(() => {
    const source = sources.current.context;
    source.clear();
    if (!showContext || !context.data) return;
    source.addFeatures(new GeoJSON().readFeatures(context.data, { featureProjection: 'EPSG:3857' }));
    if (!location && map.current) {
      const extent = source.getExtent();
      if (extent) map.current.getView().fit(extent, { padding: [20, 20, 20, 20] });
    }
  }, [context.data, showContext]);

  useEffect(() => {
    const source = sources.current.grid;
    source.clear();
    const geometry = grid.data?.grid.geometry;
    if (!geometry || !gridCode) return;
    source.addFeature(
      new GeoJSON().readFeature(
        { type: 'Feature', geometry, properties: {} },
        { featureProjection: 'EPSG:3857' },
      ) as Feature,
    );
    const extent = source.getExtent();
    if (!showContext && extent) map.current?.getView().fit(extent, { padding: [40, 40, 40, 40], maxZoom: 18 });
  }, [grid.data, gridCode, showContext]);

  useEffect(() => {
    const source = sources.current.point;
    source.clear();
    if (!location) return;
    const at: Coordinate = fromLonLat([location.lon, location.lat]);
    source.addFeature(new Feature(new Point(at)));
    if (!gridCode || showContext)
      map.current
        ?.getView()
        .animate({ center: at, zoom: Math.max(map.current.getView().getZoom() ?? 16, 16), duration: 200 });
  }, [location, gridCode, showContext]);

  return (
    <div style={{ position: 'relative' }}>
      <div
        ref={target}
        className="yw-case-map"
        data-testid="case-map"
        style={{ height, border: '1px solid #e5e7eb', borderRadius: 8, background: '#f8fafc' }}
      />
      {(grid.isFetching || (showContext && context.isFetching)) && (
        <Spin size="small" style={{ position: 'absolute', top: 8, right: 8 }} />
      )}
    </div>
  );
}
