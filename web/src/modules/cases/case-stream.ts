import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

export interface CaseStreamEvent {
  caseCode: string;
  type: string;
  toState: string;
  at: string;
}

/** One EventSource for the whole tab, shared by the case pages that are open. */
let source: EventSource | null = null;
let users = 0;
const listeners = new Set<(connected: boolean) => void>();
/** Pages outside the cases module that follow the stream too (the leader's workbench). */
const eventListeners = new Set<(event: CaseStreamEvent) => void>();
let connected = false;

function setConnected(value: boolean) {
  connected = value;
  for (const listener of listeners) listener(value);
}

function refresh(queryClient: QueryClient, event: CaseStreamEvent) {
  void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
  void queryClient.invalidateQueries({ queryKey: ['cases', 'supervision'] });
  void queryClient.invalidateQueries({ queryKey: ['cases', 'detail', event.caseCode] });
  void queryClient.invalidateQueries({ queryKey: ['cases', 'routing', event.caseCode] });
  for (const listener of eventListeners) listener(event);
}

/**
 * Subscribes to /api/cases/stream while a case page is open: every new timeline event in
 * the caller's scope refreshes the lists and that case. EventSource reconnects by itself
 * and sends Last-Event-ID, so nothing is missed across a short drop. `onEvent`, if given, hears
 * every event too (a page whose numbers are not the cases' queries). Returns whether the
 * stream is connected.
 */
export function useCaseStream(onEvent?: (event: CaseStreamEvent) => void): boolean {
  const queryClient = useQueryClient();
  const [isConnected, setIsConnected] = useState(connected);
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    const listener = (event: CaseStreamEvent) => latest.current?.(event);
    eventListeners.add(listener);
    return () => void eventListeners.delete(listener);
  }, []);
  useEffect(() => {
    users += 1;
    listeners.add(setIsConnected);
    if (!source && typeof EventSource !== 'undefined') {
      source = new EventSource('/api/cases/stream');
      source.onopen = () => setConnected(true);
      source.onerror = () => setConnected(false);
      source.addEventListener('case', (message) => {
        try {
          refresh(queryClient, JSON.parse((message as MessageEvent<string>).data) as CaseStreamEvent);
        } catch {
          // A malformed event only means one refresh less.
        }
      });
    }
    return () => {
      users -= 1;
      listeners.delete(setIsConnected);
      if (users === 0 && source) {
        source.close();
        source = null;
        setConnected(false);
      }
    };
  }, [queryClient]);
  return isConnected;
}
