export * from './audit.js';
export * from './auth.js';
export * from './common.js';
export * from './grids.js';
export * from './photos.js';
export * from './regions.js';
export * from './roles.js';
export * from './users.js';
