/** What a deployment may tune about photos; read once when the module's routes are registered. */
export interface PhotoSettings {
  /** Largest upload accepted, in bytes (YIWANG_PHOTO_MAX_BYTES, default 10 MB). */
  maxBytes: number;
}

export const DEFAULT_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

export function photoSettingsFrom(env: NodeJS.ProcessEnv): PhotoSettings {
  const raw = env.YIWANG_PHOTO_MAX_BYTES;
  if (raw === undefined || raw === '') return { maxBytes: DEFAULT_PHOTO_MAX_BYTES };
  const maxBytes = Number(raw);
  if (!Number.isInteger(maxBytes) || maxBytes < 1024) {
    throw new Error(`YIWANG_PHOTO_MAX_BYTES must be an integer of at least 1024, got "${raw}"`);
  }
  return { maxBytes };
}

/** For the message: 10485760 → 10, 1572864 → 1.5. */
export const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
