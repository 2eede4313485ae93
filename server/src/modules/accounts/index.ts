/** The accounts module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export * from './accounts.lookups.js';
export type { NewUser, UserRow } from './accounts.repository.js';
export * from './authenticate.js';
export * from './authorize.js';
export {
  addDemoAccounts,
  DEMO_OPEN311_API_KEY,
  DEMO_PASSWORD,
  type DemoLogin,
  demoLogins,
} from './load-demo-accounts.js';
export * from './passwords.js';
export * from './permissions.js';
export * from './resident-accounts.js';
export * from './session-cookie.js';
export * from './use-cases/describe-session.js';
export * from './use-cases/find-user.js';
export * from './use-cases/log-in.js';
export * from './use-cases/sign-in.js';
