import type { CaseToVerify } from '@yiwang/contracts';
import { useEffect, useState } from 'react';
import { readCache, writeCache } from '../shell/device-db';
import { getJson, HttpError } from '../shell/http';

export type VerifyView =
  | { status: 'loading' }
  | { status: 'ready'; view: CaseToVerify; offline: boolean }
  | { status: 'failed'; message: string };

/**
 * What the verifier compares on site: the report's photos and the unit's feedback. The
 * server's answer is kept on the phone, so a case opened once online still shows its
 * feedback text offline (photos then show only if the browser still has them).
 */
export function useCaseToVerify(code: string): VerifyView {
  const [state, setState] = useState<VerifyView>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    const key = `verify:${code}`;
    void (async () => {
      const cached = await readCache<CaseToVerify>(key);
      if (cached && !controller.signal.aborted) setState({ status: 'ready', view: cached.value, offline: true });
      try {
        const view = await getJson<CaseToVerify>(
          `/field/cases/${encodeURIComponent(code)}/verification`,
          undefined,
          controller.signal,
        );
        await writeCache(key, view);
        if (!controller.signal.aborted) setState({ status: 'ready', view, offline: false });
      } catch (error) {
        if (controller.signal.aborted || !(error instanceof HttpError)) return;
        if (!cached) setState({ status: 'failed', message: error.failure.message || error.failure.code });
      }
    })();
    return () => controller.abort();
  }, [code]);
  return state;
}
