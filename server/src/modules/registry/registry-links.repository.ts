import type { CaseRegistryLinkKind } from '@yiwang/contracts';
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { withinScope } from '../../platform/scope.js';
import {
  registryAddresses,
  registryBuildings,
  registryDwellings,
  registryFacilities,
  registryHouseholds,
  registryOrganizations,
  registryPeople,
} from './registry.tables.js';
import { registryCaseLinks } from './registry-links.tables.js';

export type CaseLinkRow = typeof registryCaseLinks.$inferSelect;

/** What a link shows of its record: a person by name (nothing sealed), a place by its address. */
export interface LinkedRecord {
  id: string;
  path: string;
  title: string;
  subtitle: string;
  personId: string | null;
  buildingId: string | null;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const inIds = (column: Parameters<typeof inArray>[0], ids: readonly string[]) =>
  ids.length ? inArray(column, [...ids]) : sql`false`;

/** The registry's links between cases and its records, and the lists the desk exports. */
export const registryLinksRepository = {
  /** Records of one kind in scope, described for a link (absent when out of scope or unknown). */
  async describeRecords(
    db: Executor,
    kind: CaseRegistryLinkKind,
    ids: readonly string[],
    scopePath: string,
  ): Promise<Map<string, LinkedRecord>> {
    const found = new Map<string, LinkedRecord>();
    if (ids.length === 0) return found;
    switch (kind) {
      case 'person': {
        const rows = await db
          .select({
            id: registryPeople.id,
            path: registryPeople.path,
            name: registryPeople.name,
            address: registryAddresses.text,
            buildingId: registryDwellings.buildingId,
          })
          .from(registryPeople)
          .innerJoin(registryHouseholds, eq(registryHouseholds.id, registryPeople.householdId))
          .innerJoin(registryDwellings, eq(registryDwellings.id, registryHouseholds.dwellingId))
          .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
          .where(and(inIds(registryPeople.id, ids), withinScope(registryPeople.path, scopePath)));
        for (const r of rows) {
          found.set(r.id, {
            id: r.id,
            path: r.path,
            title: r.name,
            subtitle: r.address,
            personId: r.id,
            buildingId: r.buildingId,
          });
        }
        return found;
      }
      case 'household': {
        const rows = await db
          .select({
            id: registryHouseholds.id,
            path: registryHouseholds.path,
            head: registryPeople.name,
            headId: registryPeople.id,
            address: registryAddresses.text,
            buildingId: registryDwellings.buildingId,
          })
          .from(registryHouseholds)
          .innerJoin(registryDwellings, eq(registryDwellings.id, registryHouseholds.dwellingId))
          .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
          .leftJoin(
            registryPeople,
            and(
              eq(registryPeople.householdId, registryHouseholds.id),
              eq(registryPeople.relation, 'head'),
              isNull(registryPeople.movedOutOn),
            ),
          )
          .where(and(inIds(registryHouseholds.id, ids), withinScope(registryHouseholds.path, scopePath)));
        for (const r of rows) {
          found.set(r.id, {
            id: r.id,
            path: r.path,
            title: r.head ? `${r.head}户` : r.address,
            subtitle: r.address,
            personId: r.headId,
            buildingId: r.buildingId,
          });
        }
        return found;
      }
      case 'dwelling': {
        const rows = await db
          .select({
            id: registryDwellings.id,
            path: registryDwellings.path,
            address: registryAddresses.text,
            buildingName: registryBuildings.name,
            buildingId: registryDwellings.buildingId,
          })
          .from(registryDwellings)
          .innerJoin(registryAddresses, eq(registryAddresses.id, registryDwellings.addressId))
          .innerJoin(registryBuildings, eq(registryBuildings.id, registryDwellings.buildingId))
          .where(and(inIds(registryDwellings.id, ids), withinScope(registryDwellings.path, scopePath)));
        for (const r of rows) {
          found.set(r.id, {
            id: r.id,
            path: r.path,
            title: r.address,
            subtitle: r.buildingName,
            personId: null,
            buildingId: r.buildingId,
          });
        }
        return found;
      }
      case 'facility': {
        const rows = await db
          .select()
          .from(registryFacilities)
          .where(and(inIds(registryFacilities.id, ids), withinScope(registryFacilities.path, scopePath)));
        for (const r of rows) {
          found.set(r.id, {
            id: r.id,
            path: r.path,
            title: r.name,
            subtitle: `${r.classCode} · ${r.gridCode}`,
            personId: null,
            buildingId: null,
          });
        }
        return found;
      }
    }
  },

  /** A case's current links to records in scope, the oldest first. */
  activeLinksOfCase(db: Executor, caseId: string, scopePath: string): Promise<CaseLinkRow[]> {
    return db
      .select()
      .from(registryCaseLinks)
      .where(
        and(
          eq(registryCaseLinks.caseId, caseId),
          isNull(registryCaseLinks.removedAt),
          withinScope(registryCaseLinks.path, scopePath),
        ),
      )
      .orderBy(asc(registryCaseLinks.createdAt), asc(registryCaseLinks.id));
  },

  /** One current link of a case, in scope, locked until the transaction ends. */
  async lockActiveLink(db: Executor, caseId: string, linkId: string, scopePath: string) {
    const [row] = await db
      .select()
      .from(registryCaseLinks)
      .where(
        and(
          eq(registryCaseLinks.id, linkId),
          eq(registryCaseLinks.caseId, caseId),
          isNull(registryCaseLinks.removedAt),
          withinScope(registryCaseLinks.path, scopePath),
        ),
      )
      .for('update');
    return row;
  },

  /**
   * Links a case to a record by hand: a new row, or the removed one reopened. `existing` when it
   * was linked already.
   */
  async linkByHand(
    db: Executor,
    link: { caseId: string; recordKind: CaseRegistryLinkKind; recordId: string; path: string; userId: string | null },
  ): Promise<{ row: CaseLinkRow; existing: boolean }> {
    const [current] = await db
      .select()
      .from(registryCaseLinks)
      .where(
        and(
          eq(registryCaseLinks.caseId, link.caseId),
          eq(registryCaseLinks.recordKind, link.recordKind),
          eq(registryCaseLinks.recordId, link.recordId),
        ),
      )
      .for('update');
    if (current && current.removedAt === null) return { row: current, existing: true };
    const [row] = await db
      .insert(registryCaseLinks)
      .values({ ...link, origin: 'manual', createdBy: link.userId })
      .onConflictDoUpdate({
        target: [registryCaseLinks.caseId, registryCaseLinks.recordKind, registryCaseLinks.recordId],
        set: {
          origin: 'manual',
          path: link.path,
          createdBy: link.userId,
          createdAt: sql`now()`,
          removedAt: null,
          removedBy: null,
        },
      })
      .returning();
    return { row: row as CaseLinkRow, existing: false };
  },

  /** Automatic links: never over a link that exists or was removed (the unique key). Returns those made. */
  linkAutomatically(
    db: Executor,
    links: { caseId: string; recordKind: CaseRegistryLinkKind; recordId: string; path: string }[],
  ): Promise<CaseLinkRow[]> {
    if (links.length === 0) return Promise.resolve([]);
    return db
      .insert(registryCaseLinks)
      .values(links.map((l) => ({ ...l, origin: 'automatic' as const })))
      .onConflictDoNothing()
      .returning();
  },

  async removeLink(db: Executor, id: string, userId: string | null, now: Date) {
    await db.update(registryCaseLinks).set({ removedAt: now, removedBy: userId }).where(eq(registryCaseLinks.id, id));
  },

  /** Cases linked (currently) to any of these records in scope, with the kind of record each link names. */
  casesLinkedTo(
    db: Executor,
    records: { kind: CaseRegistryLinkKind; ids: readonly string[] }[],
    scopePath: string,
  ): Promise<{ caseId: string; recordKind: CaseRegistryLinkKind }[]> {
    const wanted = records
      .filter((r) => r.ids.length > 0)
      .map(
        (r) => and(eq(registryCaseLinks.recordKind, r.kind), inArray(registryCaseLinks.recordId, [...r.ids])) as SQL,
      );
    if (wanted.length === 0) return Promise.resolve([]);
    return db
      .select({ caseId: registryCaseLinks.caseId, recordKind: registryCaseLinks.recordKind })
      .from(registryCaseLinks)
      .where(and(or(...wanted), isNull(registryCaseLinks.removedAt), withinScope(registryCaseLinks.path, scopePath)));
  },

  /** The households of these dwellings (their links count as the dwelling's). */
  async householdIdsOfDwellings(db: Executor, dwellingIds: readonly string[]): Promise<string[]> {
    if (dwellingIds.length === 0) return [];
    const rows = await db
      .select({ id: registryHouseholds.id })
      .from(registryHouseholds)
      .where(inArray(registryHouseholds.dwellingId, [...dwellingIds]));
    return rows.map((r) => r.id);
  },

  /** Facilities of these classes inside a box (the automatic linker measures the distance itself). */
  facilitiesInBox(
    db: Executor,
    classCodes: readonly string[],
    box: { minLon: number; maxLon: number; minLat: number; maxLat: number },
  ) {
    return db
      .select()
      .from(registryFacilities)
      .where(
        and(
          inArray(registryFacilities.classCode, [...classCodes]),
          gte(registryFacilities.lon, box.minLon),
          lte(registryFacilities.lon, box.maxLon),
          gte(registryFacilities.lat, box.minLat),
          lte(registryFacilities.lat, box.maxLat),
        ),
      );
  },

  /** A facility in scope. */
  async facilityInScope(db: Executor, id: string, scopePath: string) {
    const [row] = await db
      .select()
      .from(registryFacilities)
      .where(and(eq(registryFacilities.id, id), withinScope(registryFacilities.path, scopePath)));
    return row;
  },

  /** Organizations in scope (name, licence or address containing `q`), by name, with their address and count. */
  async organizationsInScope(db: Executor, scopePath: string, q: string, page: { limit: number; offset: number }) {
    const like = `%${escapeLike(q)}%`;
    const where = and(
      withinScope(registryOrganizations.path, scopePath),
      q
        ? or(
            ilike(registryOrganizations.name, like),
            ilike(registryOrganizations.licenceNumber, like),
            ilike(registryAddresses.text, like),
          )
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select({ organization: registryOrganizations, address: registryAddresses.text })
        .from(registryOrganizations)
        .innerJoin(registryAddresses, eq(registryAddresses.id, registryOrganizations.addressId))
        .where(where)
        .orderBy(asc(registryOrganizations.name), asc(registryOrganizations.id))
        .limit(page.limit)
        .offset(page.offset),
      db
        .select({ n: count() })
        .from(registryOrganizations)
        .innerJoin(registryAddresses, eq(registryAddresses.id, registryOrganizations.addressId))
        .where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },

  /** Facilities in scope (name, class code or owner containing `q`), by class then name, and their count. */
  async facilitiesInScope(db: Executor, scopePath: string, q: string, page: { limit: number; offset: number }) {
    const like = `%${escapeLike(q)}%`;
    const where = and(
      withinScope(registryFacilities.path, scopePath),
      q
        ? or(
            ilike(registryFacilities.name, like),
            ilike(registryFacilities.classCode, like),
            ilike(registryFacilities.ownerUnit, like),
          )
        : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(registryFacilities)
        .where(where)
        .orderBy(asc(registryFacilities.classCode), asc(registryFacilities.name), desc(registryFacilities.id))
        .limit(page.limit)
        .offset(page.offset),
      db.select({ n: count() }).from(registryFacilities).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  },
};
