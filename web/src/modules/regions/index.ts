/** The regions module's face: what other desk modules use. Its DeskModule is in regions-module.tsx. */
export { RegionSelect } from './region-select';
