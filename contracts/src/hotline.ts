import { type Static, Type } from 'typebox';
import { CRS_NAMES } from './grids.js';

/**
 * A 12345 hotline work order (GB/T 33358-2016 政府热线服务规范: caller, matter, place,
 * urgency), POSTed by the hotline platform to /api/integrations/hotline/work-orders,
 * signed with X-Hotline-Signature / X-Hotline-Timestamp (see README).
 */
export const HotlineWorkOrder = Type.Object({
  /** The hotline's work-order number (工单编号); a retried delivery with the same number returns the same case. */
  orderNo: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }),
  receivedAt: Type.String({ format: 'date-time' }),
  caller: Type.Object({
    name: Type.Optional(Type.String({ maxLength: 60 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    /** The caller asked not to be named to handlers (保密). */
    anonymous: Type.Optional(Type.Boolean()),
  }),
  /** What the caller reported (诉求内容). */
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  /** The hotline's own classification (诉求分类), searched in the catalog when no matterCode is given. */
  category: Type.Optional(Type.String({ maxLength: 100 })),
  /** A matter code of this platform's catalog, when the hotline maps categories itself. */
  matterCode: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[0-9]{4}$' })),
  /** Answers to the matter's form fields (only with matterCode). */
  attributes: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Array(Type.String({ maxLength: 100 }))]),
    ),
  ),
  location: Type.Optional(
    Type.Object({
      lon: Type.Number({ minimum: -180, maximum: 180 }),
      lat: Type.Number({ minimum: -90, maximum: 90 }),
      crs: Type.Optional(Type.Enum(CRS_NAMES)),
    }),
  ),
  address: Type.Optional(Type.String({ maxLength: 300 })),
  urgency: Type.Optional(Type.Enum(['normal', 'urgent'])),
});
export type HotlineWorkOrder = Static<typeof HotlineWorkOrder>;

export const HotlineWorkOrderAccepted = Type.Object({
  orderNo: Type.String(),
  caseCode: Type.String(),
  state: Type.String(),
  matterCode: Type.String(),
  /** created: a new case; merged: joined an open case of the same matter nearby; replayed: this order was received before. */
  outcome: Type.Enum(['created', 'merged', 'replayed']),
});
export type HotlineWorkOrderAccepted = Static<typeof HotlineWorkOrderAccepted>;
