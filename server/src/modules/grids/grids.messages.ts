import type { Locale } from '@yiwang/contracts';
import { assertUnreachable } from '../../platform/errors.js';
import type { GeometryIssue } from './geometry/index.js';
import type { CreatedCoverageFault, ImportIssue } from './validate-import.js';

const m2 = (area: number) => (area >= 10_000 ? `${(area / 10_000).toFixed(2)} ha` : `${area.toFixed(1)} m²`);

function where(issue: { polygonIndex: number; ringIndex: number }, zh: boolean) {
  const ring =
    issue.ringIndex === 0
      ? zh
        ? '外环'
        : 'outer ring'
      : zh
        ? `第 ${issue.ringIndex} 个内环`
        : `hole ${issue.ringIndex}`;
  return zh ? `第 ${issue.polygonIndex + 1} 个多边形的${ring}` : `${ring} of polygon ${issue.polygonIndex + 1}`;
}

export function describeGeometryIssue(locale: Locale, issue: GeometryIssue): string {
  const zh = locale === 'zh-CN';
  switch (issue.code) {
    case 'not-a-feature':
      return zh ? '不是 GeoJSON 要素（Feature）' : 'not a GeoJSON Feature';
    case 'unsupported-geometry-type':
      return zh
        ? `几何类型 ${issue.type} 不可用，网格须为 Polygon 或 MultiPolygon`
        : `geometry type ${issue.type} is not allowed; a grid must be a Polygon or MultiPolygon`;
    case 'empty-geometry':
      return zh ? '几何为空' : 'the geometry is empty';
    case 'malformed-ring':
      return zh ? `${where(issue, zh)}格式错误` : `the ${where(issue, zh)} is malformed`;
    case 'invalid-position':
      return zh
        ? `${where(issue, zh)}第 ${issue.vertexIndex + 1} 个点不是 [经度, 纬度]`
        : `vertex ${issue.vertexIndex + 1} of the ${where(issue, zh)} is not [lon, lat]`;
    case 'coordinate-out-of-range':
      return zh
        ? `${where(issue, zh)}第 ${issue.vertexIndex + 1} 个点的坐标超出经纬度范围`
        : `vertex ${issue.vertexIndex + 1} of the ${where(issue, zh)} is out of longitude/latitude range`;
    case 'ring-too-short':
      return zh
        ? `${where(issue, zh)}只有 ${issue.positions} 个点，至少需要 4 个`
        : `the ${where(issue, zh)} has ${issue.positions} positions; at least 4 are needed`;
    case 'ring-not-closed':
      return zh
        ? `${where(issue, zh)}未闭合（首尾点须相同）`
        : `the ${where(issue, zh)} is not closed (first and last positions must be equal)`;
    case 'self-intersection':
      return zh
        ? `${where(issue, zh)}自相交：第 ${issue.vertexIndex + 1} 条边与第 ${issue.otherVertexIndex + 1} 条边相交`
        : `the ${where(issue, zh)} intersects itself: edge ${issue.vertexIndex + 1} crosses edge ${issue.otherVertexIndex + 1}`;
    case 'ring-intersection':
      return zh
        ? `${where(issue, zh)}与第 ${issue.otherRingIndex} 个环相交（第 ${issue.vertexIndex + 1} 条边）`
        : `the ${where(issue, zh)} crosses ring ${issue.otherRingIndex} (edge ${issue.vertexIndex + 1})`;
    default:
      return assertUnreachable(issue);
  }
}

