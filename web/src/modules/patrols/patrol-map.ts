import type { LivePosition, MapConfig, PatrolTrack } from '@yiwang/contracts';
import { defaults as defaultControls } from 'ol/control/defaults';
import ScaleLine from 'ol/control/ScaleLine';
import { createEmpty as emptyExtent, extend as extendExtent, isEmpty as isEmptyExtent } from 'ol/extent';
import Feature, { type FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import LineString from 'ol/geom/LineString';
import Point from 'ol/geom/Point';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import { fromLonLat, toLonLat } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import XYZ from 'ol/source/XYZ';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import Text from 'ol/style/Text';
import View from 'ol/View';
import { xyzTemplate } from '../../shared/base-layer';
import type { GridFeatureCollection } from '../grids';

type Tiles = MapConfig['tiles'];
type PairTransform = (lonLat: [number, number]) => [number, number];

/** Distinct, readable on a light map; a worker keeps their colour while the list is the same. */
export const WORKER_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#be185d', '#4d7c0f'];

const outlineStyle = new Style({
  stroke: new Stroke({ color: 'rgba(13, 148, 136, 0.6)', width: 1 }),
  fill: new Fill({ color: 'rgba(255, 255, 255, 0.01)' }),
});
const focusStyle = new Style({
  stroke: new Stroke({ color: 'rgba(22, 163, 74, 0.95)', width: 2.5 }),
  fill: new Fill({ color: 'rgba(34, 197, 94, 0.08)' }),
});

/**
 * The desk's patrol map, kept outside React: base-grid outlines for orientation, the
 * day's tracks (one colour per worker), the visits made on them and the live positions.
 * Data arrives in WGS84; with GCJ-02 base tiles it is shifted once on load. What is drawn
 * is counted on the container (data-track-features, data-live-features,
 * data-visit-features) for the browser tests.
 */
export class PatrolMap {
  private readonly map: OlMap;
  private readonly outlines = new VectorSource();
  private readonly focus = new VectorSource();
  private readonly tracks = new VectorSource();
  private readonly visits = new VectorSource();
  private readonly live = new VectorSource();
  private readonly styles = new Map<string, Style>();
  private colors: ReadonlyMap<string, string> = new Map();
  private highlighted: string | null = null;
  private fitted = false;

  private constructor(
    private readonly target: HTMLElement,
    tiles: Tiles,
    private readonly toDisplay: PairTransform | null,
  ) {
    const layers = [];
    if (tiles) {
      layers.push(
        new TileLayer({
          source: new XYZ({
            url: xyzTemplate(tiles.kind, tiles.url),
            maxZoom: tiles.maxZoom,
            ...(tiles.attribution ? { attributions: tiles.attribution } : {}),
          }),
        }),
      );
    }
    layers.push(
      new VectorLayer({ source: this.outlines, style: outlineStyle }),
      new VectorLayer({ source: this.focus, style: focusStyle }),
      new VectorLayer({ source: this.tracks, style: (f) => this.trackStyle(f) }),
      new VectorLayer({ source: this.visits, style: (f) => this.visitStyle(f) }),
      new VectorLayer({ source: this.live, style: (f) => this.liveStyle(f) }),
    );
    this.map = new OlMap({
      target,
      layers,
      controls: defaultControls({ rotate: false, attribution: Boolean(tiles?.attribution) }).extend([new ScaleLine()]),
      view: new View({ center: fromLonLat([120.28, 31.86]), zoom: 11, enableRotation: false, maxZoom: 19 }),
    });
    this.count();
  }

  /** Builds the map; with GCJ-02 tiles, first loads the datum conversion (only then). */
  static async create(target: HTMLElement, tiles: Tiles): Promise<PatrolMap> {
    if (tiles?.crs !== 'GCJ02') return new PatrolMap(target, tiles, null);
    const { default: gcoord } = await import('gcoord');
    return new PatrolMap(target, tiles, (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]);
  }

  dispose(): void {
    this.map.setTarget(undefined);
    this.map.dispose();
  }

  /** Base grids for orientation, and the chosen grid's outline (both WGS84 GeoJSON). */
  setOutlines(grids: GridFeatureCollection | undefined, focus: GridFeatureCollection['features'][number] | null): void {
    this.outlines.clear(true);
    this.focus.clear(true);
    if (grids) this.outlines.addFeatures(this.read(grids));
    if (focus) this.focus.addFeatures(this.read({ type: 'FeatureCollection', features: [focus] }));
    if (!this.fitted) this.fitTo(this.focus.getFeatures().length ? this.focus : this.outlines, false);
  }

  /** The day's tracks and the visits on them; the view moves to them when they change. */
  setTracks(items: readonly PatrolTrack[], colors: ReadonlyMap<string, string>): void {
    this.colors = colors;
    this.tracks.clear(true);
    this.visits.clear(true);
    for (const track of items) {
      const line = new Feature(new LineString(track.track.coordinates.map((c) => this.project(c))));
      line.setId(track.patrolId);
      line.set('userId', track.userId);
      this.tracks.addFeature(line);
      for (const visit of track.visits) {
        const point = new Feature(new Point(this.project([visit.lon, visit.lat])));
        point.set('userId', track.userId);
        point.set('address', visit.address);
        this.visits.addFeature(point);
      }
    }
    this.styles.clear();
    if (items.length > 0) this.fitTo(this.tracks, true);
    this.count();
  }

  setLive(items: readonly LivePosition[]): void {
    this.live.clear(true);
    for (const position of items) {
      const point = new Feature(new Point(this.project([position.lon, position.lat])));
      point.setId(position.patrolId);
      point.set('userId', position.userId);
      point.set('name', position.displayName);
      this.live.addFeature(point);
    }
    this.count();
  }

  /** Draws one worker's tracks on top and the others faded (null: all alike). */
  highlight(userId: string | null): void {
    this.highlighted = userId;
    this.styles.clear();
    this.tracks.changed();
    this.visits.changed();
  }

  private project(lonLat: readonly number[]): number[] {
    const pair: [number, number] = [lonLat[0] ?? 0, lonLat[1] ?? 0];
    return fromLonLat(this.toDisplay ? this.toDisplay(pair) : pair);
  }

  private read(collection: GridFeatureCollection) {
    const features = new GeoJSON().readFeatures(collection, { featureProjection: 'EPSG:3857' });
    if (this.toDisplay) {
      const toDisplay = this.toDisplay;
      // Shift the outlines to the tiles' datum: geometry is in web mercator here, so go through lon/lat.
      for (const feature of features) {
        feature.getGeometry()?.applyTransform((input, output, stride = 2) => {
          const out = output ?? input;
          for (let i = 0; i < input.length; i += stride) {
            const [lon, lat] = toLonLat([input[i] ?? 0, input[i + 1] ?? 0]);
            const [x, y] = fromLonLat(toDisplay([lon ?? 0, lat ?? 0]));
            out[i] = x ?? 0;
            out[i + 1] = y ?? 0;
          }
          return out;
        });
      }
    }
    return features;
  }

  private fitTo(source: VectorSource, animate: boolean): void {
    const extent = emptyExtent();
    for (const feature of source.getFeatures()) {
      const geometry = feature.getGeometry();
      if (geometry) extendExtent(extent, geometry.getExtent());
    }
    if (isEmptyExtent(extent)) return;
    this.fitted = true;
    this.map.getView().fit(extent, { padding: [40, 40, 40, 40], maxZoom: 18, duration: animate ? 250 : 0 });
  }

  private colorOf(userId: string): string {
    return this.colors.get(userId) ?? '#475569';
  }

  private faded(userId: string): boolean {
    return this.highlighted !== null && this.highlighted !== userId;
  }

  private cached(key: string, make: () => Style): Style {
    let style = this.styles.get(key);
    if (!style) {
      style = make();
      this.styles.set(key, style);
    }
    return style;
  }

  private trackStyle(feature: FeatureLike): Style {
    const userId = String(feature.get('userId'));
    const faded = this.faded(userId);
    return this.cached(`track:${userId}:${faded}`, () => {
      // A faded track keeps its colour at a third of the opacity (#rrggbb + alpha).
      const color = faded ? `${this.colorOf(userId)}55` : this.colorOf(userId);
      return new Style({
        stroke: new Stroke({ color, width: faded ? 2 : 4, lineCap: 'round', lineJoin: 'round' }),
        zIndex: faded ? 0 : 1,
      });
    });
  }

  private visitStyle(feature: FeatureLike): Style {
    const userId = String(feature.get('userId'));
    return this.cached(
      `visit:${userId}:${this.faded(userId)}`,
      () =>
        new Style({
          image: new CircleStyle({
            radius: 6,
            fill: new Fill({ color: '#fff' }),
            stroke: new Stroke({ color: this.colorOf(userId), width: 3 }),
          }),
        }),
    );
  }

  private liveStyle(feature: FeatureLike): Style {
    const userId = String(feature.get('userId'));
    const name = String(feature.get('name'));
    return this.cached(
      `live:${userId}:${name}`,
      () =>
        new Style({
          image: new CircleStyle({
            radius: 9,
            fill: new Fill({ color: this.colorOf(userId) }),
            stroke: new Stroke({ color: '#fff', width: 3 }),
          }),
          text: new Text({
            text: name,
            offsetY: -18,
            font: '600 13px system-ui, sans-serif',
            fill: new Fill({ color: '#0f172a' }),
            stroke: new Stroke({ color: '#fff', width: 3 }),
          }),
          zIndex: 2,
        }),
    );
  }

  private count(): void {
    this.target.dataset.trackFeatures = String(this.tracks.getFeatures().length);
    this.target.dataset.visitFeatures = String(this.visits.getFeatures().length);
    this.target.dataset.liveFeatures = String(this.live.getFeatures().length);
  }
}
