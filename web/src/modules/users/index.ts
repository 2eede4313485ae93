/** The users module's face: what other desk modules use. Its DeskModule is in users-module.tsx. */
export { RoleSelect } from './role-select';
