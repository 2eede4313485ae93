// OpenLayers code: imported only by the lazily loaded workbench map (and the desk-size bench).
import type { TimeState } from '@yiwang/contracts';
import Layer from 'ol/layer/Layer';
import type { FrameState } from 'ol/Map';
import { fromEPSG4326 } from 'ol/proj/epsg3857';

/** Colours of a case's time state: the same green, yellow, red as the lists' tags. */
export const TIME_COLORS: Readonly<Record<TimeState, string>> = {
  normal: '#16a34a',
  warning: '#f59e0b',
  overdue: '#dc2626',
};
/** Drawing order: red last, so an overdue case is never hidden under a green one. */
const DRAW_ORDER: readonly TimeState[] = ['normal', 'warning', 'overdue'];
const RADIUS = 5;

export interface MapPoint {
  lon: number;
  lat: number;
  timeState: TimeState;
}

/**
 * Every open case as a dot, drawn straight onto one canvas: one stamp of a pre-drawn dot per
 * case and frame, at every zoom. OpenLayers' vector layer spends most of a frame on 20 000
 * features (an R-tree, a style call and a replay instruction each); WebGL points would be faster
 * still but build their buffers in a worker made from a blob, which the desk's CSP
 * (script-src 'self', no worker-src) refuses. The dots carry no hit detection: the map shows
 * where, the lists behind the numbers say which.
 */
export class CasePointsLayer extends Layer {
  /** EPSG:3857 x, y per point, grouped by time state in DRAW_ORDER. */
  private coordinates = new Float64Array(0);
  /** Where each time state's group ends in `coordinates` (in points). */
  private groupEnds: number[] = DRAW_ORDER.map(() => 0);
  private readonly canvas: HTMLCanvasElement;
  private stamps: { ratio: number; images: HTMLCanvasElement[] } | null = null;
  /** What the canvas shows (points' revision, view transform, size): a frame that changes none of it draws nothing. */
  private drawn = '';

  constructor() {
    super({});
    this.canvas = document.createElement('canvas');
    this.canvas.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%';
  }

  /** How many points are drawn. */
  get size(): number {
    return this.coordinates.length / 2;
  }

  setPoints(points: readonly MapPoint[]): void {
    const lonLat: number[] = [];
    const ends: number[] = [];
    for (const state of DRAW_ORDER) {
      for (const p of points) if (p.timeState === state) lonLat.push(p.lon, p.lat);
      ends.push(lonLat.length / 2);
    }
    this.coordinates = Float64Array.from(fromEPSG4326(lonLat, lonLat, 2));
    this.groupEnds = ends;
    this.changed();
  }

  /** The points' extent in EPSG:3857, or null without points. */
  pointsExtent(): [number, number, number, number] | null {
    const c = this.coordinates;
    if (c.length === 0) return null;
    const extent: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < c.length; i += 2) {
      const x = c[i] as number;
      const y = c[i + 1] as number;
      if (x < extent[0]) extent[0] = x;
      if (y < extent[1]) extent[1] = y;
      if (x > extent[2]) extent[2] = x;
      if (y > extent[3]) extent[3] = y;
    }
    return extent;
  }

  override render(frameState: FrameState | null): HTMLElement {
    const canvas = this.canvas;
    if (!frameState) return canvas;
    const ratio = frameState.pixelRatio;
    const [cssWidth = 0, cssHeight = 0] = frameState.size;
    const width = Math.round(cssWidth * ratio);
    const height = Math.round(cssHeight * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const transform = frameState.coordinateToPixelTransform;
    const key = `${this.getRevision()}|${width}x${height}|${transform.join(',')}`;
    const context = canvas.getContext('2d');
    if (!context || key === this.drawn) return canvas;
    this.drawn = key;
    context.clearRect(0, 0, width, height);
    const [a, b, c, d, e, f] = transform as [number, number, number, number, number, number];
    const images = this.stampsFor(ratio);
    const half = (images[0]?.width ?? 0) / 2;
    const coordinates = this.coordinates;
    let start = 0;
    DRAW_ORDER.forEach((_, group) => {
      const image = images[group] as HTMLCanvasElement;
      const end = this.groupEnds[group] as number;
      for (let i = start; i < end; i++) {
        const x = coordinates[2 * i] as number;
        const y = coordinates[2 * i + 1] as number;
        // Whole pixels: a software canvas (headless, or a desk PC without GPU) stamps them several times faster.
        const px = Math.round((a * x + c * y + e) * ratio - half);
        const py = Math.round((b * x + d * y + f) * ratio - half);
        if (px > -2 * half && py > -2 * half && px < width && py < height) context.drawImage(image, px, py);
      }
      start = end;
    });
    return canvas;
  }

  /** One pre-drawn dot per time state (fill and a white ring) at the screen's pixel ratio. */
  private stampsFor(ratio: number): HTMLCanvasElement[] {
    if (this.stamps?.ratio === ratio) return this.stamps.images;
    const size = Math.ceil((RADIUS + 1) * 2 * ratio);
    const images = DRAW_ORDER.map((state) => {
      const image = document.createElement('canvas');
      image.width = size;
      image.height = size;
      const context = image.getContext('2d');
      if (context) {
        context.beginPath();
        context.arc(size / 2, size / 2, RADIUS * ratio, 0, 2 * Math.PI);
        context.fillStyle = TIME_COLORS[state];
        context.fill();
        context.lineWidth = ratio;
        context.strokeStyle = '#fff';
        context.stroke();
      }
      return image;
    });
    this.stamps = { ratio, images };
    return images;
  }
}
