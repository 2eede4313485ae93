import type { FieldGrid } from '@yiwang/contracts';
import { describe, expect, it } from 'vitest';
import { gridAtPoint } from '../geo/grid-at-point';
import { frequentFirst, type MatterChoice } from './matter-search';

const matter = (
  code: string,
  name: string,
  pinyinInitials: string,
  keywords: string[] = [],
  nameEn = '',
): MatterChoice => ({
  code,
  name,
  nameEn,
  pinyinInitials,
  keywords,
  duplicateRadiusMeters: 50,
  formFields: [],
});
const catalog = [
  matter('SZ-0101', '井盖缺失', 'jgqs', ['窨井'], 'Missing manhole cover'),
  matter('SZ-0102', '井盖破损', 'jgps', [], 'Broken manhole cover'),
  matter('CG-0302', '垃圾满溢', 'ljmy', ['垃圾桶'], 'Overflowing bin'),
  matter('CG-0303', '暴露垃圾', 'blj', [], 'Exposed rubbish'),
];

describe('matter picker on the phone', () => {
  it('puts my frequent matters first, in the server’s order, skipping ones no longer in the catalog', () => {
    const frequent = [
      { code: 'CG-0302', name: '垃圾满溢', nameEn: '', count: 9 },
      { code: 'XX-9999', name: '已停用', nameEn: '', count: 3 },
      { code: 'SZ-0101', name: '井盖缺失', nameEn: '', count: 2 },
    ];
    expect(frequentFirst(frequent, catalog).map((m) => m.code)).toEqual(['CG-0302', 'SZ-0101']);
  });
});

describe('my grid at a point (preview on the phone)', () => {
  const square = (x: number, y: number, size: number) => [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  const grids: Pick<FieldGrid, 'code' | 'geometry'>[] = [
    { code: 'A', geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] } },
    { code: 'B', geometry: { type: 'MultiPolygon', coordinates: [[square(20, 0, 5)], [square(30, 0, 5)]] } },
  ];
  it('finds the grid, respects holes, and says when outside', () => {
    expect(gridAtPoint(grids, 1, 1)?.code).toBe('A');
    expect(gridAtPoint(grids, 5, 5)).toBeNull();
    expect(gridAtPoint(grids, 32, 2)?.code).toBe('B');
    expect(gridAtPoint(grids, 15, 2)).toBeNull();
  });
});
