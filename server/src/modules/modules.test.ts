import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PERMISSIONS } from '@yiwang/contracts';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema.js';
import { loadConfig } from '../platform/config.js';
import { httpStatusOf, PLATFORM_ERRORS } from '../platform/errors.js';
import { translate } from '../platform/i18n.js';
import { backgroundJobs, modules } from './index.js';

const tablesOf = (exports: Readonly<Record<string, unknown>>) =>
  Object.values(exports).filter((value): value is PgTable => is(value, PgTable));

describe('what the modules declare', () => {
  it('db/schema.ts (drizzle-kit reads it) exports exactly the tables the modules declare, each owned once', () => {
    const declared = modules.flatMap((m) => tablesOf(m.tables ?? {}).map((table) => getTableName(table)));
    expect(new Set(declared).size).toBe(declared.length);
    const exported = tablesOf(schema).map((table) => getTableName(table));
    expect([...exported].sort()).toEqual([...declared].sort());
  });

  it('every permission of the vocabulary is declared by exactly one module', () => {
    const declared = modules.flatMap((m) => Object.keys(m.permissions ?? {}));
    expect([...declared].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('an error code is declared once: by the platform or by one module', () => {
    const declared = [...Object.keys(PLATFORM_ERRORS), ...modules.flatMap((m) => Object.keys(m.errors ?? {}))];
    expect(declared.filter((code, i) => declared.indexOf(code) !== i)).toEqual([]);
  });

  it("a module's own code answers with its declared status and message; its field problems read too", () => {
    expect(httpStatusOf('account-locked')).toBe(423);
    expect(translate('zh-CN', 'account-locked', { minutes: 15 })).toContain('15 分钟');
    expect(translate('en-US', 'case-same-unit')).toBe('The case is already with that unit; choose another one.');
    expect(translate('en-US', 'field.same-as-holder')).toBe('must be a different person from the holder');
  });

  it('module and job names are unique (a job name is the key of its lease row)', () => {
    const names = modules.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const config = loadConfig({}, { dataDir: mkdtempSync(join(tmpdir(), 'yw-modules-')) });
    const jobs = backgroundJobs({ config, database: null as never }).map((job) => job.name);
    expect(jobs.length).toBeGreaterThan(0);
    expect(new Set(jobs).size).toBe(jobs.length);
  });
});
