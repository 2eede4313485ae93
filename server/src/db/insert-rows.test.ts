import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { caseTimers } from '../modules/cases/cases.tables.js';
import { insertRowsStatement } from './insert-rows.js';

const dialect = new PgDialect();
const timer = (caseId: string) => ({
  caseId,
  kind: 'overdue' as const,
  stage: 'handle' as const,
  forDueAt: new Date('2026-12-07T09:30:00.000Z'),
  dueAt: new Date('2026-12-07T09:30:00.000Z'),
});

describe('insertRowsStatement', () => {
  it('sends every row as one JSON parameter with column names, leaving the fields no row gives to their defaults', () => {
    const query = dialect.sqlToQuery(
      insertRowsStatement(caseTimers, [
        timer('a0000000-0000-4000-8000-000000000001'),
        timer('a0000000-0000-4000-8000-000000000002'),
      ]),
    );
    expect(query.sql).toContain('INSERT INTO "case_timers" ("case_id", "kind", "stage", "for_due_at", "due_at")');
    expect(query.sql).toContain('jsonb_populate_recordset(NULL::"case_timers", $1::jsonb)');
    expect(query.params).toHaveLength(1);
    expect(JSON.parse(query.params[0] as string)).toEqual([
      {
        case_id: 'a0000000-0000-4000-8000-000000000001',
        kind: 'overdue',
        stage: 'handle',
        for_due_at: '2026-12-07T09:30:00.000Z',
        due_at: '2026-12-07T09:30:00.000Z',
      },
      expect.objectContaining({ case_id: 'a0000000-0000-4000-8000-000000000002' }),
    ]);
  });

  it('refuses rows that give different fields (one would silently get NULL) and an empty list', () => {
    const { stage: _, ...withoutStage } = timer('a0000000-0000-4000-8000-000000000002');
    expect(() =>
      insertRowsStatement(caseTimers, [timer('a0000000-0000-4000-8000-000000000001'), withoutStage]),
    ).toThrow('every row must give the same fields');
    expect(() =>
      insertRowsStatement(caseTimers, [withoutStage, timer('a0000000-0000-4000-8000-000000000001')]),
    ).toThrow('every row must give the same fields');
    expect(() => insertRowsStatement(caseTimers, [])).toThrow('at least one row');
  });
});
