import type { Flag } from './detection-case.js';
import { round } from './detection-case.js';

/** One inspection finding: what the inspector found on site vs what had been reported. */
export interface FindingFact {
  readonly findingId: string;
  readonly inspectorId: string;
  readonly targetCode: string;
  readonly foundCount: number;
  readonly reportedCount: number;
  readonly foundCaseCodes: readonly string[];
}

/** Below this probability, "always agrees" is not chance. */
export const RUBBER_STAMP_P = 0.05;
export const MIN_FINDINGS = 3;

const agrees = (f: FindingFact) => f.foundCount === f.reportedCount;

/**
 * An inspector whose findings always agree with what was reported, while the other inspectors'
 * findings often disagree: if they agreed only as often as the others do (p), all n agreeing
 * would happen with probability pⁿ; below 5 % it is not chance.
 */
export function detectRubberStamp(findings: readonly FindingFact[]): Flag[] {
  const byInspector = new Map<string, FindingFact[]>();
  for (const f of findings) byInspector.set(f.inspectorId, [...(byInspector.get(f.inspectorId) ?? []), f]);
  const flags: Flag[] = [];
  for (const [inspector, own] of byInspector) {
    if (own.length < MIN_FINDINGS || !own.every(agrees)) continue;
    const others = findings.filter((f) => f.inspectorId !== inspector);
    if (others.length < MIN_FINDINGS) continue;
    const p = others.filter(agrees).length / others.length;
    const chance = p ** own.length;
    if (chance >= RUBBER_STAMP_P) continue;
    const codes = [...new Set(own.flatMap((f) => f.foundCaseCodes))];
    flags.push({
      kind: 'rubber-stamp',
      level: 'inspector',
      key: inspector,
      gridCode: null,
      measure: chance,
      explanation: {
        'zh-CN': `${own.length} 次检查结果全部与上报一致（检查对象：${own.map((f) => f.targetCode).join('、')}），而其他检查人员只有 ${Math.round(p * 100)}% 一致；若只是巧合，概率为 ${round(chance, 4)}（< ${RUBBER_STAMP_P}）。疑似走过场。`,
        'en-US': `All ${own.length} findings agree with what was reported (targets: ${own.map((f) => f.targetCode).join(', ')}), while other inspectors agree only ${Math.round(p * 100)}% of the time; by chance that would happen with probability ${round(chance, 4)} (< ${RUBBER_STAMP_P}). Likely rubber-stamping.`,
      },
      caseIds: [],
      caseCodes: codes,
    });
  }
  return flags;
}
