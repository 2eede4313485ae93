// OpenLayers code: imported only by the lazily loaded workbench map (and the desk-size bench).
import type { CasePoints } from '@yiwang/contracts';
import { createEmpty as emptyExtent, extend as extendExtent, isEmpty as isEmptyExtent } from 'ol/extent';
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
import { CasePointsLayer } from './case-points-layer';

const PATROL_COLOR = '#2563eb';

const gridStyle = new Style({
  stroke: new Stroke({ color: 'rgba(13, 148, 136, 0.55)', width: 1 }),
  fill: new Fill({ color: 'rgba(255, 255, 255, 0.01)' }),
});
const patrolStyle = new Style({
  image: new CircleStyle({
    radius: 7,
    fill: new Fill({ color: PATROL_COLOR }),
    stroke: new Stroke({ color: '#fff', width: 2 }),
  }),
});

export interface GridOutlines {
  type: 'FeatureCollection';
  features: unknown[];
}

/**
 * The workbench's map, kept outside React: base-grid outlines, the open cases as dots coloured by
 * their time state (one canvas layer, so tens of thousands draw fast: case-points-layer.ts) and
 * the workers on patrol. WGS84 in, no base tiles (nothing to fetch from outside). What is drawn is
 * counted on the container (data-case-points, data-patrol-points) for the browser tests.
 */
export class OpsMap {
  readonly map: OlMap;
  private readonly grids = new VectorSource();
  private readonly cases = new CasePointsLayer();
  private readonly patrols = new VectorSource<Feature<Point>>();
  private fitted = false;

  constructor(private readonly target: HTMLElement) {
    this.map = new OlMap({
      target,
      layers: [
        new VectorLayer({ source: this.grids, style: gridStyle }),
        this.cases,
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
    this.cases.setPoints(points);
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
    const grids = this.grids.getFeatures().length > 0 ? this.grids.getExtent() : null;
    if (grids) extendExtent(extent, grids);
    const points = this.cases.pointsExtent();
    if (points) extendExtent(extent, points);
    if (isEmptyExtent(extent)) return;
    this.map.getView().fit(extent, { padding: [16, 16, 16, 16], maxZoom: 16 });
    this.fitted = true;
  }

  private count(): void {
    this.target.dataset.casePoints = String(this.cases.size);
    this.target.dataset.patrolPoints = String(this.patrols.getFeatures().length);
  }
}
