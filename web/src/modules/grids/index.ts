/**
 * The grids module's face: what other desk modules use. Only their lazy pages import it, so it
 * weighs nothing on the initial bundle; OpenLayers stays out of it (grid-map.ts is the map pages').
 * Its DeskModule is in grids-module.tsx.
 */
export { GridSearchBox, GridSelect } from './grid-search';
export { type GridFeatureCollection, useGridDetail, useGridGeoJson, useMapConfig } from './grids-api';
