/** The staffing module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './current-holder.js';
export * from './post-lookups.js';
export * from './staffing.lookups.js';
export * from './use-cases/assign-post.js';
export * from './use-cases/list-posts.js';
