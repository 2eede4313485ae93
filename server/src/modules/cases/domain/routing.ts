import { type HandlingLevel, type LocalizedText, MATTER_CATEGORY_LABELS, type MatterCategory } from '@yiwang/contracts';

/**
 * 六定 routing: which unit (and which person) a case goes to. Operators keep an ordered
 * list of dispatch rules (派单目录); the first rule whose matter and place both match
 * wins, so specific rules go above general ones. With no match the case goes to the
 * command center of the matter's handling level for the case's region, which dispatches
 * by hand: nothing is ever unrouted, and nothing is pushed down silently (a city-level
 * matter never falls to a community).
 *
 * A rule may name a post instead of a person; the post's current holder is asked for at
 * routing time, so the A/B post (AB岗) backup takes over while the holder is away.
 */

export type MatterSelector = { readonly matterCode: string } | { readonly matterCategory: MatterCategory } | '*';

/** A region subtree (materialized path prefix, matched on whole segments), one grid, or anywhere. */
export type PlaceSelector = { readonly regionPathPrefix: string } | { readonly gridCode: string } | '*';

export interface RoutingRule {
  readonly id: string;
  readonly matter: MatterSelector;
  readonly place: PlaceSelector;
  readonly unitId: string;
  /** A post (岗) whose current holder — A, or B when A is away — takes the case. Wins over personUserId. */
  readonly postId?: string;
  /** A fixed person; used when no post is named. */
  readonly personUserId?: string;
}

export interface CaseToRoute {
  readonly matterCode: string;
  readonly matterCategory: MatterCategory;
  readonly handlingLevel: HandlingLevel;
  /**
   * The case's path in the region tree, "county/town/community" (e.g.
   * "320281/320281001/320281001001"); shorter when located only to a town.
   */
  readonly regionPath: string;
  readonly gridCode: string | null;
}

export interface PostHolder {
  readonly userId: string;
  /** 'A' the holder, 'B' the named backup standing in. */
  readonly post: 'A' | 'B';
}

export interface RoutingContext {
  /** The command center (city, town) or workstation (community) of a region code, if there is one. */
  commandUnitOf(regionCode: string): string | undefined;
  /** Who holds a post at an instant; null when both A and B are away or the post is vacant. */
  currentHolder(postId: string, at: Date): PostHolder | null;
  /** Display name of a unit for the explanation; the id is shown when absent. */
  unitName?(unitId: string): string | undefined;
  /** Names of matters, grids, regions and posts for the explanation; the code or id is shown when absent. */
  names?: RoutingNames;
}

export interface RoutingNames {
  matter?(matterCode: string): LocalizedText | undefined;
  grid?(gridCode: string): LocalizedText | undefined;
  region?(regionCode: string): LocalizedText | undefined;
  /** A post as people know it: its grid and role (文定社区第1网格网格员). */
  post?(postId: string): LocalizedText | undefined;
}

export type RoutingResult =
  | {
      readonly ok: true;
      readonly unitId: string;
      readonly personId?: string;
      readonly ruleId?: string;
      readonly via: 'rule' | 'fallback';
      /** Why this unit, for the operator's screen and the timeline. */
      readonly reason: LocalizedText;
    }
  | { readonly ok: false; readonly reason: 'no-command-unit'; readonly explanation: LocalizedText };

/** Routes a case: the first matching rule, else its level's command center. */
export function routeCase(
  subject: CaseToRoute,
  rules: readonly RoutingRule[],
  context: RoutingContext,
  at: Date,
): RoutingResult {
  const rule = rules.find((r) => matterMatches(r.matter, subject) && placeMatches(r.place, subject));
  if (rule) return routeByRule(rule, context, at);
  return routeToCommandCenter(subject, context);
}

