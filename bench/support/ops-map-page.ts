// The workbench map alone, bundled by bench/desk-size.bench.ts for a blank Chromium page.
import type { TimeState } from '@yiwang/contracts';
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
import { TIME_COLORS } from '../../web/src/modules/cases/case-points-layer';
import { OpsMap } from '../../web/src/modules/cases/ops-map';

type Points = Parameters<OpsMap['setCases']>[0];
type Grids = NonNullable<Parameters<OpsMap['setGrids']>[0]>;

interface Box {
  style: { cssText: string };
}
const doc = (
  globalThis as unknown as {
    document: { createElement(t: string): unknown; body: { appendChild(n: unknown): void; replaceChildren(): void } };
  }
).document;

/** A fresh 1280×800 box on an empty page. */
function freshBox(): HTMLElement {
  doc.body.replaceChildren();
  const box = doc.createElement('div') as Box;
  box.style.cssText = 'width:1280px;height:800px';
  doc.body.appendChild(box);
  return box as unknown as HTMLElement;
}

/** The desk's map (OpsMap): builds it and answers the ms until its first rendercomplete. */
async function paintMap(grids: Grids, points: Points): Promise<number> {
  const box = freshBox();
  const started = performance.now();
  const map = new OpsMap(box);
  const done = map.rendered();
  map.setGrids(grids);
  map.setCases(points);
  await done;
  const elapsed = performance.now() - started;
  map.dispose();
  return elapsed;
}

/**
 * For comparison, the points drawn the way the workbench drew them before: one OpenLayers
 * feature per case in a vector layer, with three shared circle styles.
 */
async function paintFeatureMap(grids: Grids, points: Points): Promise<number> {
  const box = freshBox();
  const started = performance.now();
  const styles = Object.fromEntries(
    (Object.keys(TIME_COLORS) as TimeState[]).map((state) => [
      state,
      new Style({
        image: new CircleStyle({
          radius: 5,
          fill: new Fill({ color: TIME_COLORS[state] }),
          stroke: new Stroke({ color: '#fff', width: 1 }),
        }),
      }),
    ]),
  );
  const gridSource = new VectorSource({
    features: new GeoJSON().readFeatures(grids, { featureProjection: 'EPSG:3857' }),
  });
  const pointSource = new VectorSource({
    features: points.map((p) => {
      const feature = new Feature(new Point(fromLonLat([p.lon, p.lat])));
      feature.set('t', p.timeState);
      return feature;
    }),
  });
  const map = new OlMap({
    target: box,
    layers: [
      new VectorLayer({
        source: gridSource,
        style: new Style({ stroke: new Stroke({ color: 'rgba(13, 148, 136, 0.55)', width: 1 }) }),
      }),
      new VectorLayer({ source: pointSource, style: (f) => styles[f.get('t') as TimeState] }),
    ],
    view: new View({ center: fromLonLat([120.28, 31.86]), zoom: 11 }),
  });
  map.getView().fit(gridSource.getExtent() ?? [0, 0, 1, 1], { padding: [16, 16, 16, 16], maxZoom: 16 });
  await new Promise<void>((resolve) => map.once('rendercomplete', () => resolve()));
  const elapsed = performance.now() - started;
  map.setTarget(undefined);
  map.dispose();
  return elapsed;
}

Object.assign(globalThis, { paintMap, paintFeatureMap });
