import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDurableServer, UnsafeDatabaseError } from './client.js';

let pglite: PGlite;
beforeAll(async () => {
  pglite = await PGlite.create();
});
afterAll(() => pglite.close());

const showOf = (client: PGlite) => async (setting: string) => {
  const { rows } = await client.query<Record<string, string>>(`SHOW ${setting}`);
  return rows[0]?.[setting] ?? '';
};

describe('assertDurableServer', () => {
  it('accepts a server with fsync and synchronous_commit on', async () => {
    await pglite.exec('SET synchronous_commit TO on');
    const settings = { fsync: 'on', synchronous_commit: await showOf(pglite)('synchronous_commit') };
    await expect(assertDurableServer(async (s) => settings[s])).resolves.toBeUndefined();
  });

  it('refuses synchronous_commit off, saying why', async () => {
    await pglite.exec('SET synchronous_commit TO off');
    const real = showOf(pglite);
    const check = assertDurableServer(async (s) => (s === 'fsync' ? 'on' : real(s)));
    await expect(check).rejects.toBeInstanceOf(UnsafeDatabaseError);
    await expect(check).rejects.toThrow(/synchronous_commit is off.*could lose acknowledged writes/);
  });

  it('refuses fsync off', async () => {
    await expect(assertDurableServer(async (s) => (s === 'fsync' ? 'off' : 'on'))).rejects.toThrow(/fsync is off/);
  });
});
