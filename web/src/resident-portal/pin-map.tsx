import { useQuery } from '@tanstack/react-query';
import type { LonLat, ResidentMap } from '@yiwang/contracts';
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
import Text from 'ol/style/Text';
import View from 'ol/View';
import 'ol/ol.css';
import { useEffect, useRef, useState } from 'react';
import { createBaseLayer, labelsInView, tileLayers } from '../shared/base-layer';
import { usePortalI18n } from './i18n';
import { portalApi } from './portal-api';
import { ErrorNote } from './ui';

type Shift = (lonLat: [number, number]) => [number, number];

const townStyle = (label: string) =>
  new Style({
    stroke: new Stroke({ color: 'rgba(29, 78, 216, 0.7)', width: 1.5 }),
    fill: new Fill({ color: 'rgba(29, 78, 216, 0.04)' }),
    text: new Text({
      text: label,
      font: '600 13px system-ui, sans-serif',
      fill: new Fill({ color: '#1e3a8a' }),
      stroke: new Stroke({ color: '#fff', width: 3 }),
      overflow: true,
    }),
  });
const pinStyle = new Style({
  image: new CircleStyle({
    radius: 10,
    fill: new Fill({ color: '#dc2626' }),
    stroke: new Stroke({ color: '#fff', width: 3 }),
  }),
});

/**
 * Converts between the WGS84 the server speaks and the datum of the base map: most Chinese
 * commercial tiles are GCJ-02, shifted by a few hundred metres; gcoord loads only then.
 */
async function datumShifts(tiles: ResidentMap['tiles']): Promise<{ toMap: Shift; toWgs84: Shift }> {
  if (tiles?.crs !== 'GCJ02') return { toMap: (p) => p, toWgs84: (p) => p };
  const { default: gcoord } = await import('gcoord');
  return {
    toMap: (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number],
    toWgs84: (p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as [number, number],
  };
}

/**
 * The map to pin a report on (OpenLayers, loaded only with this screen): the base tiles
 * (and their labels) with the towns' outlines and names when the deployment has tiles, else
 * the offline base layer (land, towns and communities with names; no outside request), and
 * the pin. A tap places the pin; a new value from outside (my location) centres the map on it.
 */
export default function PinMap({ value, onPick }: { value: LonLat | null; onPick(point: LonLat): void }) {
  const { named } = usePortalI18n();
  const data = useQuery({ queryKey: ['portal', 'map'], queryFn: portalApi.map, staleTime: 60 * 60_000 });
  const base = useQuery({
    queryKey: ['portal', 'base-layer'],
    queryFn: portalApi.baseLayer,
    staleTime: 60 * 60_000,
    enabled: data.data?.tiles === null,
  });
  const target = useRef<HTMLDivElement>(null);
  const map = useRef<OlMap | null>(null);
  const shifts = useRef<{ toMap: Shift; toWgs84: Shift } | null>(null);
  const pin = useRef(new VectorSource());
  const pick = useRef(onPick);
  pick.current = onPick;
  const placedByTap = useRef(false);
  const nameOf = useRef(named);
  nameOf.current = named;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const element = target.current;
    const payload = data.data;
    // Without tiles, wait for the base layer (or its failure: the towns still orient).
    if (!element || !payload || (payload.tiles === null && !base.data && !base.error)) return;
    const baseLayer = payload.tiles === null && base.data ? createBaseLayer(base.data, () => nameOf.current) : null;
    let disposed = false;
    let olMap: OlMap | null = null;
    void datumShifts(payload.tiles).then((shift) => {
      if (disposed) return;
      shifts.current = shift;
      const towns = new VectorSource();
      const features = new GeoJSON().readFeatures(payload.towns, { featureProjection: 'EPSG:3857' });
      for (const feature of features) {
        // Outlines are WGS84; on GCJ-02 tiles they are drawn shifted like the tiles.
        feature.getGeometry()?.applyTransform((input, output = input, stride = 2) => {
          for (let i = 0; i + 1 < input.length; i += stride) {
            const [lon, lat] = shift.toMap(toLonLat([input[i] ?? 0, input[i + 1] ?? 0]) as [number, number]);
            const [x, y] = fromLonLat([lon, lat]);
            output[i] = x ?? 0;
            output[i + 1] = y ?? 0;
          }
          return output;
        });
        const props = feature.getProperties() as { name: string; nameEn: string };
        feature.setStyle(townStyle(nameOf.current({ name: props.name, nameEn: props.nameEn })));
      }
      towns.addFeatures(features);
      const tiles = payload.tiles;
      olMap = new OlMap({
        target: element,
        layers: [
          ...(tiles ? tileLayers(tiles) : []),
          ...(baseLayer ? [baseLayer] : [new VectorLayer({ source: towns })]),
          new VectorLayer({ source: pin.current, style: pinStyle }),
        ],
        view: new View({ center: fromLonLat([120.28, 31.84]), zoom: 10, maxZoom: 19, enableRotation: false }),
      });
      const extent = baseLayer ? baseLayer.getSource()?.getExtent() : towns.getExtent();
      if (extent && features.length > 0) olMap.getView().fit(extent, { padding: [12, 12, 12, 12] });
      if (baseLayer) {
        const drawn = olMap;
        // The names in view, for tests (a canvas cannot be read back as text).
        drawn.on('rendercomplete', () => {
          element.dataset.baseLabels = labelsInView(drawn, baseLayer, nameOf.current).join('|');
        });
      }
      olMap.on('singleclick', (event) => {
        const [lon, lat] = shift.toWgs84(toLonLat(event.coordinate) as [number, number]);
        placedByTap.current = true;
        pick.current({ lon: Number(lon.toFixed(6)), lat: Number(lat.toFixed(6)) });
      });
      map.current = olMap;
      setReady(true);
    });
    return () => {
      disposed = true;
      olMap?.setTarget(undefined);
      map.current = null;
      setReady(false);
    };
  }, [data.data, base.data, base.error]);

  useEffect(() => {
    const shift = shifts.current;
    pin.current.clear();
    if (!value || !shift || !ready) return;
    const at = fromLonLat(shift.toMap([value.lon, value.lat]));
    pin.current.addFeature(new Feature(new Point(at)));
    // A tap was made where the person looks; a located point may be anywhere: show it.
    if (!placedByTap.current) {
      const view = map.current?.getView();
      view?.animate({ center: at, zoom: Math.max(view.getZoom() ?? 16, 16), duration: 250 });
    }
    placedByTap.current = false;
  }, [value, ready]);

  return (
    <div className="yr-map-wrap">
      <div ref={target} className="yr-map" data-testid="pin-map" data-ready={ready} />
      <ErrorNote error={data.error} />
    </div>
  );
}
