import { type Column, or, type SQL, sql } from 'drizzle-orm';

/**
 * The data-scope filter: a row is in scope when its region path equals the scope root's
 * path or lies below it. Every repository query that returns scoped rows uses this, so a
 * row outside the caller's scope is simply not found.
 */
export function withinScope(pathColumn: Column | SQL, scopePath: string): SQL {
  return or(sql`${pathColumn} = ${scopePath}`, sql`${pathColumn} LIKE ${`${escapeLike(scopePath)}/%`}`) as SQL;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A scope path of the region tree's root (the county): it holds every row, county-only ones too. */
export const isCountyWide = (scopePath: string): boolean => !scopePath.includes('/');

/** Pure twin of withinScope for checks on values already in memory. */
export const isPathWithin = (path: string, scopePath: string): boolean =>
  path === scopePath || path.startsWith(`${scopePath}/`);
