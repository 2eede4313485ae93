/**
 * The registry module's face: what other desk modules use (the community workstation's
 * workbench shows its grids' data quality). Its DeskModule is in registry-module.tsx.
 */
export { RegistryQualityPanel } from './quality-panel';
