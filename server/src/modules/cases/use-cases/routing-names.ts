import { type LocalizedText, ROLE_LABELS, type Role } from '@yiwang/contracts';
import type { Executor } from '../../../db/client.js';
import { gridsLookups } from '../../grids/index.js';
import { regionsLookups } from '../../regions/index.js';
import type { RoutingNames } from '../domain/routing.js';

/** A grid post as the routing explanation names it: its grid and its role. */
export interface NamedPost {
  readonly id: string;
  readonly gridCode: string;
  readonly role: Role;
}

/**
 * The names the routing explanation and the rule list show people instead of codes and ids:
 * grids (as the map has them now), regions, posts (grid + role) and the matters given. One
 * query for the grids and one for the regions, whatever the number of rules.
 */
export async function routingNames(
  db: Executor,
  wanted: {
    gridCodes: readonly string[];
    regionCodes: readonly string[];
    posts: readonly NamedPost[];
    matters?: ReadonlyMap<string, LocalizedText>;
  },
): Promise<Required<RoutingNames>> {
  const gridCodes = [...new Set([...wanted.gridCodes, ...wanted.posts.map((p) => p.gridCode)])];
  const [grids, regions] = await Promise.all([
    gridsLookups.findCurrentByCodes(db, gridCodes),
    regionsLookups.localizedNamesByCode(db, [...new Set(wanted.regionCodes)]),
  ]);
  const gridNames = new Map<string, LocalizedText>(
    grids.map((g) => [g.code, { 'zh-CN': g.name, 'en-US': g.nameEn || g.name }]),
  );
  const posts = new Map(wanted.posts.map((p) => [p.id, p]));
  return {
    matter: (code) => wanted.matters?.get(code),
    grid: (code) => gridNames.get(code),
    region: (code) => regions.get(code),
    post: (id) => {
      const post = posts.get(id);
      if (!post) return undefined;
      const grid = gridNames.get(post.gridCode) ?? { 'zh-CN': post.gridCode, 'en-US': post.gridCode };
      const role = ROLE_LABELS[post.role];
      return { 'zh-CN': `${grid['zh-CN']}${role['zh-CN']}`, 'en-US': `${role['en-US']} of ${grid['en-US']}` };
    },
  };
}

/** The region code a rule's path prefix ends with ("320281/320281001" → "320281001"). */
export const regionCodeOfPrefix = (prefix: string): string => prefix.replace(/\/+$/, '').split('/').at(-1) ?? prefix;
