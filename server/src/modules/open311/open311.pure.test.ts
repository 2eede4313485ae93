import { describe, expect, it } from 'vitest';
import { isoWithOffset, open311Status } from './present-open311.js';
import { requestFilterOf } from './use-cases/query-requests.js';
import { escapeXml, xmlDocument } from './xml.js';

describe('the XML writer', () => {
  it('escapes text, drops characters XML cannot carry, writes lists and empty elements', () => {
    expect(escapeXml(`a<b>&"c"'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;');
    expect(
      xmlDocument([
        'errors',
        [
          [
            'error',
            [
              ['code', 404],
              ['description', 'x & y'],
            ],
          ],
          ['error', null],
        ],
      ]),
    ).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>x &amp; y</description></error><error/></errors>',
    );
    expect(() => xmlDocument(['bad name', 'x'])).toThrow();
  });
});

describe('GeoReport mapping', () => {
  it('maps states to open/closed and times to +08:00', () => {
    expect(
      ['reported', 'registered', 'dispatched', 'accepted', 'returned', 'handled', 'on_hold'].map(open311Status),
    ).toEqual(Array(7).fill('open'));
    expect(['closed', 'rated', 'archived', 'voided'].map(open311Status)).toEqual(Array(4).fill('closed'));
    expect(isoWithOffset(new Date('2026-05-01T00:30:00Z'))).toBe('2026-05-01T08:30:00+08:00');
  });

  it('defaults GET requests to the last 90 days; ids override the other filters', () => {
    const now = new Date('2026-05-01T00:00:00Z');
    const f = requestFilterOf({ status: 'open', service_code: 'CG-0101,CG-0302' }, now);
    expect(f).toMatchObject({ status: 'open', serviceCodes: ['CG-0101', 'CG-0302'], limit: 1000 });
    expect(f.start?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(requestFilterOf({ service_request_id: 'A,B', status: 'closed' }, now)).toEqual({
      codes: ['A', 'B'],
      limit: 1000,
    });
    expect(requestFilterOf({ status: 'open,closed' }, now).status).toBeUndefined();
    expect(() =>
      requestFilterOf({ start_date: '2026-05-02T00:00:00Z', end_date: '2026-05-01T00:00:00Z' }, now),
    ).toThrow();
  });
});
