import type { BigScreen, BigScreenGrids, Locale } from '@yiwang/contracts';
import { useEffect, useState } from 'react';
import { sendHttp } from '../shared/http';
import { openChangeStream } from './change-stream';

/** After a change, wait this long for more before re-reading (a burst of events is one re-read). */
const DEBOUNCE_MS = 300;
/** Re-read at most this often, however busy the scope: a change shows within ~2 s. */
const MIN_INTERVAL_MS = 1500;
/** Re-read this often anyway: patrol positions age and today rolls over without an event. */
const PERIODIC_MS = 60_000;

export type ScreenProblem = 'unauthenticated' | 'forbidden' | 'other';

export interface ScreenState {
  data: BigScreen | null;
  grids: BigScreenGrids | null;
  problem: ScreenProblem | null;
  status: 'live' | 'reconnecting';
  updatedAt: Date | null;
}

const problemOf = (status: number): ScreenProblem =>
  status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'other';

/**
 * The screen's data: the aggregate, read at start and again shortly after each change the
 * stream reports (debounced, at most every 1.5 s), the grid outlines once. Only the latest
 * answer is kept, so memory does not grow however long the wall runs; everything started
 * here (stream, timers, requests) stops when the screen unmounts.
 */
export function useScreenData(headers: Record<string, string>, locale: Locale): ScreenState {
  const [state, setState] = useState<ScreenState>({
    data: null,
    grids: null,
    problem: null,
    status: 'live',
    updatedAt: null,
  });

  useEffect(() => {
    const controller = new AbortController();
    const context = { csrfToken: null, locale };
    let disposed = false;
    let inFlight = false;
    let again = false;
    let lastRead = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const read = async () => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      lastRead = Date.now();
      try {
        const answer = await sendHttp<BigScreen>(context, 'GET', '/big-screen', { headers, signal: controller.signal });
        if (disposed) return;
        if (answer.ok) setState((s) => ({ ...s, data: answer.body, problem: null, updatedAt: new Date() }));
        else setState((s) => ({ ...s, problem: problemOf(answer.status) }));
      } catch {
        // Aborted: the screen is closing.
      } finally {
        inFlight = false;
        if (again && !disposed) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      if (timer || disposed) return;
      const wait = Math.max(DEBOUNCE_MS, MIN_INTERVAL_MS - (Date.now() - lastRead));
      timer = setTimeout(() => {
        timer = null;
        void read();
      }, wait);
    };

    void read();
    void sendHttp<BigScreenGrids>(context, 'GET', '/big-screen/grids', { headers, signal: controller.signal })
      .then((answer) => {
        if (!disposed && answer.ok) setState((s) => ({ ...s, grids: answer.body }));
      })
      .catch(() => undefined);
    const stop = openChangeStream({
      headers,
      onChange: schedule,
      onStatus: (status) => {
        if (!disposed) setState((s) => (s.status === status ? s : { ...s, status }));
      },
      onRefused: (status) => {
        if (!disposed) setState((s) => ({ ...s, problem: problemOf(status) }));
      },
    });
    const periodic = setInterval(schedule, PERIODIC_MS);
    return () => {
      disposed = true;
      controller.abort();
      stop();
      clearInterval(periodic);
      if (timer) clearTimeout(timer);
    };
  }, [headers, locale]);

  return state;
}
