import type { CreateDrawBody, FlagKind } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { chinaDayOf } from '../../../platform/china-day.js';
import type { Actor } from '../../../platform/http.js';
import { periodContaining } from '../domain/periods.js';
import type { DetectorFlags } from '../domain/random-draw.js';
import { detectFlags } from './detect-flags.js';

/**
 * The period whose flags weight a draw when the request names none: the last whole month
 * before the draw is made. An inspection office draws at the start of a period for the visits
 * in it; the month just closed is the latest evidence that no longer moves (an open month's
 * flags change with every report, and at its start it holds almost none). The draw's own
 * `period` is free text ("2026年第4季度") and cannot be read as a window.
 */
function defaultFlagWindow(now: Date): NonNullable<CreateDrawBody['flagWindow']> {
  const thisMonth = periodContaining('month', chinaDayOf(now));
  const lastDayOfPrevious = chinaDayOf(new Date(thisMonth.from.getTime() - 1));
  return { period: 'month', from: `${lastDayOfPrevious.slice(0, 7)}-01` };
}

/**
 * Runs the detector over the caller's scope for the window and keeps every grid a flag names
 * (a grid's own flag, or the grid of a flagged worker's cases) among `gridCodes` (the draw's
 * grid targets), with the kinds of flag that named it, for the draw's snapshot.
 */
export async function detectorFlagsForDraw(
  db: Executor,
  actor: Actor,
  options: { window: CreateDrawBody['flagWindow']; gridCodes: ReadonlySet<string>; now: Date },
): Promise<DetectorFlags> {
  const window = options.window ?? defaultFlagWindow(options.now);
  const detected = await detectFlags(db, actor, { period: window.period, day: window.from, now: options.now });
  const kindsOf = new Map<string, Set<FlagKind>>();
  for (const flag of detected.flags) {
    if (flag.gridCode === null || !options.gridCodes.has(flag.gridCode)) continue;
    const kinds = kindsOf.get(flag.gridCode) ?? new Set<FlagKind>();
    kinds.add(flag.kind);
    kindsOf.set(flag.gridCode, kinds);
  }
  return {
    window: { period: window.period, firstDay: detected.period.firstDay },
    grids: [...kindsOf]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([gridCode, kinds]) => ({ gridCode, kinds: [...kinds].sort() })),
  };
}
