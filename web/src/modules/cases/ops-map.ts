// OpenLayers code: imported only by the lazily loaded workbench map (and the desk-size bench).
import type { CasePoints, TimeState } from '@yiwang/contracts';
import { createEmpty as emptyExtent, extend as extendExtent, isEmpty as isEmptyExtent } from 'ol/extent';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import VectorLayer from 'ol/layer/Vector';
import WebGLPointsLayer from 'ol/layer/WebGLPoints';
import OlMap from 'ol/Map';
import { fromLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import View from 'ol/View';

/** Colours of a case's time state: the same green, yellow, red as the lists' tags. */
export const TIME_COLORS: Readonly<Record<TimeState, string>> = {
  normal: '#16a34a',
  warning: '#f59e0b',
  overdue: '#dc2626',
};
const TIME_INDEX: Readonly<Record<TimeState, number>> = { normal: 0, warning: 1, overdue: 2 };
const PATROL_COLOR = '#2563eb';

const gridStyle = new Style({
  stroke: new Stroke({ color: 'rgba(13, 148, 136, 0.55)', width: 1 }),
  fill: new Fill({ color: 'rgba(255, 255, 255, 0.01)' }),
});
const canvasPointStyles = Object.fromEntries(
  (Object.keys(TIME_COLORS) as TimeState[]).map((state) => [
    TIME_INDEX[state],
    new Style({
      image: new CircleStyle({
        radius: 5,
        fill: new Fill({ color: TIME_COLORS[state] }),
        stroke: new Stroke({ color: '#fff', width: 1 }),
      }),
    }),
  ]),
) as Record<number, Style>;
const patrolStyle = new Style({
  image: new CircleStyle({
    radius: 7,
    fill: new Fill({ color: PATROL_COLOR }),
    stroke: new Stroke({ color: '#fff', width: 2 }),
  }),
});

/**
 * How the case points are drawn. The desk uses the canvas: OpenLayers' WebGL points build their
 * buffers in a worker made from a blob, which the desk's CSP (script-src 'self') refuses.
 * bench/desk-size.bench.ts measures both.
 */
export type PointRenderer = 'webgl' | 'canvas';

export const webglAvailable = (): boolean => {
  try {
    return document.createElement('canvas').getContext('webgl') !== null;
  } catch {
    return false;
  }
};

export interface GridOutlines {
  type: 'FeatureCollection';
  features: unknown[];
}

/**
 * The workbench's map, kept outside React: base-grid outlines, the open cases as points
 * coloured by their time state (three shared styles, so tens of thousands draw fast) and the workers on patrol.
 * WGS84 in, no base tiles (nothing to fetch from outside). What is drawn is counted on the
 * container (data-case-points, data-patrol-points) for the browser tests.
 */
export class OpsMap {
  readonly map: OlMap;
  private readonly grids = new VectorSource();
  private readonly cases = new VectorSource<Feature<Point>>();
  private readonly patrols = new VectorSource<Feature<Point>>();
  private fitted = false;

  constructor(
    private readonly target: HTMLElement,
    readonly renderer: PointRenderer = 'canvas',
  ) {
    const pointsLayer =
      renderer === 'webgl'
        ? new WebGLPointsLayer({
            source: this.cases,
            style: {
              'circle-radius': 5,
              'circle-fill-color': [
                'match',
                ['get', 't'],
                2,
                TIME_COLORS.overdue,
                1,
                TIME_COLORS.warning,
                TIME_COLORS.normal,
              ],
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1,
            },
          })
        : new VectorLayer({ source: this.cases, style: (f) => canvasPointStyles[f.get('t') as number] });
    this.map = new OlMap({
      target,
      layers: [
        new VectorLayer({ source: this.grids, style: gridStyle }),
        pointsLayer,
        new VectorLayer({ source: this.patrols, style: patrolStyle }),
      ],
      view: new View({ center: fromLonLat([120.28, 31.86]), zoom: 11, enableRotation: false, maxZoom: 19 }),
    });
    this.count();
  }

  dispose(): void {
    this.map.setTarget(undefined);
    this.map.dispose();
  }

  /** Resolves at the next `rendercomplete` (every layer drawn, nothing loading). */
  rendered(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('rendercomplete', () => resolve());
      this.map.render();
    });
  }

  setGrids(collection: GridOutlines | undefined): void {
    this.grids.clear(true);
    if (collection) {
      this.grids.addFeatures(new GeoJSON().readFeatures(collection, { featureProjection: 'EPSG:3857' }));
    }
    this.fit();
  }

  setCases(points: CasePoints['items']): void {
    this.cases.clear(true);
    const features = points.map((p) => {
      const feature = new Feature(new Point(fromLonLat([p.lon, p.lat])));
      feature.setId(p.code);
      feature.set('t', TIME_INDEX[p.timeState]);
      return feature;
    });
    this.cases.addFeatures(features);
    this.fit();
    this.count();
  }

  setPatrols(positions: readonly { lon: number; lat: number; patrolId: string }[]): void {
    this.patrols.clear(true);
    this.patrols.addFeatures(
      positions.map((p) => {
        const feature = new Feature(new Point(fromLonLat([p.lon, p.lat])));
        feature.setId(p.patrolId);
        return feature;
      }),
    );
    this.count();
  }

  /** The first data that arrives decides the view (grids, else the cases); later updates keep the user's view. */
  private fit(): void {
    if (this.fitted) return;
    const extent = emptyExtent();
    for (const source of [this.grids, this.cases]) {
      const sourceExtent = source.getFeatures().length > 0 ? source.getExtent() : null;
      if (sourceExtent) extendExtent(extent, sourceExtent);
    }
    if (isEmptyExtent(extent)) return;
    this.map.getView().fit(extent, { padding: [16, 16, 16, 16], maxZoom: 16 });
    this.fitted = true;
  }

  private count(): void {
    this.target.dataset.casePoints = String(this.cases.getFeatures().length);
    this.target.dataset.patrolPoints = String(this.patrols.getFeatures().length);
    this.target.dataset.renderer = this.renderer;
  }
}
