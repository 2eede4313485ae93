import { type Static, type TSchema, Type } from 'typebox';
import { DRAW_SEED_SOURCES, DRAW_TARGET_KINDS, FLAG_KINDS, PERIOD_KINDS } from './vocabulary/assessment.js';

/** 双随机 random inspections (issue 12 item 5): the inspector registry, draws, their re-run check and findings. */

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

// ── the inspector registry ───────────────────────────────────────────────────────

export const Inspector = Type.Object({
  userId: Uuid,
  displayName: Type.String(),
  /** The home area: the account's scope path; the inspector is never drawn for a target in it. */
  areaPath: Type.String(),
  areaName: Type.String(),
  unitId: Nullable(Uuid),
  unitName: Nullable(Type.String()),
  enrolledAt: DateTime,
});
export type Inspector = Static<typeof Inspector>;

export const InspectorList = Type.Object({ items: Type.Array(Inspector) });
export type InspectorList = Static<typeof InspectorList>;

export const EnrollInspectorBody = Type.Object({ userId: Uuid }, { additionalProperties: false });
export type EnrollInspectorBody = Static<typeof EnrollInspectorBody>;

export const InspectorParams = Type.Object({ userId: Uuid });
export type InspectorParams = Static<typeof InspectorParams>;

// ── draws ────────────────────────────────────────────────────────────────────────

export const DrawParameters = Type.Object({
  /** The share of the scope's grids, units and listed cases drawn (at least one when > 0). */
  shares: Type.Object({ grid: Share, unit: Share, case: Share }),
  /** Grids flagged by hand, besides those the detector flags (Draw.flaggedGrids): drawn with `flaggedWeight` instead of 1. */
  flaggedGridCodes: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 2000 }),
  flaggedWeight: Type.Number({ minimum: 1, maximum: 100 }),
  inspectorsPerTarget: Type.Integer({ minimum: 1, maximum: 5 }),
});
export type DrawParameters = Static<typeof DrawParameters>;

export const CreateDrawBody = Type.Object(
  {
    /** What the draw is for, e.g. "2026-12" or "2026年第4季度". */
    period: Type.String({ minLength: 1, maxLength: 40 }),
    /**
     * A public value fixed after the registry (a lottery result, an index close): the seed.
     * Without it the server makes 16 random bytes and shows them as the seed.
     */
    publicValue: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    shares: Type.Optional(Type.Object({ grid: Share, unit: Share, case: Share }, { additionalProperties: false })),
    /** Grids to weight up by hand, in addition to the grids the detector flags (those need no typing). */
    flaggedGridCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 2000 })),
    /**
     * The period whose detector flags weight the draw, as the flags page reads it (a kind and a
     * day in it). Default: the last whole month before the draw is made.
     */
    flagWindow: Type.Optional(
      Type.Object({ period: Type.Enum(PERIOD_KINDS), from: Day }, { additionalProperties: false }),
    ),
    flaggedWeight: Type.Optional(Type.Number({ minimum: 1, maximum: 100 })),
    inspectorsPerTarget: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    /** Cases put into the draw as targets (e.g. closed cases to check again); drawn with the case share. */
    caseCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 2000 })),
  },
  { additionalProperties: false },
);
export type CreateDrawBody = Static<typeof CreateDrawBody>;

export const DrawSummary = Type.Object({
  id: Uuid,
  period: Type.String(),
  seed: Type.String(),
  seedSource: Type.Enum(DRAW_SEED_SOURCES),
  /** SHA-256 of the registry snapshot and parameters the draw used. */
  snapshotHash: Type.String(),
  pairCount: Type.Integer(),
  unstaffedCount: Type.Integer(),
  createdByName: Nullable(Type.String()),
  createdAt: DateTime,
});
export type DrawSummary = Static<typeof DrawSummary>;

export const DrawList = Type.Object({ items: Type.Array(DrawSummary) });
export type DrawList = Static<typeof DrawList>;

export const InspectionFinding = Type.Object({
  id: Uuid,
  pairId: Uuid,
  /** Problems the inspector found on site, and how many of them the inspected had reported. */
  foundCount: Type.Integer(),
  reportedCount: Type.Integer(),
  foundCaseCodes: Type.Array(Type.String()),
  note: Type.String(),
  recordedByName: Nullable(Type.String()),
  recordedAt: DateTime,
});
export type InspectionFinding = Static<typeof InspectionFinding>;

export const DrawnPair = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  targetKind: Type.Enum(DRAW_TARGET_KINDS),
  targetCode: Type.String(),
  targetName: Type.String(),
  /** Where the target lies in the region tree (recusal compares it with the inspector's home area). */
  targetPath: Type.String(),
  inspectorId: Uuid,
  inspectorName: Type.String(),
  findings: Type.Array(InspectionFinding),
});
export type DrawnPair = Static<typeof DrawnPair>;

/** A grid weighted up in a draw, and why: the kinds of detector flag that named it, and/or typed in by hand. */
export const DrawFlaggedGrid = Type.Object({
  gridCode: Type.String(),
  kinds: Type.Array(Type.Enum(FLAG_KINDS)),
  typedIn: Type.Boolean(),
});
export type DrawFlaggedGrid = Static<typeof DrawFlaggedGrid>;

export const Draw = Type.Object({
  ...DrawSummary.properties,
  parameters: DrawParameters,
  /** The period the detector's flags were read for (null: a draw made before the detector fed draws). */
  flagWindow: Nullable(Type.Object({ period: Type.Enum(PERIOD_KINDS), firstDay: Type.String() })),
  /** Every grid weighted up, frozen in the draw's snapshot (later changes to the flags do not alter it). */
  flaggedGrids: Type.Array(DrawFlaggedGrid),
  previousDrawId: Nullable(Uuid),
  pairs: Type.Array(DrawnPair),
  unstaffed: Type.Array(Type.Object({ targetKind: Type.Enum(DRAW_TARGET_KINDS), targetCode: Type.String() })),
});
export type Draw = Static<typeof Draw>;

/** A re-run: the draw recomputed from its stored seed and snapshot, compared with the stored list. */
export const DrawVerification = Type.Object({
  drawId: Uuid,
  seed: Type.String(),
  snapshotHash: Type.String(),
  recomputedSnapshotHash: Type.String(),
  storedPairCount: Type.Integer(),
  recomputedPairCount: Type.Integer(),
  /** True when the snapshot hash matches and the recomputed list equals the stored one, pair by pair. */
  matches: Type.Boolean(),
});
export type DrawVerification = Static<typeof DrawVerification>;

export const DrawPairParams = Type.Object({ id: Uuid, pairId: Uuid });
export type DrawPairParams = Static<typeof DrawPairParams>;

export const RecordFindingBody = Type.Object(
  {
    foundCount: Type.Integer({ minimum: 0, maximum: 10000 }),
    reportedCount: Type.Integer({ minimum: 0, maximum: 10000 }),
    foundCaseCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 500 })),
    note: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type RecordFindingBody = Static<typeof RecordFindingBody>;

export const BookDrawnInspectionBody = Type.Object(
  { day: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }) },
  { additionalProperties: false },
);
export type BookDrawnInspectionBody = Static<typeof BookDrawnInspectionBody>;

/** The pairs drawn for me as inspector (their targets lie outside my own scope, so no draw list shows them to me). */
export const MyDrawnInspections = Type.Object({
  items: Type.Array(
    Type.Object({
      drawId: Uuid,
      period: Type.String(),
      drawnAt: DateTime,
      pair: DrawnPair,
    }),
  ),
});
export type MyDrawnInspections = Static<typeof MyDrawnInspections>;
