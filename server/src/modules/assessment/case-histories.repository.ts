import type { CaseChannel } from '@yiwang/contracts';
import { and, asc, eq, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { caseEvents, cases } from '../cases/cases.tables.js';
import { matters } from '../catalog/catalog.tables.js';
import { domainEvents } from '../events/events.tables.js';
import type { CaseEventRecord, CaseHeader } from './domain/case-facts.js';

/** Case states with nothing left to happen: such a case with no write since a period began has nothing to count in it. */
const SETTLED = ['closed', 'rated', 'archived', 'voided'];

/** A case with its events (up to some moment) as the indicators read it, and whether it is still open. */
export interface CaseHistory {
  header: CaseHeader;
  events: CaseEventRecord[];
  open: boolean;
}

/**
 * The cases that can count in the window [from, to): created before `to`, and open now, or
 * written to since `from`, or with handling that fell due after then.
 */
export const countableIn = (from: Date, to: Date): SQL =>
  sql`${cases.createdAt} < ${to} AND (${cases.state} NOT IN (${sql.join(
    SETTLED.map((s) => sql`${s}`),
    sql`, `,
  )}) OR ${cases.updatedAt} >= ${from} OR ${cases.handleDueAt} >= ${from})`;

/**
 * The histories of the cases `where` selects, each with its events up to `asOf`, read from
 * the domain event log (the timeline row of each event adds its details: due dates, units,
 * ratings), with the matter version the case was opened under (its difficulty weighs the
 * case in the fair scores). The one reading of case histories for the assessment's tables,
 * folded or counted.
 */
export async function readCaseHistories(db: Executor, where: SQL | undefined, asOf: Date): Promise<CaseHistory[]> {
  const rows = await db
    .select({
      caseId: cases.id,
      code: cases.code,
      channel: cases.channel,
      state: cases.state,
      reporterUserId: cases.reporterUserId,
      gridCode: cases.gridCode,
      path: cases.path,
      createdAt: cases.createdAt,
      lon: cases.lon,
      lat: cases.lat,
      matterCode: cases.matterCode,
      matterName: matters.name,
      difficulty: matters.difficulty,
      ownerUnitCodes: matters.ownerUnitCodes,
      handlingLevel: matters.handlingLevel,
      kind: domainEvents.kind,
      occurredAt: domainEvents.occurredAt,
      actorUserId: caseEvents.actorUserId,
      details: caseEvents.details,
    })
    .from(cases)
    .innerJoin(
      domainEvents,
      and(
        eq(domainEvents.aggregateKind, 'case'),
        eq(domainEvents.aggregateId, cases.id),
        lte(domainEvents.occurredAt, asOf),
      ),
    )
    .leftJoin(caseEvents, sql`${caseEvents.id} = (${domainEvents.payload}->>'caseEventId')::bigint`)
    .leftJoin(matters, and(eq(matters.code, cases.matterCode), eq(matters.version, cases.matterVersion)))
    .where(where)
    .orderBy(asc(cases.id), asc(domainEvents.id));
  const histories: CaseHistory[] = [];
  let current: CaseHistory | undefined;
  for (const row of rows) {
    if (current?.header.caseId !== row.caseId) {
      current = {
        header: {
          caseId: row.caseId,
          code: row.code,
          channel: row.channel as CaseChannel,
          reporterUserId: row.reporterUserId,
          matter:
            row.matterName === null || row.difficulty === null || row.handlingLevel === null
              ? null
              : {
                  code: row.matterCode,
                  name: row.matterName,
                  difficulty: row.difficulty,
                  ownerUnitCodes: row.ownerUnitCodes ?? [],
                  handlingLevel: row.handlingLevel,
                },
          gridCode: row.gridCode,
          path: row.path,
          createdAt: row.createdAt,
          location: row.lon === null || row.lat === null ? null : { lon: row.lon, lat: row.lat },
        },
        events: [],
        open: !SETTLED.includes(row.state),
      };
      histories.push(current);
    }
    current.events.push({
      type: row.kind.slice('case.'.length),
      at: row.occurredAt,
      actorUserId: row.actorUserId,
      details: row.details ?? {},
    });
  }
  return histories;
}
