import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/client.js';

/**
 * A council decision in a community, written straight into the consultation module's tables
 * (as its meeting would leave it) — test setup only: the fund reads it through consultation's face.
 */
export async function insertTestDecision(
  db: Executor,
  options: { communityCode: string; title: string; decided?: boolean },
): Promise<string> {
  const [region] = await queryRows<{ path: string }>(
    db,
    sql`SELECT path FROM regions WHERE code = ${options.communityCode}`,
  );
  if (!region) throw new Error(`no region ${options.communityCode}`);
  const meetingId = randomUUID();
  const itemId = randomUUID();
  const decisionId = randomUUID();
  await db.execute(sql`INSERT INTO meetings (id, title, meeting_type, region_code, path, starts_at, place, vote_unit,
      quorum_percent, majority_percent, majority_base, state)
    VALUES (${meetingId}, '居民议事会', 'council', ${options.communityCode}, ${region.path}, now() - interval '2 days',
      '社区会议室', 'person', 50, 50, 'cast', 'closed')`);
  await db.execute(sql`INSERT INTO agenda_items (id, meeting_id, position, title, result, decided_at)
    VALUES (${itemId}, ${meetingId}, 1, ${options.title}, 'adopted', now() - interval '2 days')`);
  if (options.decided === false) return itemId;
  await db.execute(sql`INSERT INTO decisions (id, agenda_item_id, meeting_id, region_code, path, title, body, decided_at)
    VALUES (${decisionId}, ${itemId}, ${meetingId}, ${options.communityCode}, ${region.path}, ${options.title},
      ${options.title}, now() - interval '2 days')`);
  return decisionId;
}
