import { type Static, Type } from 'typebox';

export const AuditEntry = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String(),
  action: Type.String(),
  objectType: Type.String(),
  objectId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditList = Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() });
export type AuditList = Static<typeof AuditList>;

const ChainBreak = Type.Object({ id: Type.String(), reason: Type.String(), message: Type.String() });
export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  /** The first broken row: for a deleted row, the id that is missing. */
  firstBroken: Type.Union([ChainBreak, Type.Null()]),
  broken: Type.Array(ChainBreak),
  /** Signed checkpoints checked against the rows. */
  checkpoints: Type.Integer(),
  /** Checkpoints whose signature fails or whose signed rows were rewritten or deleted. */
  brokenCheckpoints: Type.Array(
    Type.Object({ checkpointId: Type.String(), at: Type.String(), reason: Type.String(), message: Type.String() }),
  ),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;
