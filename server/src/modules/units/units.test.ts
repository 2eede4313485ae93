import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const codesOf = async (username: string, query: string) =>
  ((await (await t.login(username)).get(`/api/units?limit=500&${query}`)).json().items as { code: string }[]).map(
    (u) => u.code,
  );

describe('the units a desk can send a case to', () => {
  it('are those in scope, and with includeAbove also the units of the regions above (the county’s departments)', async () => {
    const own = await codesOf('operator', 'kind=department');
    expect(own).toEqual([]);
    const above = await codesOf('operator', 'kind=department&includeAbove=true');
    expect(above).toContain('320281-urban');
    expect(above).toHaveLength(24);
    const all = await codesOf('workstation', 'includeAbove=true');
    // A community's desk: its own workstation, its town's center and the county's units — no other town's.
    expect(all).toEqual(expect.arrayContaining(['320281001001-WS', '320281001-CC', '320281-CC', '320281-urban']));
    expect(all.some((code) => code.startsWith('320281002'))).toBe(false);
    expect(all.some((code) => code.startsWith('320281001002'))).toBe(false);
  });
});