function routeByRule(rule: RoutingRule, context: RoutingContext, at: Date): RoutingResult {
  const unit = context.unitName?.(rule.unitId) ?? rule.unitId;
  const names = context.names ?? {};
  const matched = {
    'zh-CN': `命中派单规则 ${rule.id}（${describeMatter(rule.matter, 'zh-CN', names)}，${describePlace(rule.place, 'zh-CN', names)}），派至${unit}`,
    'en-US': `Dispatch rule ${rule.id} matched (${describeMatter(rule.matter, 'en-US', names)}, ${describePlace(rule.place, 'en-US', names)}); sent to ${unit}`,
  };
  if (rule.postId !== undefined) {
    const postName = names.post?.(rule.postId);
    const post = { 'zh-CN': postName?.['zh-CN'] ?? rule.postId, 'en-US': postName?.['en-US'] ?? rule.postId };
    const holder = context.currentHolder(rule.postId, at);
    if (holder === null) {
      return {
        ok: true,
        unitId: rule.unitId,
        ruleId: rule.id,
        via: 'rule',
        reason: {
          'zh-CN': `${matched['zh-CN']}；岗位 ${post['zh-CN']} 的 A、B 岗均不在岗，由单位分派`,
          'en-US': `${matched['en-US']}; post ${post['en-US']} has neither holder nor backup present, so the unit assigns it`,
        },
      };
    }
    return {
      ok: true,
      unitId: rule.unitId,
      personId: holder.userId,
      ruleId: rule.id,
      via: 'rule',
      reason:
        holder.post === 'A'
          ? {
              'zh-CN': `${matched['zh-CN']}；岗位 ${post['zh-CN']} 由 A 岗承办`,
              'en-US': `${matched['en-US']}; post ${post['en-US']} is handled by its holder (A)`,
            }
          : {
              'zh-CN': `${matched['zh-CN']}；岗位 ${post['zh-CN']} 的 A 岗不在岗，由 B 岗代岗承办`,
              'en-US': `${matched['en-US']}; post ${post['en-US']}'s holder is away, so the backup (B) takes it`,
            },
    };
  }
  return {
    ok: true,
    unitId: rule.unitId,
    ...(rule.personUserId !== undefined ? { personId: rule.personUserId } : {}),
    ruleId: rule.id,
    via: 'rule',
    reason: matched,
  };
}

/**
 * The rules above the winner (all of them when none wins) that are about the subject's
 * matter but not its place: why a rule the operator expected did not take the case.
 */
export function rulesPassedOver(subject: CaseToRoute, rules: readonly RoutingRule[]): RoutingRule[] {
  const passed: RoutingRule[] = [];
  for (const rule of rules) {
    if (!matterMatches(rule.matter, subject)) continue;
    if (placeMatches(rule.place, subject)) break;
    passed.push(rule);
  }
  return passed;
}

const LEVEL_INDEX: Readonly<Record<HandlingLevel, number>> = { city: 0, town: 1, community: 2 };
const LEVEL_OF_INDEX: readonly HandlingLevel[] = ['city', 'town', 'community'];
const LEVEL_NAMES: Readonly<Record<HandlingLevel, LocalizedText>> = {
  city: { 'zh-CN': '市级', 'en-US': 'city' },
  town: { 'zh-CN': '镇（街道）级', 'en-US': 'town' },
  community: { 'zh-CN': '村（社区）级', 'en-US': 'community' },
};

/**
 * The command center of the matter's level for the case's region. When that region has
 * none (a case located only to its town, or a community without a workstation yet), the
 * next level up takes it: 属地兜底, the locality is always responsible.
 */
