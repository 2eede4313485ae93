/** The accounts module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */

export * from './accounts.lookups.js';
export * from './authenticate.js';
export * from './authorize.js';
export * from './passwords.js';
export * from './permissions.js';
export * from './session-cookie.js';
export * from './use-cases/describe-session.js';
export * from './use-cases/find-user.js';
export * from './use-cases/log-in.js';
export * from './use-cases/sign-in.js';
