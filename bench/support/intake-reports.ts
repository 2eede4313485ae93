// The intake benches' reports (intake.bench.ts, intake-ab.bench.ts): the same load for both.

import { reportPointsWithin } from './bench-server.js';
import type { LoadRequest } from './load.js';

/** What the reports are made of: places inside the county's base grids and the matters that need no form answers. */
export interface ReportMaterial {
  points: [number, number][];
  matters: string[];
}

/** Places ~65 m apart over the whole county (beyond the 30 m of a confident duplicate) and the matters to report. */
export async function reportMaterial(base: string, key: string): Promise<ReportMaterial> {
  const points = await reportPointsWithin(base, key, '320281');
  const catalog = (await (await fetch(`${base}/api/catalog/matters`, { headers: { 'x-api-key': key } })).json()) as {
    items: { code: string; formFields: { required: boolean }[] }[];
  };
  const matters = catalog.items.filter((m) => !m.formFields.some((f) => f.required)).map((m) => m.code);
  return { points, matters };
}

/**
 * `count` reports as POST /api/cases with `key`, to be taken in one turn by all connections
 * (concurrent requests differ): each a matter at a place of its own, except every tenth, which
 * repeats the report three before it a few metres away — a second person reporting the same
 * thing, which joins that case (并单), possibly while the first is still being written. Each
 * request gets a fresh Idempotency-Key.
 */
export function intakeRequests({ points, matters }: ReportMaterial, key: string, count: number): LoadRequest[] {
  const report = (i: number) => {
    const [lon, lat] = points[(i * 7919) % points.length] as [number, number];
    return { matterCode: matters[i % matters.length], lon, lat };
  };
  return Array.from({ length: count }, (_, i) => {
    const again = i % 10 === 9;
    const { matterCode, lon, lat } = report(again ? i - 3 : i);
    return {
      method: 'POST',
      path: '/api/cases',
      headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': 'bench-[<id>]' },
      body: JSON.stringify({
        matterCode,
        description: `基准测试上报 ${i}：路面破损，请尽快处理。`,
        point: again ? { lon: lon + 3e-5, lat } : { lon, lat },
        channel: 'desk',
        reporter: { name: '测试', phone: '13800000000' },
      }),
    };
  });
}
