import type { MapConfig } from '@yiwang/contracts';

type Tiles = NonNullable<MapConfig['tiles']>;

/** Tianditu-style WMTS templates ({TileMatrix}/{TileCol}/{TileRow}) on the web-mercator matrix set are XYZ. */
export function xyzTemplate(tiles: Tiles): string {
  if (tiles.kind === 'xyz') return tiles.url;
  return tiles.url
    .replace(/\{TileMatrix\}/gi, '{z}')
    .replace(/\{TileCol\}/gi, '{x}')
    .replace(/\{TileRow\}/gi, '{y}');
}
