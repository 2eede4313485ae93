/**
 * The registry module's face: what other desk modules use (the community workstation's
 * workbench shows its grids' data quality; the case page its links to the registry). Its
 * DeskModule is in registry-module.tsx.
 */
export { CaseRegistryLinks } from './case-links-panel';
export { RegistryQualityPanel } from './quality-panel';
