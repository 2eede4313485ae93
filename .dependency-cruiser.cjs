/**
 * `npm run lint:cycles`: no import circle in the server, the web apps or the contracts, and no
 * module reaching into another's internals. A circle (type-only imports included) means two
 * files cannot be understood, tested or moved apart; break it by moving the shared piece to its
 * right home (see docs/ARCHITECTURE.md).
 */

const MODULE = '^server/src/modules/([^/]+)/';
/** Tests and test helpers may import anything (they set up other modules' rows). */
const TESTS = '\\.test\\.ts$|\\.test-helpers\\.ts$';

/**
 * Read joins: a repository may join another module's tables to READ them in one query (a list
 * with its grid's name, a case with its unit). Only the owning module writes its tables. Each
 * one is listed here: repository → the other modules' tables it reads.
 */
const READ_JOINS = {
  'accounts/accounts.repository.ts': ['regions/regions.tables.ts', 'units/units.tables.ts'],
  // The indicators' cases in scope (their histories: case-histories.repository.ts), names of the units ranked.
  'assessment/assessment.repository.ts': [
    'accounts/accounts.tables.ts',
    'cases/cases.tables.ts',
    'grids/grids.tables.ts',
    'regions/regions.tables.ts',
    'units/units.tables.ts',
  ],
  // The 双随机 registries: inspectors are accounts placed by region and unit; targets are grids, units and cases.
  'assessment/inspection-draws.repository.ts': [
    'accounts/accounts.tables.ts',
    'cases/cases.tables.ts',
    'grids/grids.tables.ts',
    'regions/regions.tables.ts',
    'units/units.tables.ts',
  ],
  // The stored indicator totals are counted from the event log's case events, placed by grid and region,
  // weighed by the matter version.
  'assessment/indicator-counters.repository.ts': [
    'cases/cases.tables.ts',
    'events/events.tables.ts',
    'grids/grids.tables.ts',
    'regions/regions.tables.ts',
  ],
  // One reading of case histories (cases, their event-log events with timeline details, the matter
  // version) for the folded and the stored indicator tables.
  'assessment/case-histories.repository.ts': [
    'cases/cases.tables.ts',
    'catalog/catalog.tables.ts',
    'events/events.tables.ts',
  ],
  // The big screen counts cases and reads bare points and patrol positions (no people) of its scope.
  'big-screen/big-screen.repository.ts': [
    'cases/cases.tables.ts',
    'catalog/catalog.tables.ts',
    'events/events.tables.ts',
    'grids/grids.tables.ts',
    'patrols/patrols.tables.ts',
  ],
  'cases/case-timeline.repository.ts': ['accounts/accounts.tables.ts'],
  // An activity shows its organizer's display name.
  'volunteers/volunteers.repository.ts': ['accounts/accounts.tables.ts'],
  'cases/cases.repository.ts': [
    'catalog/catalog.tables.ts',
    'events/events.tables.ts',
    'grids/grids.tables.ts',
    'regions/regions.tables.ts',
    'units/units.tables.ts',
  ],
  'catalog/catalog.repository.ts': ['units/units.tables.ts'],
  'field/field.repository.ts': [
    'accounts/accounts.tables.ts',
    'cases/cases.tables.ts',
    'catalog/catalog.tables.ts',
    'grids/grids.tables.ts',
    'photos/photos.tables.ts',
    'staffing/staffing.tables.ts',
    'visits/visits.tables.ts',
  ],
  'grids/grids.repository.ts': ['regions/regions.tables.ts'],
  'hotline/hotline.repository.ts': ['cases/cases.tables.ts', 'regions/regions.tables.ts'],
  // GeoReport's public lists: a case with its matter's names and units, its first reported photo.
  'open311/open311.repository.ts': [
    'cases/cases.tables.ts',
    'catalog/catalog.tables.ts',
    'photos/photos.tables.ts',
    'units/units.tables.ts',
  ],
  'patrols/patrols.repository.ts': ['accounts/accounts.tables.ts', 'visits/visits.tables.ts'],
  'residents/residents.repository.ts': [
    'cases/cases.tables.ts',
    'catalog/catalog.tables.ts',
    'regions/regions.tables.ts',
  ],
  'staffing/staffing.repository.ts': ['accounts/accounts.tables.ts', 'grids/grids.tables.ts'],
  'units/units.repository.ts': ['regions/regions.tables.ts'],
  'visits/visits.repository.ts': ['accounts/accounts.tables.ts'],
};

const escapeDots = (path) => path.replace(/[.]/g, '\\.');
const modulePath = (path) => `^server/src/modules/${escapeDots(path)}$`;
/**
 * What any module file may import of another module: its public face, and its `*.lookups.ts`
 * (the reads it offers, also re-exported by the face; importing them directly keeps a reader
 * clear of everything else the face pulls in, which could close a circle).
 */
const PUBLIC_FACE = '^server/src/modules/[^/]+/(index|[^/]+[.]lookups)[.]ts$';
const WEB_MODULE = '^web/src/modules/([^/]+)/';
const WEB_PUBLIC_FACE = '^web/src/modules/[^/]+/index[.]ts$';
/** A module's tables may name another module's table in a foreign key. */
const FOREIGN_KEY_FROM = '\\.tables\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: move the piece both sides need to a module both may import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-boundary',
      severity: 'error',
      comment:
        'A module imports another module only through its public face (modules/<m>/index.ts); add what you need there. Exceptions: tests, foreign keys between *.tables.ts, and the read joins listed in READ_JOINS.',
      from: { path: MODULE, pathNot: [TESTS, FOREIGN_KEY_FROM, ...Object.keys(READ_JOINS).map(modulePath)] },
      to: { path: MODULE, pathNot: ['^server/src/modules/$1/', PUBLIC_FACE] },
    },
    {
      name: 'module-boundary-foreign-key',
      severity: 'error',
      comment: "A module's tables may name another module's tables (foreign keys), nothing else of it.",
      from: { path: `${MODULE}.*${FOREIGN_KEY_FROM}` },
      to: { path: MODULE, pathNot: ['^server/src/modules/$1/', PUBLIC_FACE, '\\.tables\\.ts$'] },
    },
    {
      name: 'web-module-boundary',
      severity: 'error',
      comment:
        "A desk module imports another desk module only through its face (web/src/modules/<m>/index.ts; its DeskModule is <m>-module.tsx, listed by modules/index.ts); what is no module's belongs in web/src/lib or web/src/shared.",
      from: { path: WEB_MODULE, pathNot: TESTS },
      to: { path: WEB_MODULE, pathNot: ['^web/src/modules/$1/', WEB_PUBLIC_FACE] },
    },
    ...Object.entries(READ_JOINS).map(([repository, tables]) => ({
      name: 'module-boundary-read-join',
      severity: 'error',
      comment: `${repository} may read the tables listed for it in READ_JOINS, and otherwise only other modules' public faces.`,
      from: { path: modulePath(repository) },
      to: {
        path: MODULE,
        pathNot: [`^server/src/modules/${repository.split('/')[0]}/`, PUBLIC_FACE, ...tables.map(modulePath)],
      },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
  },
};
