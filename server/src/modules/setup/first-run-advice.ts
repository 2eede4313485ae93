import type { Db } from '../../db/client.js';
import { accountsLookups } from '../accounts/index.js';

/** The start banner's lines for a production start (no demo): how to make the first administrator. */
export async function firstRunAdvice(db: Db): Promise<string[]> {
  if (await accountsLookups.hasAnyUser(db)) return ['  Demo county not loaded (production start).'];
  return [
    '  The database is empty (no demo: set YIWANG_LOAD_DEMO=true for one). Create the first administrator:',
    '    npm run admin:create -- --username <name>',
    '  It prints a one-time password, to be changed at the first login.',
  ];
}
