import { useQuery } from '@tanstack/react-query';
import type { LivePositionList } from '@yiwang/contracts';
import 'ol/ol.css';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';
import { useGridGeoJson } from '../grids';
import { useCasePoints } from './cases-api';
import { OpsMap } from './ops-map';

/** Live positions are asked again this often (each view is audited by the server as patrol.view-live). */
const PATROL_REFRESH_MS = 30_000;

/**
 * The workbench's map (lazy: OpenLayers loads with it): base grids in scope, the open cases
 * coloured by time state, refreshed by the case stream, and the workers on patrol now.
 */
export default function WorkbenchMap({ showPatrols }: { showPatrols: boolean }) {
  const target = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<OpsMap | null>(null);
  const grids = useGridGeoJson(3);
  const points = useCasePoints(true);
  const patrols = useQuery({
    queryKey: ['patrols', 'live', 'workbench'],
    queryFn: ({ signal }) => api.get<LivePositionList>('/patrols/live', undefined, { signal }),
    enabled: showPatrols,
    refetchInterval: PATROL_REFRESH_MS,
    refetchOnWindowFocus: false,
  });

  useEffect(() => {
    if (!target.current) return;
    const created = new OpsMap(target.current);
    setMap(created);
    return () => created.dispose();
  }, []);
  useEffect(() => map?.setGrids(grids.data), [map, grids.data]);
  useEffect(() => map?.setCases(points.data?.items ?? []), [map, points.data]);
  useEffect(() => map?.setPatrols(patrols.data?.items ?? []), [map, patrols.data]);

  return <div ref={target} className="yw-workbench-map" data-testid="workbench-map" style={{ height: 420 }} />;
}
