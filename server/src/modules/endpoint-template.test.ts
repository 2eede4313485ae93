import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The one template for every endpoint (docs/ARCHITECTURE.md): route = schema → authorize →
 * one use case → present. Routes hold no queries and open no transactions; use cases say what
 * a write did (WriteResult) and never pick an HTTP status. Read from the source, so a new
 * route or use case is held to it without a list.
 */
const MODULES = import.meta.dirname;
const sources = readdirSync(MODULES, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('test-helpers'))
  .map((file) => join(MODULES, file));
const routeFiles = sources.filter((file) => file.endsWith('.routes.ts'));
const useCaseFiles = sources.filter((file) => /[\\/]use-cases[\\/]/.test(file));

interface Rule {
  what: string;
  pattern: RegExp;
}

/** `file:line: what` for every line of the files that breaks one of the rules. */
function breaches(files: string[], rules: Rule[]): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        rules
          .filter((rule) => rule.pattern.test(line))
          .map((rule) => `${relative(MODULES, file)}:${i + 1}: ${rule.what}`),
      ),
  );
}

const ROUTE_RULES: Rule[] = [
  // A type names a shape; a value import of a repository is a query waiting to be called.
  { what: 'imports a repository', pattern: /^import\s+(?!type\b).*from\s+'[^']*\.repository\.js'/ },
  { what: 'calls a repository or lookups', pattern: /\b\w+(Repository|Lookups)\.\w+\(/ },
  { what: 'opens a transaction', pattern: /\.transaction\(/ },
  { what: 'queries the database', pattern: /\b(db|tx)\.(select|insert|update|delete|execute)\(|\bqueryRows\(/ },
];

const USE_CASE_RULES: Rule[] = [
  { what: 'returns an HTTP status', pattern: /\bstatus(Code)?\s*:\s*[1-5]\d\d\b/ },
  { what: 'knows the HTTP reply', pattern: /from\s+'fastify'|\breply\.\w+\(/ },
];

describe('one template for every endpoint', () => {
  it('finds the routes and use cases it holds to the template', () => {
    expect(routeFiles.length).toBeGreaterThan(15);
    expect(useCaseFiles.length).toBeGreaterThan(40);
  });

  it('a route calls use cases: no repository, no query, no transaction in a route file', () => {
    expect(breaches(routeFiles, ROUTE_RULES)).toEqual([]);
  });

  it('a use case returns what it did, never an HTTP status (the route maps it with statusOf)', () => {
    expect(breaches(useCaseFiles, USE_CASE_RULES)).toEqual([]);
  });

  it('the rules catch what they are about', () => {
    const lines = [
      "import { unitsRepository } from './units.repository.js';",
      'const rows = await gridsRepository.listCurrentInScope(db, filter);',
      'await deps.db.transaction((tx) => recordAudit(tx, context, event));',
      'const [row] = await db.select().from(units);',
    ];
    expect(lines.filter((line) => ROUTE_RULES.some((rule) => rule.pattern.test(line)))).toEqual(lines);
    expect(
      ROUTE_RULES.some((rule) => rule.pattern.test("import type { GridSummary } from './grids.repository.js';")),
    ).toBe(false);
    expect(USE_CASE_RULES.some((rule) => rule.pattern.test('return { status: 201, body: presentPatrol(row) };'))).toBe(
      true,
    );
    expect(
      USE_CASE_RULES.some((rule) => rule.pattern.test("return { kind: 'created', value: presentPatrol(row) };")),
    ).toBe(false);
  });
});
