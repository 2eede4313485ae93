// The workbench map alone, bundled by bench/desk-size.bench.ts for a blank Chromium page.
import { OpsMap, type PointRenderer } from '../../web/src/modules/cases/ops-map';

type Points = Parameters<OpsMap['setCases']>[0];
type Grids = Parameters<OpsMap['setGrids']>[0];

/** Builds the map in a fresh 1280×800 box and answers the ms until its first rendercomplete. */
(globalThis as unknown as Record<string, unknown>).paintMap = async (
  grids: Grids,
  points: Points,
  renderer: PointRenderer,
): Promise<number> => {
  const doc = (
    globalThis as unknown as {
      document: { createElement(t: string): unknown; body: { appendChild(n: unknown): void; replaceChildren(): void } };
    }
  ).document;
  doc.body.replaceChildren();
  const box = doc.createElement('div') as { style: { cssText: string } };
  box.style.cssText = 'width:1280px;height:800px';
  doc.body.appendChild(box);
  const started = performance.now();
  const map = new OpsMap(box as unknown as HTMLElement, renderer);
  const done = map.rendered();
  map.setGrids(grids);
  map.setCases(points);
  await done;
  return performance.now() - started;
};