/** A reason a person can act on, for each import problem. */
export function describeImportIssue(locale: Locale, issue: ImportIssue): string {
  const zh = locale === 'zh-CN';
  switch (issue.code) {
    case 'geometry':
      return describeGeometryIssue(locale, issue.issue);
    case 'invalid-code':
      return zh
        ? `网格编码 ${JSON.stringify(issue.value)} 无效：须为 12–20 位数字（区划代码 + 序号）`
        : `grid code ${JSON.stringify(issue.value)} is invalid: 12–20 digits (region code + sequence)`;
    case 'invalid-level':
      return zh
        ? `层级 ${JSON.stringify(issue.value)} 无效：须为 1、2 或 3`
        : `level ${JSON.stringify(issue.value)} is invalid: must be 1, 2 or 3`;
    case 'missing-name':
      return zh ? '缺少网格名称（name）' : 'the grid name (name) is missing';
    case 'missing-parent':
      return zh
        ? '二、三级网格须填写上级网格编码（parentCode）'
        : 'level-2 and level-3 grids need a parent grid code (parentCode)';
    case 'duplicate-code':
      return zh ? `编码与第 ${issue.firstIndex + 1} 个要素重复` : `the code repeats feature ${issue.firstIndex + 1}`;
    case 'unknown-region':
      return zh
        ? `编码前缀 ${issue.regionCode} 不是本县（市）的乡镇或村（社区）区划代码`
        : `the code prefix ${issue.regionCode} is not a town or community of this county`;
    case 'unknown-parent':
      return zh ? `上级网格 ${issue.parentCode} 不存在` : `parent grid ${issue.parentCode} does not exist`;
    case 'wrong-parent-level':
      return zh
        ? `上级网格 ${issue.parentCode} 是 ${issue.parentLevel} 级网格，层级不匹配`
        : `parent grid ${issue.parentCode} is level ${issue.parentLevel}; the levels do not fit`;
    case 'outside-parent':
      return zh
        ? `有 ${m2(issue.areaSquareMeters)} 超出${issue.parentCode.length < 12 ? '县（市）' : '上级网格 '}${issue.parentCode} 的范围`
        : `${m2(issue.areaSquareMeters)} lies outside ${issue.parentCode.length < 12 ? 'county' : 'parent grid'} ${issue.parentCode}`;
    case 'overlaps-sibling':
      return zh
        ? `与同级网格 ${issue.siblingCode} 重叠 ${m2(issue.areaSquareMeters)}`
        : `overlaps sibling grid ${issue.siblingCode} by ${m2(issue.areaSquareMeters)}`;
    case 'opens-gap': {
      // Level-1 grids tile the county, whose region code is shorter than any grid code.
      const county = issue.parentCode.length < 12;
      return zh
        ? `会在${county ? '县（市）' : '上级网格 '}${issue.parentCode} 中留下 ${m2(issue.areaSquareMeters)} 空白（无网格覆盖）`
        : `would leave ${m2(issue.areaSquareMeters)} of ${county ? 'county' : 'parent grid'} ${issue.parentCode} uncovered (a gap)`;
    }
    case 'child-outside':
      return zh
        ? `下级网格 ${issue.childCode} 会有 ${m2(issue.areaSquareMeters)} 落在本网格之外`
        : `${m2(issue.areaSquareMeters)} of child grid ${issue.childCode} would lie outside this grid`;
    default:
      return assertUnreachable(issue);
  }
}

/** One line for a coverage fault an import would create, for the dry run's list. */
export function describeCoverageFault(locale: Locale, fault: CreatedCoverageFault): string {
  const zh = locale === 'zh-CN';
  const county = fault.parentCode.length < 12;
  const parent = zh
    ? `${county ? '县（市）' : '网格 '}${fault.parentCode}`
    : `${county ? 'county' : 'grid'} ${fault.parentCode}`;
  const area = m2(fault.areaSquareMeters);
  switch (fault.kind) {
    case 'gap':
      return zh ? `${parent} 内有 ${area} 无网格覆盖` : `${area} of ${parent} covered by no grid`;
    case 'overlap':
      return zh
        ? `${parent} 内网格 ${fault.codes.join(' 与 ')} 重叠 ${area}`
        : `in ${parent}, grids ${fault.codes.join(' and ')} overlap by ${area}`;
    case 'outside':
      return zh
        ? `网格 ${fault.codes[0]} 有 ${area} 超出 ${parent}`
        : `${area} of grid ${fault.codes[0]} lies outside ${parent}`;
    default:
      return assertUnreachable(fault.kind);
  }
}
