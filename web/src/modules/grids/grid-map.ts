import type { BaseLayer, CoverageReport, Locale, MapConfig } from '@yiwang/contracts';
import { defaults as defaultControls } from 'ol/control/defaults';
import MousePosition from 'ol/control/MousePosition';
import ScaleLine from 'ol/control/ScaleLine';
import type { Coordinate } from 'ol/coordinate';
import {
  buffer as bufferExtent,
  type Extent,
  createEmpty as emptyExtent,
  extend as extendExtent,
  getWidth,
  isEmpty as isEmptyExtent,
} from 'ol/extent';
import Feature, { type FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import type Geometry from 'ol/geom/Geometry';
import MultiPolygon from 'ol/geom/MultiPolygon';
import Point from 'ol/geom/Point';
import Polygon from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import VectorSource from 'ol/source/Vector';
import CircleStyle from 'ol/style/Circle';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import Text from 'ol/style/Text';
import View from 'ol/View';
import { createBaseLayer, labelsInView, type NameOf, tileLayers } from '../../shared/base-layer';
import type { GridIndex } from './grid-index';
import type { GridFeatureCollection, GridLevel, GridProperties } from './grids-api';

export type SizingStatus = 'too-large' | 'too-small';
/** A point another capability draws over the grids (e.g. the registry's buildings and facilities). */
export interface MapMarker {
  id: string;
  lon: number;
  lat: number;
  /** A CSS colour. */
  color: string;
}
type FaultKind = 'gap' | 'overlap' | 'outside';
/** How a grid is drawn relative to the selection. */
type GridState = 'focus' | 'ancestor' | 'active' | 'context';

/** Transforms [lon, lat] pairs in place; used for WGS84 ↔ GCJ-02. */
type PairTransform = (lonLat: [number, number]) => [number, number];

export interface GridMapOptions {
  target: HTMLElement;
  tiles: MapConfig['tiles'];
  locale: Locale;
  /** A click on the map chose this grid. */
  onPick(code: string): void;
}

const LEVELS: readonly GridLevel[] = [1, 2, 3];
const LEVEL_COLORS: Record<GridLevel, string> = { 1: '29, 78, 216', 2: '13, 148, 136', 3: '22, 163, 74' };
/** Below these resolutions (m/px) a level is drawn even before drilling into it. */
const SHOW_AT_RESOLUTION: Record<GridLevel, number> = { 1: Number.POSITIVE_INFINITY, 2: 30, 3: 7 };
/** …and labelled. */
const LABEL_AT_RESOLUTION: Record<GridLevel, number> = { 1: Number.POSITIVE_INFINITY, 2: 12, 3: 3 };
const FONTS: Record<GridLevel, string> = {
  1: '600 14px system-ui, sans-serif',
  2: '600 12px system-ui, sans-serif',
  3: '12px system-ui, sans-serif',
};
const SIZING_FILL: Record<SizingStatus | 'ok', string> = {
  ok: 'rgba(34, 197, 94, 0.22)',
  'too-large': 'rgba(220, 38, 38, 0.5)',
  'too-small': 'rgba(245, 158, 11, 0.55)',
};
const FAULT_COLORS: Record<FaultKind, string> = { gap: '220, 38, 38', overlap: '234, 88, 12', outside: '147, 51, 234' };

function interiorPoint(geometry: Geometry | undefined): Coordinate | null {
  if (geometry instanceof Polygon) return geometry.getInteriorPoint().getCoordinates().slice(0, 2);
  if (geometry instanceof MultiPolygon) {
    // The largest part holds the label and the test click.
    let best: Polygon | null = null;
    for (const part of geometry.getPolygons()) if (!best || part.getArea() > best.getArea()) best = part;
    return best ? best.getInteriorPoint().getCoordinates().slice(0, 2) : null;
  }
  return null;
}

/**
 * The OpenLayers map of the grids, kept outside React: one vector source per level whose
 * features are created once per data load; styles come from a cache keyed by what they
 * depend on (level, state, sizing status, label), so panning and drilling only restyle.
 * Geometry arrives in WGS84; with GCJ-02 base tiles it is shifted to GCJ-02 once on load
 * so that it lines up, and hit-testing works on the shifted geometry.
 */
export class GridMap {
  private readonly map: OlMap;
  private readonly sources: Record<GridLevel, VectorSource>;
  private readonly layers: Record<GridLevel, VectorLayer>;
  private readonly highlightSource = new VectorSource();
  private readonly faultSource = new VectorSource();
  private readonly markerSource = new VectorSource();
  private readonly styleCache = new Map<string, Style>();
  private readonly format = new GeoJSON();
  private readonly loaded = new Map<GridLevel, GridFeatureCollection>();
  private index: GridIndex | null = null;
  private baseLayer: VectorLayer | null = null;
  private focus: string | null = null;
  private displayLevel: GridLevel = 1;
  private activeParent: string | null = null;
  private focusAncestors = new Set<string>();
  private sizing: ReadonlyMap<string, SizingStatus> | null = null;
  private locale: Locale;
  private pendingFit = true;
  private hasFitted = false;
  private disposed = false;

  private constructor(
    private readonly options: GridMapOptions,
    private readonly toDisplay: PairTransform | null,
    private readonly toWgs84: PairTransform | null,
  ) {
    this.locale = options.locale;
    this.sources = { 1: new VectorSource(), 2: new VectorSource(), 3: new VectorSource() };
    this.layers = {
      1: this.gridLayer(1),
      2: this.gridLayer(2),
      3: this.gridLayer(3),
    };
    const layers = [];
    const { tiles } = options;
    if (tiles) layers.push(...tileLayers(tiles));
    layers.push(this.layers[1], this.layers[2], this.layers[3]);
    layers.push(
      new VectorLayer({
        source: this.highlightSource,
        style: new Style({ stroke: new Stroke({ color: '#1d4ed8', width: 3.5 }) }),
      }),
      new VectorLayer({ source: this.faultSource, style: (feature) => this.faultStyle(feature) }),
      new VectorLayer({
        source: this.markerSource,
        style: (feature) => this.markerStyle(String(feature.get('color'))),
      }),
    );

    const toWgs = this.toWgs84;
    this.map = new OlMap({
      target: options.target,
      layers,
      controls: defaultControls({ rotate: false, attribution: Boolean(tiles?.attribution) }).extend([
        new ScaleLine(),
        new MousePosition({
          projection: 'EPSG:4326',
          className: 'yw-map-position',
          placeholder: '',
          // Shown in WGS84 whatever the base map's datum (a GCJ-02 point is converted back).
          coordinateFormat: (coordinate) => {
            if (!coordinate) return '';
            const [lon, lat] = toWgs ? toWgs([coordinate[0] ?? 0, coordinate[1] ?? 0]) : coordinate;
            return `${(lon ?? 0).toFixed(5)}, ${(lat ?? 0).toFixed(5)}`;
          },
        }),
      ]),
      view: new View({ center: [13_378_000, 3_750_000], zoom: 10, enableRotation: false, maxZoom: 19 }),
    });

    this.map.on('singleclick', (event) => {
      const code = this.pickAt(event.coordinate);
      if (code) this.options.onPick(code);
    });
    this.map.on('pointermove', (event) => {
      if (event.dragging) return;
      this.options.target.style.cursor = this.pickAt(event.coordinate) !== null ? 'pointer' : '';
    });
    this.map.getView().on('change:resolution', () => this.updateVisibility());
    this.map.on('movestart', () => this.setData('moving', 'true'));
    this.map.on('moveend', () => this.setData('moving', 'false'));
    this.setData('moving', 'false');
    this.setData('loadedFeatures', '0');
  }

  /** Builds the map; with GCJ-02 tiles, first loads the datum conversion (only then). */
  static async create(options: GridMapOptions): Promise<GridMap> {
    if (options.tiles?.crs !== 'GCJ02') return new GridMap(options, null, null);
    const { default: gcoord } = await import('gcoord');
    return new GridMap(
      options,
      (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number],
      (p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as [number, number],
    );
  }

  dispose(): void {
    this.disposed = true;
    this.map.setTarget(undefined);
    this.map.dispose();
  }

  /** Replaces the grids of all levels (called when a level's data arrives or changes). */
  setGrids(index: GridIndex, collections: Record<GridLevel, GridFeatureCollection>): void {
    this.index = index;
    for (const level of LEVELS) {
      const collection = collections[level];
      if (this.loaded.get(level) === collection) continue;
      this.loaded.set(level, collection);
      const source = this.sources[level];
      source.clear(true);
      source.addFeatures(this.readFeatures(collection));
    }
    this.styleCache.clear();
    const count = LEVELS.reduce((sum, level) => sum + this.sources[level].getFeatures().length, 0);
    this.setData('loadedFeatures', String(count));
    this.applyFocus();
  }

  /** Selects a grid (null: the whole scope) and, if asked, zooms to it. */
  setFocus(code: string | null, fit: boolean): void {
    this.focus = code;
    if (fit) this.pendingFit = true;
    this.applyFocus();
  }

  setLocale(locale: Locale): void {
    if (locale === this.locale) return;
    this.locale = locale;
    this.baseLayer?.changed();
    this.restyle();
  }

  /**
   * Draws the offline base layer under the grids (only when no tiles are configured): land,
   * town and community boundaries and names. The names in view are kept on the target
   * (data-base-labels) after each render: a canvas cannot be read back as text.
   */
  setBaseLayer(collection: BaseLayer): void {
    if (this.disposed || this.baseLayer) return;
    const nameOf: NameOf = (place) => (this.locale === 'en-US' && place.nameEn ? place.nameEn : place.name);
    this.baseLayer = createBaseLayer(collection, () => nameOf, { underGridLabels: true });
    this.map.getLayers().insertAt(0, this.baseLayer);
    const layer = this.baseLayer;
    this.map.on('rendercomplete', () => {
      const names = labelsInView(this.map, layer, nameOf);
      this.setData('baseLabels', names.join('|'));
    });
  }

  /** Colours base grids by sizing status (null: off). Grids not listed meet the standard. */
  setSizing(statuses: ReadonlyMap<string, SizingStatus> | null): void {
    this.sizing = statuses;
    this.restyle();
  }

  /** Draws the gaps, overlaps and parts outside of a coverage check (null: none). */
  setCoverage(report: CoverageReport | null): void {
    this.faultSource.clear(true);
    // Markers are cached by fault id, which a new report reuses.
    this.styleCache.clear();
    if (!report) return;
    const pieces: { kind: FaultKind; geometry: unknown; index: number }[] = [
      ...report.gaps.map((p, index) => ({ kind: 'gap' as const, geometry: p.geometry, index })),
      ...report.overlaps.map((p, index) => ({ kind: 'overlap' as const, geometry: p.geometry, index })),
      ...report.outside.map((p, index) => ({ kind: 'outside' as const, geometry: p.geometry, index })),
    ];
    this.faultSource.addFeatures(
      pieces.map((piece) => {
        const feature = new Feature(this.readGeometry(piece.geometry));
        feature.setId(`${piece.kind}-${piece.index}`);
        feature.set('kind', piece.kind);
        return feature;
      }),
    );
  }

  /** Draws points over the grids (null or empty: none); their count is kept on the target (data-markers). */
  setMarkers(markers: readonly MapMarker[] | null): void {
    this.markerSource.clear(true);
    for (const marker of markers ?? []) {
      const feature = new Feature(this.readGeometry({ type: 'Point', coordinates: [marker.lon, marker.lat] }));
      feature.setId(marker.id);
      feature.set('color', marker.color);
      this.markerSource.addFeature(feature);
    }
    this.setData('markers', String(markers?.length ?? 0));
  }

  /** Zooms to one fault of the current coverage report. */
  fitFault(kind: FaultKind, index: number): void {
    const geometry = this.faultSource.getFeatureById(`${kind}-${index}`)?.getGeometry();
    if (geometry) this.fitExtent(geometry.getExtent(), 18);
  }

  /** Zooms to the whole scope or to a grid without changing the selection. */
  fitGrid(code: string | null): void {
    const found = code ? this.sourceOf(code)?.getFeatureById(code)?.getGeometry()?.getExtent() : this.allExtent();
    if (!found) return;
    let extent: Extent = found;
    // A base grid is shown with its neighbours around it.
    if (code && this.index?.children(code).length === 0) extent = bufferExtent(extent, getWidth(extent) * 0.6);
    this.fitExtent(extent, 17);
  }

  /** The pixel of a point inside a grid (for tests that click on the map like a person). */
  pixelOf(code: string): [number, number] | null {
    const point = interiorPoint(this.sourceOf(code)?.getFeatureById(code)?.getGeometry());
    if (!point) return null;
    const pixel = this.map.getPixelFromCoordinate(point);
    return pixel ? [Math.round(pixel[0] ?? 0), Math.round(pixel[1] ?? 0)] : null;
  }

  // --- internals ------------------------------------------------------------------------

  private gridLayer(level: GridLevel): VectorLayer {
    return new VectorLayer({
      source: this.sources[level],
      style: (feature, resolution) => this.gridStyle(feature, level, resolution),
      declutter: 'grids',
      visible: level === 1,
      properties: { level },
    });
  }

  private setData(name: string, value: string): void {
    if (!this.disposed) this.options.target.dataset[name] = value;
  }

  private markerStyle(color: string): Style {
    const key = `marker|${color}`;
    let style = this.styleCache.get(key);
    if (!style) {
      style = new Style({
        image: new CircleStyle({
          radius: 4,
          fill: new Fill({ color }),
          stroke: new Stroke({ color: '#ffffff', width: 1 }),
        }),
      });
      this.styleCache.set(key, style);
    }
    return style;
  }

  private readGeometry(geometry: unknown): Geometry | undefined {
    const read = this.format.readGeometry(geometry, {
      dataProjection: 'EPSG:4326',
      featureProjection: this.toDisplay ? 'EPSG:4326' : 'EPSG:3857',
    });
    return read ? this.toDisplayProjection(read) : undefined;
  }

  private readFeatures(collection: GridFeatureCollection): Feature[] {
    const features = this.format.readFeatures(collection, {
      dataProjection: 'EPSG:4326',
      featureProjection: this.toDisplay ? 'EPSG:4326' : 'EPSG:3857',
    });
    for (const feature of features) {
      const geometry = feature.getGeometry();
      if (geometry) feature.setGeometry(this.toDisplayProjection(geometry));
    }
    return features;
  }

  /** WGS84 lon/lat → GCJ-02 lon/lat → web mercator, when the base tiles are GCJ-02. */
  private toDisplayProjection(geometry: Geometry): Geometry {
    const shift = this.toDisplay;
    if (!shift) return geometry;
    geometry.applyTransform((input, output, dimension = 2) => {
      const out = output ?? input;
      for (let i = 0; i + 1 < input.length; i += dimension) {
        const [lon, lat] = shift([input[i] ?? 0, input[i + 1] ?? 0]);
        out[i] = lon;
        out[i + 1] = lat;
      }
      return out;
    });
    return geometry.transform('EPSG:4326', 'EPSG:3857');
  }

  private sourceOf(code: string): VectorSource | undefined {
    const grid = this.index?.get(code);
    return grid ? this.sources[grid.level] : undefined;
  }

  private allExtent(): Extent | null {
    const extent = emptyExtent();
    for (const level of LEVELS) {
      const source = this.sources[level];
      const sourceExtent = source.getFeatures().length > 0 ? source.getExtent() : null;
      if (sourceExtent) extendExtent(extent, sourceExtent);
    }
    return isEmptyExtent(extent) ? null : extent;
  }

  private fitExtent(extent: Extent, maxZoom: number): void {
    const view = this.map.getView();
    const size = this.map.getSize();
    if (!size || size[0] === 0 || size[1] === 0) {
      // Not laid out yet: fit once the map knows its size.
      this.map.once('change:size', () => this.fitExtent(extent, maxZoom));
      return;
    }
    // A new selection replaces a zoom still under way (two fits would fight).
    view.cancelAnimations();
    // "moving" until the new view has been drawn: tests read pixels only then.
    this.setData('moving', 'true');
    view.fit(extent, {
      size,
      padding: [32, 32, 32, 32],
      duration: this.hasFitted ? 350 : 0,
      maxZoom,
      callback: (complete) => {
        if (!complete) return; // replaced by a newer fit
        this.map.once('postrender', () => this.setData('moving', 'false'));
        this.map.render();
      },
    });
    this.hasFitted = true;
  }

  private applyFocus(): void {
    const index = this.index;
    if (!index) return;
    const grid = index.get(this.focus);
    const focus = grid ? grid.code : null;
    this.activeParent = index.activeParent(focus);
    this.displayLevel = index.displayLevel(focus);
    this.focusAncestors = new Set(focus ? index.ancestors(focus).map((a) => a.code) : []);

    this.highlightSource.clear(true);
    const geometry = focus ? this.sourceOf(focus)?.getFeatureById(focus)?.getGeometry() : undefined;
    if (geometry) this.highlightSource.addFeature(new Feature(geometry));

    this.setData('focus', focus ?? '');
    this.restyle();
    if (this.pendingFit && index.size > 0) {
      this.pendingFit = false;
      this.fitGrid(focus);
    }
  }

  private restyle(): void {
    this.styleCache.clear();
    for (const level of LEVELS) this.layers[level].changed();
    this.updateVisibility();
  }

  private updateVisibility(): void {
    const resolution = this.map.getView().getResolution() ?? Number.POSITIVE_INFINITY;
    for (const level of LEVELS) {
      // With sizing on, every base grid is drawn in its status colour (the whole county at once).
      const sizing = level === 3 && this.sizing !== null;
      this.layers[level].setVisible(sizing || level <= this.displayLevel || resolution <= SHOW_AT_RESOLUTION[level]);
    }
  }

  /**
   * The grid a click at `coordinate` means: at the level being browsed (or deeper when
   * zoomed in far enough to see it), falling back to shallower levels.
   */
  private pickAt(coordinate: Coordinate): string | null {
    if (!this.index) return null;
    const resolution = this.map.getView().getResolution() ?? Number.POSITIVE_INFINITY;
    let target = this.displayLevel;
    for (const level of LEVELS) if (level > target && resolution <= LABEL_AT_RESOLUTION[level]) target = level;
    for (let level = target; level >= 1; level--) {
      const hit = this.sources[level as GridLevel].getFeaturesAtCoordinate(coordinate)[0];
      const code = hit?.getId();
      if (typeof code === 'string') return code;
    }
    return null;
  }

  private stateOf(grid: GridProperties): GridState {
    if (grid.code === this.focus) return 'focus';
    if (this.focusAncestors.has(grid.code)) return 'ancestor';
    return this.index?.parentCodeOf(grid) === this.activeParent ? 'active' : 'context';
  }

  private gridStyle(feature: FeatureLike, level: GridLevel, resolution: number): Style | undefined {
    const code = feature.getId();
    const grid = typeof code === 'string' ? this.index?.get(code) : undefined;
    if (!grid) return undefined;
    const state = this.stateOf(grid);
    const status = level === 3 && this.sizing ? (this.sizing.get(grid.code) ?? 'ok') : null;
    const labelled =
      state === 'active' ||
      (state === 'context' && (level === 1 || resolution <= LABEL_AT_RESOLUTION[level])) ||
      (state === 'focus' && this.index?.children(grid.code).length === 0);
    const key = labelled ? `${grid.code}|${state}|${status}` : `${level}|${state}|${status}`;
    let style = this.styleCache.get(key);
    if (!style) {
      style = this.buildGridStyle(grid, state, status, labelled);
      this.styleCache.set(key, style);
    }
    return style;
  }

  private buildGridStyle(
    grid: GridProperties,
    state: GridState,
    status: SizingStatus | 'ok' | null,
    labelled: boolean,
  ): Style {
    const rgb = LEVEL_COLORS[grid.level];
    let fill: string | null = null;
    let stroke: Stroke;
    switch (state) {
      case 'focus':
        stroke = new Stroke({ color: '#1d4ed8', width: 3 });
        if (grid.level === 3 || this.index?.children(grid.code).length === 0) fill = 'rgba(29, 78, 216, 0.28)';
        break;
      case 'ancestor':
        stroke = new Stroke({ color: '#334155', width: 2 });
        break;
      case 'active':
        stroke = new Stroke({ color: `rgb(${rgb})`, width: grid.level === 3 ? 1 : 1.5 });
        fill = `rgba(${rgb}, 0.12)`;
        break;
      default:
        stroke = new Stroke({ color: 'rgba(100, 116, 139, 0.7)', width: grid.level === 1 ? 1.25 : 0.75 });
    }
    if (status && state !== 'focus') fill = SIZING_FILL[status];
    const text = labelled
      ? new Text({
          text: this.labelOf(grid, state),
          font: FONTS[grid.level],
          fill: new Fill({ color: state === 'context' ? '#475569' : '#0f172a' }),
          stroke: new Stroke({ color: 'rgba(255, 255, 255, 0.9)', width: 3 }),
          overflow: grid.level === 1,
        })
      : undefined;
    return new Style({ stroke, ...(fill ? { fill: new Fill({ color: fill }) } : {}), ...(text ? { text } : {}) });
  }

  /** Base grids inside the community being browsed are labelled without its name ("第1网格"). */
  private labelOf(grid: GridProperties, state: GridState): string {
    const name = this.locale === 'en-US' && grid.nameEn ? grid.nameEn : grid.name;
    const parent = this.index?.get(grid.parentCode);
    if (grid.level !== 3 || !parent || state === 'context') return name;
    const parentName = this.locale === 'en-US' && parent.nameEn ? parent.nameEn : parent.name;
    return name.startsWith(parentName) && name.length > parentName.length ? name.slice(parentName.length).trim() : name;
  }

  private faultStyle(feature: FeatureLike): Style[] {
    const kind = feature.get('kind') as FaultKind;
    const id = String(feature.getId());
    let fill = this.styleCache.get(`fault|${kind}`);
    if (!fill) {
      const rgb = FAULT_COLORS[kind];
      fill = new Style({
        stroke: new Stroke({ color: `rgb(${rgb})`, width: 2 }),
        fill: new Fill({ color: `rgba(${rgb}, 0.55)` }),
      });
      this.styleCache.set(`fault|${kind}`, fill);
    }
    // A marker inside the fault, so that a sliver is visible at any zoom.
    let marker = this.styleCache.get(`fault-marker|${id}`);
    const point = marker ? null : interiorPoint(feature.getGeometry() as Geometry | undefined);
    if (!marker && point) {
      marker = new Style({
        geometry: new Point(point),
        image: new CircleStyle({
          radius: 7,
          fill: new Fill({ color: `rgb(${FAULT_COLORS[kind]})` }),
          stroke: new Stroke({ color: '#fff', width: 2 }),
        }),
      });
      this.styleCache.set(`fault-marker|${id}`, marker);
    }
    return marker ? [fill, marker] : [fill];
  }
}
