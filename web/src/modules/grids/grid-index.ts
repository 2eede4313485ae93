import type { GridFeatureCollection, GridLevel, GridProperties } from './grids-api';

/**
 * The grid tree of the caller's scope, from the three map.geojson levels: lookups by
 * code, parent chain and children. Grids whose parent is outside the scope are roots
 * (the county's towns for an admin, one town for a town operator, one community for a
 * workstation).
 */
export class GridIndex {
  private readonly byCode = new Map<string, GridProperties>();
  private readonly childrenByParent = new Map<string | null, GridProperties[]>();
  readonly size: number;
  readonly topLevel: GridLevel;

  constructor(collections: readonly GridFeatureCollection[]) {
    for (const collection of collections) {
      for (const feature of collection.features) this.byCode.set(feature.properties.code, feature.properties);
    }
    let top: GridLevel = 3;
    for (const grid of this.byCode.values()) {
      const parent = this.parentCodeOf(grid);
      const siblings = this.childrenByParent.get(parent);
      if (siblings) siblings.push(grid);
      else this.childrenByParent.set(parent, [grid]);
      if (parent === null && grid.level < top) top = grid.level;
    }
    for (const list of this.childrenByParent.values()) list.sort((a, b) => a.code.localeCompare(b.code));
    this.size = this.byCode.size;
    this.topLevel = top;
  }

  get(code: string | null | undefined): GridProperties | undefined {
    return code ? this.byCode.get(code) : undefined;
  }

  /** The parent's code if the parent is loaded (in scope), else null (a root). */
  parentCodeOf(grid: GridProperties): string | null {
    return grid.parentCode && this.byCode.has(grid.parentCode) ? grid.parentCode : null;
  }

  /** Ancestors from the top down, without the grid itself. */
  ancestors(code: string): GridProperties[] {
    const chain: GridProperties[] = [];
    let grid = this.byCode.get(code);
    const seen = new Set<string>();
    while (grid && !seen.has(grid.code)) {
      seen.add(grid.code);
      const parent = this.parentCodeOf(grid);
      grid = parent ? this.byCode.get(parent) : undefined;
      if (grid) chain.unshift(grid);
    }
    return chain;
  }

  /** Children of a grid; null gives the roots. */
  children(code: string | null): readonly GridProperties[] {
    return this.childrenByParent.get(code) ?? [];
  }

  /**
   * Whose children the map shows in full (filled and labelled) while `focus` is selected:
   * the focus itself if it has children, else its parent (a base grid is shown among its
   * siblings); null means the roots.
   */
  activeParent(focus: string | null): string | null {
    const grid = this.get(focus);
    if (!grid) return null;
    return this.children(grid.code).length > 0 ? grid.code : this.parentCodeOf(grid);
  }

  /** The level of the grids shown in full for `focus`. */
  displayLevel(focus: string | null): GridLevel {
    const parent = this.get(this.activeParent(focus));
    return parent ? (Math.min(3, parent.level + 1) as GridLevel) : this.topLevel;
  }

  isAncestorOf(ancestor: GridProperties, code: string): boolean {
    let grid = this.byCode.get(code);
    const seen = new Set<string>();
    while (grid && !seen.has(grid.code)) {
      seen.add(grid.code);
      if (grid.parentCode === ancestor.code) return true;
      grid = grid.parentCode ? this.byCode.get(grid.parentCode) : undefined;
    }
    return false;
  }
}
