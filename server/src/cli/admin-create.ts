// npm run admin:create -- --username <name> [--scope <region code>] [--display-name <name>] [--reset]
// The first administrator of a production database: loads the county's region tree and
// matter catalog when the database has none, creates the account with a one-time password
// (printed once) that must be changed at the first login. --reset gives an existing
// administrator a new one-time password. Uses DATABASE_URL, or the embedded database in the
// data dir (stop the server first: the embedded database is opened by one process at a time).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Username } from '@yiwang/contracts';
import { Value } from 'typebox/value';
import { openDatabase } from '../db/client.js';
import { createAdministrator } from '../modules/accounts/use-cases/create-administrator.js';
import { loadCountyBaseIfEmpty } from '../modules/setup/load-county-base.js';
import { loadConfig } from '../platform/config.js';

const REASONS = {
  'no-regions': 'the database has no region tree',
  'unknown-scope': 'no region has the code given with --scope',
  'username-taken': 'an account with this username already exists (use --reset to give it a new one-time password)',
  'no-such-administrator': 'no administrator has this username',
} as const;

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    scope: { type: 'string' },
    'display-name': { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
if (!values.username || !Value.Check(Username, values.username)) {
  console.error(
    'usage: npm run admin:create -- --username <3-64 of a-z A-Z 0-9 _ . -> [--scope <region code>] [--display-name <name>] [--reset]',
  );
  process.exit(2);
}

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'pglite') });
try {
  const base = await loadCountyBaseIfEmpty(database.db);
  if (base.regions > 0) console.log(`loaded the county's region tree: ${base.regions} regions`);
  if (base.matters > 0) console.log(`loaded the matter catalog: ${base.matters} matters`);
  const result = await createAdministrator({
    db: database.db,
    username: values.username,
    scopeRegionCode: values.scope,
    displayName: values['display-name'],
    reset: values.reset,
  });
  if (!result.ok) {
    console.error(`not done: ${REASONS[result.reason]}`);
    process.exitCode = 1;
  } else {
    console.log(
      [
        `${result.created ? 'administrator created' : 'one-time password set'}: ${result.username} (scope ${result.scopeRegionCode})`,
        `one-time password: ${result.oneTimePassword}`,
        'It is shown only now. Sign in with it on the desk; you will be asked to choose your own password first.',
      ].join('\n'),
    );
  }
} finally {
  await database.close();
}
