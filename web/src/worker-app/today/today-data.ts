import type { FieldToday, MatterList } from '@yiwang/contracts';
import { type MatterChoice, toChoice } from '../report/matter-search';
import { readCache, writeCache } from '../shell/device-db';
import { getJson, HttpError } from '../shell/http';
import { createStore } from '../shell/store';

export interface TodayState {
  data: FieldToday | null;
  /** When `data` came from the server (it may be the phone's copy from then). */
  savedAt: number | null;
  /** From the phone's copy because the server could not be reached. */
  stale: boolean;
  error: HttpError | null;
}

export const todayStore = createStore<TodayState>({ data: null, savedAt: null, stale: false, error: null });
/** The matter catalog, as kept on the phone for offline reports (null until first downloaded). */
export const catalogStore = createStore<MatterChoice[] | null>(null);

const todayKey = (userId: string) => `today:${userId}`;

/** Today's tasks: the phone's copy at once, then the server's when it answers. */
export async function loadToday(userId: string): Promise<void> {
  const cached = await readCache<FieldToday>(todayKey(userId));
  if (cached && !todayStore.get().data) {
    todayStore.set({ data: cached.value, savedAt: cached.savedAt, stale: true, error: null });
  }
  try {
    const data = await getJson<FieldToday>('/field/today');
    await writeCache(todayKey(userId), data);
    todayStore.set({ data, savedAt: Date.now(), stale: false, error: null });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    todayStore.set((s) => ({ ...s, stale: s.data !== null, error }));
  }
}

export function forgetToday(): void {
  todayStore.set({ data: null, savedAt: null, stale: false, error: null });
}

/** The catalog for the picker; downloaded when online, otherwise the phone's copy. */
export async function loadCatalog(): Promise<void> {
  const cached = await readCache<MatterChoice[]>('catalog');
  if (cached && !catalogStore.get()) catalogStore.set(cached.value);
  try {
    const list = await getJson<MatterList>('/catalog/matters');
    const choices = list.items.map(toChoice);
    await writeCache('catalog', choices);
    catalogStore.set(choices);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
  }
}
