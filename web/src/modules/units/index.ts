/** The units module's face: what other desk modules use. Its DeskModule is in units-module.tsx. */
export { UnitSelect } from './unit-select';
export { useUnits } from './units-api';
