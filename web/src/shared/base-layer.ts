// OpenLayers code: import this only from lazily loaded map screens (it pulls `ol` in).
import type { BaseLayer, MapConfig } from '@yiwang/contracts';
import { intersects } from 'ol/extent';
import type { FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import type OlMap from 'ol/Map';
import VectorSource from 'ol/source/Vector';
import XYZ from 'ol/source/XYZ';
import Fill from 'ol/style/Fill';
import Stroke from 'ol/style/Stroke';
import Style from 'ol/style/Style';
import Text from 'ol/style/Text';

type Kind = BaseLayer['features'][number]['properties']['kind'];
type Tiles = NonNullable<MapConfig['tiles']>;
/** A place's name in the reader's language. */
export type NameOf = (place: { name: string; nameEn: string }) => string;

/** Town names are shown while the map is wide, community names once it is close (m/px, web mercator). */
const TOWN_LABEL_ABOVE = 12;
const COMMUNITY_OUTLINE_BELOW = 60;
const COMMUNITY_LABEL_BELOW = 25;

/** Whether a place of this kind is named at this resolution: the one rule for drawing and for labelsInView. */
function isLabelled(kind: Kind, resolution: number): boolean {
  if (kind === 'town') return resolution > TOWN_LABEL_ABOVE;
  if (kind === 'community') return resolution < COMMUNITY_LABEL_BELOW;
  return false;
}

const LAND = new Style({
  fill: new Fill({ color: '#f4f1ea' }),
  stroke: new Stroke({ color: '#78716c', width: 2 }),
  zIndex: 0,
});
const TOWN_LINE = new Stroke({ color: 'rgba(87, 83, 78, 0.75)', width: 1.4, lineDash: [8, 4] });
const COMMUNITY_LINE = new Stroke({ color: 'rgba(120, 113, 108, 0.45)', width: 1, lineDash: [3, 3] });

function label(text: string, kind: Kind, offsetY: number): Text {
  return new Text({
    text,
    offsetY,
    font: kind === 'town' ? '600 15px system-ui, sans-serif' : '12px system-ui, sans-serif',
    fill: new Fill({ color: kind === 'town' ? '#44403c' : '#57534e' }),
    stroke: new Stroke({ color: '#fff', width: 3 }),
    overflow: true,
  });
}

const placeOf = (feature: FeatureLike) =>
  feature.getProperties() as { kind: Kind; name: string; nameEn: string; code: string };

/**
 * The offline base layer (GET /api/map/base-layer) as a vector layer: the county as land,
 * town and community boundaries, and their names by zoom (decluttered), so a map without
 * tiles is not blank around the grids and needs no outside request. WGS84 in, web mercator out.
 */
export function createBaseLayer(
  collection: BaseLayer,
  nameOf: () => NameOf,
  options: { underGridLabels?: boolean } = {},
): VectorLayer {
  // On the desk a town's or community's grid is labelled at the same point: the official name goes below it.
  const offsetY = options.underGridLabels ? 17 : 0;
  const source = new VectorSource({
    features: new GeoJSON().readFeatures(collection, { featureProjection: 'EPSG:3857' }),
  });
  const cache = new Map<string, Style>();
  return new VectorLayer({
    source,
    declutter: true,
    // Under the grids and the pin, over nothing: it is the base map.
    zIndex: -1,
    properties: { name: 'base-layer' },
    style: (feature, resolution) => {
      const place = placeOf(feature);
      if (place.kind === 'county') return LAND;
      if (place.kind === 'community' && resolution >= COMMUNITY_OUTLINE_BELOW) return undefined;
      const text = isLabelled(place.kind, resolution) ? nameOf()(place) : '';
      const key = `${place.kind}|${text}`;
      let style = cache.get(key);
      if (!style) {
        style = new Style({
          stroke: place.kind === 'town' ? TOWN_LINE : COMMUNITY_LINE,
          ...(text ? { text: label(text, place.kind, offsetY) } : {}),
          zIndex: place.kind === 'town' ? 2 : 1,
        });
        cache.set(key, style);
      }
      return style;
    },
  });
}

/**
 * The names the base layer shows in the current view, by the same rule the style uses (a
 * canvas cannot be read back as text, so this is what tests read).
 */
export function labelsInView(map: OlMap, layer: VectorLayer, nameOf: NameOf): string[] {
  const view = map.getView();
  const resolution = view.getResolution();
  const size = map.getSize();
  if (resolution === undefined || !size) return [];
  const extent = view.calculateExtent(size);
  const names: string[] = [];
  for (const feature of (layer.getSource() as VectorSource).getFeatures()) {
    const place = placeOf(feature);
    const geometry = feature.getGeometry();
    if (!geometry || !isLabelled(place.kind, resolution) || !intersects(geometry.getExtent(), extent)) continue;
    names.push(nameOf(place));
  }
  return names.sort();
}

/** Tianditu-style WMTS templates ({TileMatrix}/{TileCol}/{TileRow}) on the web-mercator matrix set are XYZ. */
export function xyzTemplate(kind: Tiles['kind'], url: string): string {
  if (kind === 'xyz') return url;
  return url
    .replace(/\{TileMatrix\}/gi, '{z}')
    .replace(/\{TileCol\}/gi, '{x}')
    .replace(/\{TileRow\}/gi, '{y}');
}

/** The configured base tiles and, over them, their label layer (Tianditu's cva), if any. */
export function tileLayers(tiles: Tiles): TileLayer[] {
  const layer = (url: string, attribution: string) =>
    new TileLayer({
      source: new XYZ({
        url: xyzTemplate(tiles.kind, url),
        maxZoom: tiles.maxZoom,
        ...(attribution ? { attributions: attribution } : {}),
      }),
    });
  return [layer(tiles.url, tiles.attribution), ...(tiles.labelsUrl ? [layer(tiles.labelsUrl, '')] : [])];
}
