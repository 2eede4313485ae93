/** The photos module's public face: what other modules may use (docs/ARCHITECTURE.md, "A module"). */
export * from './photo-storage.js';
export { photoStorageFor } from './photo-storage-for.js';
export * from './use-cases/attach-photos-to-case.js';
export * from './use-cases/read-photo.js';
