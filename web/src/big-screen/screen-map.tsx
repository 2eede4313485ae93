import type { BigScreen, BigScreenGrids, TimeState } from '@yiwang/contracts';
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
import { useEffect, useRef } from 'react';
import 'ol/ol.css';

const GRID_STYLE = [
  new Style({
    fill: new Fill({ color: 'rgba(30, 64, 120, 0.35)' }),
    stroke: new Stroke({ color: '#3b82f6', width: 1.2 }),
  }),
];
const FINE_GRID_STYLE = [new Style({ stroke: new Stroke({ color: 'rgba(96, 165, 250, 0.35)', width: 0.6 }) })];
const CASE_COLOURS: Record<TimeState, string> = { normal: '#22c55e', warning: '#facc15', overdue: '#ef4444' };
const CASE_STYLES = Object.fromEntries(
  Object.entries(CASE_COLOURS).map(([state, colour]) => [
    state,
    new Style({
      image: new CircleStyle({
        radius: 4,
        fill: new Fill({ color: colour }),
        stroke: new Stroke({ color: '#0b1220', width: 1 }),
      }),
      zIndex: state === 'overdue' ? 3 : state === 'warning' ? 2 : 1,
    }),
  ]),
) as Record<TimeState, Style>;
const PATROL_STYLE = new Style({
  image: new CircleStyle({
    radius: 5,
    fill: new Fill({ color: '#38bdf8' }),
    stroke: new Stroke({ color: '#e0f2fe', width: 2 }),
  }),
  zIndex: 4,
});

/** Heat cells: reports binned to about 300 m squares, drawn as glows by count (bounded: a few styles, reused). */
const CELL_DEGREES = 0.003;
const HEAT_STYLES = [1, 2, 3, 4, 5].map(
  (level) =>
    new Style({
      image: new CircleStyle({
        radius: 6 + level * 4,
        fill: new Fill({ color: `rgba(249, 115, 22, ${0.12 + level * 0.08})` }),
      }),
      zIndex: 0,
    }),
);

function heatFeatures(points: readonly [number, number][]): Feature<Point>[] {
  const cells = new Map<string, { lon: number; lat: number; n: number }>();
  for (const [lon, lat] of points) {
    const key = `${Math.floor(lon / CELL_DEGREES)}:${Math.floor(lat / CELL_DEGREES)}`;
    const cell = cells.get(key);
    if (cell) cell.n += 1;
    else
      cells.set(key, {
        lon: (Math.floor(lon / CELL_DEGREES) + 0.5) * CELL_DEGREES,
        lat: (Math.floor(lat / CELL_DEGREES) + 0.5) * CELL_DEGREES,
        n: 1,
      });
  }
  const max = Math.max(1, ...[...cells.values()].map((c) => c.n));
  return [...cells.values()].map((c) => {
    const feature = new Feature(new Point(fromLonLat([c.lon, c.lat])));
    feature.setStyle(HEAT_STYLES[Math.min(4, Math.floor((c.n / max) * 4.999))]);
    return feature;
  });
}

const pointFeature = (at: readonly [number, number], style: Style) => {
  const feature = new Feature(new Point(fromLonLat([at[0], at[1]])));
  feature.setStyle(style);
  return feature;
};

/**
 * The live map of the screen (OpenLayers, no tiles: the grids are the base): grid outlines,
 * a heat layer of the last 30 days, open cases coloured by time limit, workers on patrol.
 * One map per mount (the parent remounts it when the pixel ratio changes); each answer replaces the features of its layer (clear, then add), and
 * the map is disposed with its element, so nothing accumulates over days.
 */
export function ScreenMap({
  grids,
  map: points,
  pixelRatio,
  label,
}: {
  grids: BigScreenGrids | null;
  map: BigScreen['map'] | null;
  pixelRatio: number;
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const sources = useRef<{
    grids: VectorSource;
    heat: VectorSource;
    open: VectorSource;
    patrols: VectorSource;
    map: OlMap;
  } | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const gridSource = new VectorSource();
    const heat = new VectorSource();
    const open = new VectorSource();
    const patrols = new VectorSource();
    const map = new OlMap({
      target: element.current,
      pixelRatio,
      controls: [],
      interactions: [],
      layers: [
        new VectorLayer({
          source: gridSource,
          style: (feature) => ((feature.get('level') as number) >= 3 ? FINE_GRID_STYLE : GRID_STYLE),
        }),
        new VectorLayer({ source: heat }),
        new VectorLayer({ source: open }),
        new VectorLayer({ source: patrols }),
      ],
      view: new View({ center: fromLonLat([120.28, 31.84]), zoom: 10 }),
    });
    sources.current = { grids: gridSource, heat, open, patrols, map };
    return () => {
      sources.current = null;
      map.setTarget(undefined);
      map.dispose();
      for (const source of [gridSource, heat, open, patrols]) source.clear(true);
    };
  }, [pixelRatio]);

  useEffect(() => {
    const s = sources.current;
    if (!s || !grids) return;
    s.grids.clear(true);
    s.grids.addFeatures(new GeoJSON().readFeatures(grids, { featureProjection: 'EPSG:3857' }));
    const extent = s.grids.getExtent();
    if (!s.grids.isEmpty() && extent) s.map.getView().fit(extent, { padding: [24, 24, 24, 24] });
  }, [grids]);

  useEffect(() => {
    const s = sources.current;
    if (!s || !points) return;
    s.heat.clear(true);
    s.heat.addFeatures(heatFeatures(points.heat));
    s.open.clear(true);
    s.open.addFeatures(points.openCases.map((c) => pointFeature(c.at, CASE_STYLES[c.timeState])));
    s.patrols.clear(true);
    s.patrols.addFeatures(points.patrols.map((p) => pointFeature(p, PATROL_STYLE)));
  }, [points]);

  return <div ref={element} className="ys-map" role="img" aria-label={label} />;
}
