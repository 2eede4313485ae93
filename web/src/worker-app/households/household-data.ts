import type { HouseholdList, HouseholdPage } from '@yiwang/contracts';
import { readCache, writeCache } from '../shell/device-db';
import { getJson, HttpError } from '../shell/http';

/**
 * The households of my grids and each household's page, read from the server when it answers
 * and kept on the phone, so a worker who opened them online can visit offline (the visit
 * itself goes through the outbox).
 */
export interface Cached<T> {
  value: T | null;
  /** From the phone's copy because the server could not be reached. */
  stale: boolean;
  error: HttpError | null;
}

async function cachedRead<T>(key: string, path: string, query?: Record<string, string>): Promise<Cached<T>> {
  try {
    const value = await getJson<T>(path, query);
    await writeCache(key, value);
    return { value, stale: false, error: null };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const cached = await readCache<T>(key);
    return { value: cached?.value ?? null, stale: cached !== undefined, error };
  }
}

export const loadHouseholds = (userId: string) =>
  cachedRead<HouseholdList>(`households:${userId}`, '/registry/households');

export const loadHousehold = (userId: string, id: string) =>
  cachedRead<HouseholdPage>(`household:${userId}:${id}`, `/registry/households/${id}`);

/** The phone's copy of a household page, at once (the server's follows). */
export const cachedHousehold = async (userId: string, id: string) =>
  (await readCache<HouseholdPage>(`household:${userId}:${id}`))?.value ?? null;