function routeToCommandCenter(subject: CaseToRoute, context: RoutingContext): RoutingResult {
  const regions = subject.regionPath.split('/').filter((s) => s.length > 0);
  const wanted = LEVEL_INDEX[subject.handlingLevel];
  for (let i = Math.min(wanted, regions.length - 1); i >= 0; i--) {
    const regionCode = regions[i] as string;
    const unitId = context.commandUnitOf(regionCode);
    if (unitId === undefined) continue;
    const unit = context.unitName?.(unitId) ?? unitId;
    const level = LEVEL_OF_INDEX[i] as HandlingLevel;
    const wantedName = LEVEL_NAMES[subject.handlingLevel];
    const movedUp = i !== wanted;
    const names = context.names ?? {};
    const matter = (locale: keyof LocalizedText) => names.matter?.(subject.matterCode)?.[locale] ?? subject.matterCode;
    const region = (locale: keyof LocalizedText) => names.region?.(regionCode)?.[locale] ?? regionCode;
    return {
      ok: true,
      unitId,
      via: 'fallback',
      reason: movedUp
        ? {
            'zh-CN': `无匹配派单规则；事项 ${matter('zh-CN')} 由${wantedName['zh-CN']}处置，但该层级在本区域无指挥中心，上移由${LEVEL_NAMES[level]['zh-CN']}的${unit}（${region('zh-CN')}）派遣`,
            'en-US': `No dispatch rule matched; matter ${matter('en-US')} is handled at ${wantedName['en-US']} level, which has no command center for this region, so ${unit} (${LEVEL_NAMES[level]['en-US']} level, ${region('en-US')}) dispatches it`,
          }
        : {
            'zh-CN': `无匹配派单规则；事项 ${matter('zh-CN')} 由${wantedName['zh-CN']}处置，转${unit}（${region('zh-CN')}）派遣`,
            'en-US': `No dispatch rule matched; matter ${matter('en-US')} is handled at ${wantedName['en-US']} level, so ${unit} (${region('en-US')}) dispatches it`,
          },
    };
  }
  return {
    ok: false,
    reason: 'no-command-unit',
    explanation: {
      'zh-CN': `区划路径 ${subject.regionPath} 上没有任何指挥中心或工作站`,
      'en-US': `No command center or workstation exists on region path ${subject.regionPath}`,
    },
  };
}

function matterMatches(selector: MatterSelector, subject: CaseToRoute): boolean {
  if (selector === '*') return true;
  if ('matterCode' in selector) return selector.matterCode === subject.matterCode;
  return selector.matterCategory === subject.matterCategory;
}

/** Prefix on whole segments: "320281/3202810011" does not contain "320281/320281001001". */
function placeMatches(selector: PlaceSelector, subject: CaseToRoute): boolean {
  if (selector === '*') return true;
  if ('gridCode' in selector) return subject.gridCode !== null && selector.gridCode === subject.gridCode;
  const prefix = selector.regionPathPrefix.replace(/\/+$/, '');
  return subject.regionPath === prefix || subject.regionPath.startsWith(`${prefix}/`);
}

function describeMatter(selector: MatterSelector, locale: keyof LocalizedText, names: RoutingNames): string {
  if (selector === '*') return locale === 'zh-CN' ? '任意事项' : 'any matter';
  if ('matterCode' in selector) {
    const name = names.matter?.(selector.matterCode)?.[locale] ?? selector.matterCode;
    return locale === 'zh-CN' ? `事项 ${name}` : `matter ${name}`;
  }
  const label = MATTER_CATEGORY_LABELS[selector.matterCategory][locale];
  return locale === 'zh-CN' ? `类别 ${label}` : `category ${label}`;
}

function describePlace(selector: PlaceSelector, locale: keyof LocalizedText, names: RoutingNames): string {
  if (selector === '*') return locale === 'zh-CN' ? '全域' : 'anywhere';
  if ('gridCode' in selector) {
    const name = names.grid?.(selector.gridCode)?.[locale] ?? selector.gridCode;
    return locale === 'zh-CN' ? `网格 ${name}` : `grid ${name}`;
  }
  const code = selector.regionPathPrefix.replace(/\/+$/, '').split('/').at(-1) ?? selector.regionPathPrefix;
  const name = names.region?.(code)?.[locale] ?? selector.regionPathPrefix;
  return locale === 'zh-CN' ? `区域 ${name}` : `region ${name}`;
}
