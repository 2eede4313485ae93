import type { FieldGrid } from '@yiwang/contracts';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import View from 'ol/View';
import 'ol/ol.css';
import { useEffect, useRef } from 'react';
import type { Fix } from '../geo/position';

const gridStyle = new Style({
  stroke: new Stroke({ color: 'rgba(29, 78, 216, 0.9)', width: 3 }),
  fill: new Fill({ color: 'rgba(59, 130, 246, 0.12)' }),
});
const meStyle = new Style({
  image: new CircleStyle({
    radius: 9,
    fill: new Fill({ color: '#dc2626' }),
    stroke: new Stroke({ color: '#fff', width: 3 }),
  }),
});

/**
 * My grid(s) and where I stand, on a plain background (no base tiles: nothing external to
 * fetch, and it draws offline). Loaded lazily: OpenLayers is most of this chunk.
 */
export default function GridMapView({ grids, fix }: { grids: readonly FieldGrid[]; fix: Fix | null }) {
  const target = useRef<HTMLDivElement>(null);
  const sources = useRef({ grids: new VectorSource(), me: new VectorSource() });
  const map = useRef<OlMap | null>(null);

  useEffect(() => {
    if (!target.current) return;
    const olMap = new OlMap({
      target: target.current,
      controls: [],
      layers: [
        new VectorLayer({ source: sources.current.grids, style: gridStyle }),
        new VectorLayer({ source: sources.current.me, style: meStyle }),
      ],
      view: new View({ center: fromLonLat([120.28, 31.86]), zoom: 13 }),
    });
    map.current = olMap;
    return () => {
      olMap.setTarget(undefined);
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const source = sources.current.grids;
    source.clear();
    source.addFeatures(
      grids.map(
        (g) =>
          new GeoJSON().readFeature(
            { type: 'Feature', geometry: g.geometry, properties: { code: g.code } },
            { featureProjection: 'EPSG:3857' },
          ) as Feature,
      ),
    );
    const extent = source.getExtent();
    if (extent && Number.isFinite(extent[0]))
      map.current?.getView().fit(extent, { padding: [16, 16, 16, 16], maxZoom: 18 });
  }, [grids]);

  useEffect(() => {
    const source = sources.current.me;
    source.clear();
    if (fix) source.addFeature(new Feature(new Point(fromLonLat([fix.lon, fix.lat]))));
  }, [fix]);

  return <div ref={target} className="wa-map" data-testid="grid-map" />;
}
