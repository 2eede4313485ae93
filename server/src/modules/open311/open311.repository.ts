import { CLOSED_STATES } from '@yiwang/contracts';
import { and, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { caseEvents, caseReports, cases } from '../cases/cases.tables.js';
import { matters } from '../catalog/catalog.tables.js';
import { photos } from '../photos/photos.tables.js';
import { units } from '../units/units.tables.js';
import type { RequestSource } from './present-open311.js';

const assignedUnit = alias(units, 'assigned_unit');
const commandUnit = alias(units, 'command_unit');

export interface RequestFilter {
  codes?: readonly string[];
  serviceCodes?: readonly string[];
  start?: Date;
  end?: Date;
  status?: 'open' | 'closed';
  limit: number;
}

/** Public columns only: nothing about who reported. */
const requestColumns = {
  code: cases.code,
  state: cases.state,
  matterCode: cases.matterCode,
  matterName: matters.name,
  matterNameEn: matters.nameEn,
  description: cases.description,
  assignedUnitName: assignedUnit.name,
  commandUnitName: commandUnit.name,
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  handleDueAt: cases.handleDueAt,
  address: cases.address,
  lon: cases.lon,
  lat: cases.lat,
  lastEventType: sql<string | null>`(SELECT ${caseEvents.type} FROM ${caseEvents}
    WHERE ${caseEvents.caseId} = ${cases.id} ORDER BY ${caseEvents.id} DESC LIMIT 1)`,
  /** The first media URL a reporter sent, if any. */
  mediaUrl: sql<string | null>`(SELECT ${caseReports.mediaUrl} FROM ${caseReports}
    WHERE ${caseReports.caseId} = ${cases.id} AND ${caseReports.mediaUrl} IS NOT NULL
    ORDER BY ${caseReports.createdAt}, ${caseReports.id} LIMIT 1)`,
  /** The first photo reported with the case (its shared copy is public through /media). */
  firstPhotoId: sql<string | null>`(SELECT (${caseReports.photoIds})[1] FROM ${caseReports}
    WHERE ${caseReports.caseId} = ${cases.id} AND cardinality(${caseReports.photoIds}) > 0
    ORDER BY ${caseReports.createdAt}, ${caseReports.id} LIMIT 1)`,
};

/**
 * Only cases of matters listed publicly, by the matter's current setting: an administrator
 * who marks a matter sensitive hides its earlier cases too.
 */
const listedPublicly = (matterCode: typeof cases.matterCode) => sql`EXISTS (SELECT 1 FROM ${matters} AS listed
  WHERE listed.code = ${matterCode} AND listed.valid_to IS NULL AND listed.listed_publicly)`;

export const open311Repository = {
  /** Service requests (cases) newest first, as GeoReport's GET requests filters them. */
  async findRequests(db: Executor, filter: RequestFilter): Promise<RequestSource[]> {
    const conditions: SQL[] = [listedPublicly(cases.matterCode)];
    if (filter.codes) conditions.push(inArray(cases.code, [...filter.codes]));
    if (filter.serviceCodes) conditions.push(inArray(cases.matterCode, [...filter.serviceCodes]));
    if (filter.start) conditions.push(gte(cases.createdAt, filter.start));
    if (filter.end) conditions.push(lte(cases.createdAt, filter.end));
    if (filter.status === 'closed') conditions.push(inArray(cases.state, [...CLOSED_STATES]));
    if (filter.status === 'open') conditions.push(sql`${cases.state} NOT IN ${[...CLOSED_STATES]}`);
    return db
      .select(requestColumns)
      .from(cases)
      .innerJoin(matters, and(eq(matters.code, cases.matterCode), eq(matters.version, cases.matterVersion)))
      .innerJoin(commandUnit, eq(commandUnit.id, cases.commandUnitId))
      .leftJoin(assignedUnit, eq(assignedUnit.id, cases.assignedUnitId))
      .where(and(...conditions))
      .orderBy(desc(cases.createdAt), desc(cases.code))
      .limit(filter.limit);
  },

  /**
   * The storage key of the shared copy (EXIF and GPS removed) of a photo reported with a
   * case listed publicly: only such photos are public. Feedback photos, unattached uploads
   * and the photos of sensitive matters are not.
   */
  async reportedPhotoKey(db: Executor, photoId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ key: photos.redactedKey })
      .from(photos)
      .innerJoin(caseReports, sql`${photos.id} = ANY(${caseReports.photoIds})`)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(and(eq(photos.id, photoId), listedPublicly(cases.matterCode)))
      .limit(1);
    return row?.key;
  },

  /** The case a report (its id is the Open311 token) ended in, also after a merge; none when not listed publicly. */
  async caseCodeOfReport(db: Executor, reportId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ code: cases.code })
      .from(caseReports)
      .innerJoin(cases, eq(cases.id, caseReports.caseId))
      .where(and(eq(caseReports.id, reportId), eq(caseReports.channel, 'open311'), listedPublicly(cases.matterCode)));
    return row?.code;
  },
};
