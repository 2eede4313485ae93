/**
 * The auth module's face: what other desk modules use (the signed-in session, the desk's loading
 * state). Its DeskModule is in auth-module.ts, which modules/index.ts lists.
 */
export { FullPageSpin } from './require-session';
export { rememberSession, useLogout, useSignedIn } from './session';
