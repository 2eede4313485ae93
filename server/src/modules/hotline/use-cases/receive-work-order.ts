import type { HotlineWorkOrder, HotlineWorkOrderAccepted } from '@yiwang/contracts';
import type { WriteResult } from '../../../platform/write-result.js';
import type { AuditContext } from '../../audit/index.js';
import type { CaseDeps } from '../../cases/index.js';
import { reportCase } from '../../cases/index.js';
import { catalogLookups, matterFromRow } from '../../catalog/index.js';
import { hotlineRepository } from '../hotline.repository.js';
import { matchMatter } from '../match-matter.js';

/**
 * Intake of a 12345 work order whose signature was checked: its matter (given, or found
 * from the hotline's category and text, else 其他事项), place (point or address), caller
 * (phone sealed like every reporter's), as a case on the 'hotline' channel with the
 * work-order number as external id, so a redelivery returns the same case.
 */
export async function receiveWorkOrder(
  deps: CaseDeps,
  options: { context: AuditContext; order: HotlineWorkOrder; now: Date },
): Promise<WriteResult<HotlineWorkOrderAccepted>> {
  const { context, order, now } = options;
  const matterCode =
    order.matterCode ??
    matchMatter((await catalogLookups.currentAll(deps.db)).map(matterFromRow), {
      category: order.category,
      description: order.description,
    });
  const rootRegion = await hotlineRepository.rootRegionCode(deps.db);
  if (!rootRegion) throw new Error('region tree is empty');
  const urgent = order.urgency === 'urgent' ? '【紧急】' : '';
  const outcome = await reportCase(
    deps,
    context,
    {
      channel: 'hotline',
      matterCode,
      description: `${urgent}${order.description}`,
      point: order.location
        ? { lon: order.location.lon, lat: order.location.lat, crs: order.location.crs ?? 'WGS84' }
        : undefined,
      address: order.address,
      reporter: {
        userId: null,
        name: order.caller.name ?? null,
        phone: order.caller.phone ?? null,
        anonymous: order.caller.anonymous ?? false,
      },
      ...(order.matterCode && order.attributes ? { formAnswers: order.attributes } : {}),
      externalId: order.orderNo,
      fallbackRegionCode: rootRegion,
      photoScopePath: rootRegion,
      // The hotline serves the whole county (the root region's path is its code).
      reporterScopePath: rootRegion,
    },
    { now, showSuggestions: false },
  );
  const { case: summary } = outcome.value;
  return {
    // A work order received before (same order number) is answered as what it is: existing.
    kind: outcome.replayed ? 'existing' : outcome.kind,
    value: {
      orderNo: order.orderNo,
      caseCode: summary.code,
      state: summary.state,
      matterCode: summary.matter.code,
      outcome: outcome.replayed ? 'replayed' : outcome.value.outcome,
    },
  };
}
