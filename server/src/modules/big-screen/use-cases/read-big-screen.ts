import { type BigScreen, CASE_CHANNELS } from '@yiwang/contracts';
import type { Db } from '../../../db/client.js';
import { chinaDayOf, chinaDayRange } from '../../../platform/china-day.js';
import { DomainError } from '../../../platform/errors.js';
import type { Actor } from '../../../platform/http.js';
import { computeIndicators } from '../../assessment/index.js';
import { type AuditContext, recordAudit } from '../../audit/index.js';
import { regionsLookups } from '../../regions/index.js';
import { bigScreenRepository } from '../big-screen.repository.js';
import { lastDays, shouldAudit, sumRates, trendOf } from '../domain/screen-figures.js';

const DAY_MS = 24 * 3_600_000;
/** A worker counts as on patrol while their latest fix is this recent (as the desk's live view). */
const LIVE_WINDOW_MS = 15 * 60_000;
/** A wall re-reads on every change: its reads are audited once per viewer per this long. */
export const SCREEN_AUDIT_EVERY_MS = 10 * 60_000;
const auditedReads = new Map<string, number>();
/**
 * The month's rates change slowly and are the dearest part of a read (every case's facts
 * folded from the event log), so they are kept per scope for this long; the counts, the
 * lists and the map are read fresh every time.
 */
const INDICATORS_FOR_MS = 60_000;
type Indicators = Awaited<ReturnType<typeof computeIndicators>>;
const indicatorCache = new Map<string, { at: number; own: Indicators; departments: Indicators }>();

async function monthIndicators(db: Db, actor: Actor, level: 'county' | 'town' | 'community', now: Date) {
  const key = `${actor.scopePath}|${level}`;
  const kept = indicatorCache.get(key);
  if (kept && now.getTime() - kept.at >= 0 && now.getTime() - kept.at < INDICATORS_FOR_MS) return kept;
  const own = await computeIndicators(db, actor, { level, period: 'month', now });
  const departments = await computeIndicators(db, actor, { level: 'department', period: 'month', now });
  if (indicatorCache.size >= 100) indicatorCache.clear();
  const entry = { at: now.getTime(), own, departments };
  indicatorCache.set(key, entry);
  return entry;
}

/**
 * The big screen of the caller's scope (a county or a town): today's and this month's
 * counts, open cases by time limit, intake by channel, top matters, hot spots, the three
 * 12345 rates and the departments' on-time rates (the assessment's formulas), 30 days of
 * trend, and the live map — open cases and reports as bare points, workers on patrol as
 * bare positions. No personal data: nothing here names or describes a person or a case.
 * Showing patrol positions is audited (once per viewer every ten minutes, see above).
 */
export async function readBigScreen(
  deps: { db: Db },
  options: { actor: Actor; context: AuditContext; now: Date },
): Promise<BigScreen> {
  const { db } = deps;
  const { actor, now } = options;
  const region = await regionsLookups.findByCode(db, actor.scopeRegionCode);
  if (!region) throw new DomainError('not-found');
  const scope = actor.scopePath;
  const today = chinaDayOf(now);
  const todayRange = chinaDayRange(today);
  const monthStart = chinaDayRange(`${today.slice(0, 7)}-01`).from;
  const days = lastDays(today, 30);
  const since = chinaDayRange(days[0] as string).from;

  const [todayCounts, monthCounts, open, channels, topMatters, hotSpots, daily, openCases, heat, patrols] =
    await Promise.all([
      bigScreenRepository.countsBetween(db, scope, todayRange.from, todayRange.to),
      bigScreenRepository.countsBetween(db, scope, monthStart, todayRange.to),
      bigScreenRepository.openByTimeState(db, scope),
      bigScreenRepository.channelsSince(db, scope, since),
      bigScreenRepository.topMattersSince(db, scope, since, 8),
      bigScreenRepository.hotSpotsSince(db, scope, since, 10),
      bigScreenRepository.dailySince(db, scope, since),
      bigScreenRepository.openCasePoints(db, scope),
      bigScreenRepository.heatPointsSince(db, scope, new Date(now.getTime() - 30 * DAY_MS)),
      bigScreenRepository.patrolPositions(db, scope, new Date(now.getTime() - LIVE_WINDOW_MS)),
    ]);
  const { own, departments } = await monthIndicators(db, actor, region.level, now);
  const openOf = (state: string) => open.find((o) => o.timeState === state)?.n ?? 0;

  if (shouldAudit(auditedReads, `${actor.kind}:${actor.id}`, now.getTime(), SCREEN_AUDIT_EVERY_MS)) {
    await db.transaction((tx) =>
      recordAudit(tx, options.context, {
        action: 'big-screen.view',
        objectType: 'big-screen',
        objectId: region.code,
        details: { regionCode: region.code, via: actor.kind, patrolPositions: patrols.length },
        scopePath: scope,
      }),
    );
  }

  return {
    region: { code: region.code, name: region.name, nameEn: region.nameEn, level: region.level },
    generatedAt: now.toISOString(),
    today,
    counts: { today: todayCounts, month: monthCounts },
    open: {
      total: open.reduce((n, o) => n + o.n, 0),
      normal: openOf('normal'),
      warning: openOf('warning'),
      overdue: openOf('overdue'),
    },
    channels: CASE_CHANNELS.map((channel) => ({
      channel,
      count: channels.find((c) => c.channel === channel)?.n ?? 0,
    })),
    topMatters,
    hotSpots,
    rates: {
      response: sumRates(own.rows.map((r) => r.values.responseRate)),
      resolution: sumRates(own.rows.map((r) => r.values.resolutionRate)),
      satisfaction: sumRates(own.rows.map((r) => r.values.satisfactionRate)),
    },
    departments: departments.rows
      .map((r) => ({
        key: r.key,
        name: r.name,
        onTimeClosure: sumRates([r.values.onTimeClosureRate]),
        closure: sumRates([r.values.closureRate]),
      }))
      .sort((a, b) => b.closure.denominator - a.closure.denominator || a.name.localeCompare(b.name, 'zh-CN'))
      .slice(0, 10),
    trend: trendOf(days, daily.reported, daily.closed),
    map: { openCases, heat, patrols },
  };
}
