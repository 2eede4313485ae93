import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LivePositionList, PatrolTrackList, WorkerActivityList } from '@yiwang/contracts';
import { api } from '../../lib/api';

/** Where the page looks: a grid (any level), a region, or (neither) the caller's whole scope. */
export interface PatrolArea {
  gridCode?: string | undefined;
  regionCode?: string | undefined;
}

/** Live positions are refetched this often while the page shows today. */
export const LIVE_REFRESH_MS = 15_000;

/** Today in China (UTC+08:00), whatever the browser's time zone: the server's days are China days. */

export const usePatrolTracks = (date: string, area: PatrolArea) =>
  useQuery({
    queryKey: ['patrols', 'tracks', date, area.gridCode ?? null, area.regionCode ?? null],
    queryFn: ({ signal }) => api.get<PatrolTrackList>('/patrols/tracks', { date, ...area }, { signal }),
    placeholderData: keepPreviousData,
    // Tracks are audited per view: no refetch on focus.
    refetchOnWindowFocus: false,
  });

export const useLivePositions = (area: PatrolArea, enabled: boolean) =>
  useQuery({
    queryKey: ['patrols', 'live', area.gridCode ?? null, area.regionCode ?? null],
    queryFn: ({ signal }) => api.get<LivePositionList>('/patrols/live', { ...area }, { signal }),
    enabled,
    refetchInterval: LIVE_REFRESH_MS,
    refetchOnWindowFocus: false,
  });

export const useWorkerActivity = (date: string, area: PatrolArea) =>
  useQuery({
    queryKey: ['patrols', 'activity', date, area.gridCode ?? null, area.regionCode ?? null],
    queryFn: ({ signal }) => api.get<WorkerActivityList>('/field/activity', { date, ...area }, { signal }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: false,
  });
