import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/app.js';
import {
  at,
  baseGridsOf,
  type CaseWorld,
  caseWorld,
  commandOk,
  DEMO_COMMUNITY,
  reportOk,
  uploadPhoto,
} from '../cases/cases.test-helpers.js';
import { DEMO_OPEN311_API_KEY } from '../demo/load-demo-county.js';
import type { Position } from '../grids/geometry/index.js';
import type { Open311Attribute } from './present-open311.js';

// The GeoReport v2 JSON Schemas (draft-07 style, no $schema): ../shared/open311.
// The GeoReport v2 JSON Schemas: the shared copy beside the repository when present,
// else the copy kept in the repository (georeport-schemas/, same files), so a lone clone tests too.
const SHARED_DIR = join(import.meta.dirname, '../../../../../shared/open311');
const SCHEMA_DIR = existsSync(join(SHARED_DIR, 'request.json'))
  ? SHARED_DIR
  : join(import.meta.dirname, 'georeport-schemas');
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const name of ['service', 'service-definition', 'request', 'services', 'requests']) {
  const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.json`), 'utf8'));
  ajv.addSchema({ ...schema, $id: `${name}.json` });
}
const schema = (name: string) => ajv.getSchema(`${name}.json`) as ValidateFunction;
function expectValid(name: string, data: unknown) {
  const validate = schema(name);
  expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
}

/** Well-formed: one root, balanced tags, only the five predefined entities, no stray '<' or '&'. */
function expectWellFormedXml(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  const body = xml.slice(xml.indexOf('?>') + 2);
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  // biome-ignore lint/suspicious/noAssignInExpressions: a tokenizer loop
  while ((match = tag.exec(body))) {
    consumed = tag.lastIndex;
    const [, closing, name, selfClosing, text] = match;
    if (text !== undefined) {
      expect(stack.length, `text outside the root: ${text}`).toBeGreaterThan(0);
      expect(/&(?!(amp|lt|gt|quot|apos);)/.test(text), `bad entity in ${text}`).toBe(false);
      expect(text.includes('>')).toBe(false);
    } else if (closing) {
      expect(stack.pop()).toBe(name);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name as string);
    }
  }
  expect(consumed).toBe(body.length);
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}
const xmlValue = (xml: string, tagName: string) => new RegExp(`<${tagName}>([^<]*)</${tagName}>`).exec(xml)?.[1];

let w: CaseWorld;
let grid: { code: string; point: Position };

beforeAll(async () => {
  w = await caseWorld(await createTestApp());
  [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [typeof grid];
});
afterAll(() => w.t.close());

const get = (url: string, headers: Record<string, string> = {}) => w.t.app.inject({ method: 'GET', url, headers });
const postForm = (url: string, form: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return w.t.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: params.toString(),
  });
};

/** A value for each required attribute of a service definition. */
function answersFor(attributes: Open311Attribute[]): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const a of attributes.filter((x) => x.required)) {
    const first = a.values?.[0]?.key ?? 'x';
    form[a.datatype === 'multivaluelist' ? `attribute[${a.code}][]` : `attribute[${a.code}]`] =
      a.datatype === 'number' ? '2' : a.datatype === 'datetime' ? '2026-05-01T08:00:00+08:00' : first;
  }
  return form;
}

describe('Open311 GeoReport v2: discovery and services', () => {
  it('serves discovery in JSON and XML', async () => {
    const json = await get('/open311/v2/discovery.json');
    expect(json.statusCode).toBe(200);
    expect(json.json().endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2' });
    const xml = await get('/open311/v2/discovery.xml');
    expect(xml.headers['content-type']).toContain('text/xml');
    expectWellFormedXml(xml.body);
    expect(xml.body).toContain('<format>application/json</format>');
  });

  it('lists the matters as services, valid against the schema, and as XML', async () => {
    const r = await get('/open311/v2/services.json');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    const services = r.json();
    expectValid('services', services);
    expect(services.length).toBeGreaterThan(100);
    expect(services.find((s: { service_code: string }) => s.service_code === 'CG-0101')).toMatchObject({
      service_name: '井盖缺失',
      metadata: true,
      type: 'realtime',
      group: '城市管理',
    });
    const en = (await get('/open311/v2/services.json', { 'accept-language': 'en-US' })).json();
    expect(en.find((s: { service_code: string }) => s.service_code === 'CG-0302').service_name).toBe('Overflowing bin');
    const xml = await get('/open311/v2/services.xml');
    expectWellFormedXml(xml.body);
    expect(xml.body.match(/<service>/g)?.length).toBe(services.length);
  });

  it('describes a service with its attributes; 404 for an unknown one', async () => {
    const r = await get('/open311/v2/services/CG-0101.json');
    expect(r.statusCode).toBe(200);
    const definition = r.json();
    expectValid('service-definition', definition);
    const hazard = definition.attributes.find((a: Open311Attribute) => a.code === 'hazard');
    expect(hazard).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: true });
    expect(definition.attributes.map((a: Open311Attribute) => a.order)).toEqual(
      definition.attributes.map((_: unknown, i: number) => i + 1),
    );
    expect(hazard.values.length).toBeGreaterThan(1);
    const xml = await get('/open311/v2/services/CG-0101.xml');
    expectWellFormedXml(xml.body);
    expect(xml.body).toContain('<service_definition><service_code>CG-0101</service_code><attributes><attribute>');
    expect(xml.body).toContain('<values><value><key>');

    const unknown = await get('/open311/v2/services/XX-9999.json');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    const unknownXml = await get('/open311/v2/services/XX-9999.xml');
    expect(unknownXml.statusCode).toBe(404);
    expectWellFormedXml(unknownXml.body);
    expect(xmlValue(unknownXml.body, 'code')).toBe('404');
    expect((await get('/open311/v2/services/CG-0101.html')).statusCode).toBe(404);
  });
});

describe('Open311 GeoReport v2: requests', () => {
  let id: string;

  it('takes a request with api_key and answers its id', async () => {
    const definition = (await get('/open311/v2/services/CG-0101.json')).json();
    const point = at(grid.point, 120, -80);
    const r = await postForm('/open311/v2/requests.json', {
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'CG-0101',
      lat: String(point.lat),
      long: String(point.lon),
      description: '人行道上井盖缺失 <危险> & 无警示',
      first_name: '三',
      last_name: '张',
      phone: '13900001111',
      email: 'zhang@example.com',
      ...answersFor(definition.attributes),
    });
    expect(r.statusCode, r.body).toBe(201);
    const [created] = r.json();
    expect(created).toMatchObject({ service_request_id: expect.stringMatching(/^YW\d{8}-\d{6,}$/), account_id: null });
    id = created.service_request_id;
  });

  it('puts the request in the desk queue of the town, on the open311 channel', async () => {
    const queue = (await w.operator.get('/api/cases?channel=open311')).json();
    expect(queue.items.map((c: { code: string }) => c.code)).toContain(id);
    const item = queue.items.find((c: { code: string }) => c.code === id);
    expect(item).toMatchObject({ channel: 'open311', state: 'reported', matter: { code: 'CG-0101' } });
    const city = (await w.cityOperator.get('/api/cases?channel=open311')).json();
    expect(city.items.map((c: { code: string }) => c.code)).toContain(id);
  });

  it('reads the status back as JSON and XML, valid against the schema, with no personal data', async () => {
    const r = await get(`/open311/v2/requests/${id}.json`);
    expect(r.statusCode, r.body).toBe(200);
    const requests = r.json();
    expectValid('requests', requests);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'CG-0101',
      service_name: '井盖缺失',
      description: '人行道上井盖缺失 <危险> & 无警示',
      requested_datetime: expect.stringMatching(/\+08:00$/),
    });
    expect(requests[0].lat).toBeCloseTo(at(grid.point, 120, -80).lat, 6);
    for (const secret of ['张', '13900001111', '1111', 'example.com']) expect(r.body).not.toContain(secret);

    const xml = await get(`/open311/v2/requests/${id}.xml`);
    expect(xml.statusCode).toBe(200);
    expectWellFormedXml(xml.body);
    expect(xmlValue(xml.body, 'service_request_id')).toBe(id);
    expect(xmlValue(xml.body, 'status')).toBe(requests[0].status);
    expect(xml.body).toContain('&lt;危险&gt; &amp; 无警示');
    expect(xml.body).not.toContain('13900001111');
  });

  it('follows the case through the loop: status_notes and agency change, status closes', async () => {
    await commandOk(w.operator, id, { type: 'register' } as never);
    const registered = (await get(`/open311/v2/requests/${id}.json`)).json()[0];
    expect(registered).toMatchObject({ status: 'open', status_notes: '已立案' });
    const en = (await get(`/open311/v2/requests/${id}.json`, { 'accept-language': 'en-US' })).json()[0];
    expect(en.status_notes).toBe('Registered as a case');
    await commandOk(w.operator, id, { type: 'void', reason: '测试作废' } as never);
    const voided = (await get(`/open311/v2/requests/${id}.json`)).json();
    expectValid('requests', voided);
    expect(voided[0]).toMatchObject({ status: 'closed', status_notes: '已作废' });
    const xml = (await get(`/open311/v2/requests/${id}.xml`)).body;
    expect(xmlValue(xml, 'status')).toBe('closed');
  });

  it('still finds a request by a token handed out before (its report id)', async () => {
    const token = (await w.admin.get(`/api/cases/${id}`)).json().reports[0].id as string;
    const r = await get(`/open311/v2/tokens/${token}.json`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([{ service_request_id: id, token }]);
    const xml = await get(`/open311/v2/tokens/${token}.xml`);
    expectWellFormedXml(xml.body);
    expect((await get('/open311/v2/tokens/00000000-0000-4000-8000-000000000000.json')).statusCode).toBe(404);
    expect((await get('/open311/v2/tokens/nonsense.json')).statusCode).toBe(404);
  });

  it('lists requests with the GeoReport filters', async () => {
    const all = (await get('/open311/v2/requests.json')).json();
    expectValid('requests', all);
    expect(all.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const byId = (await get(`/open311/v2/requests.json?service_request_id=${id},YW20000101-000001`)).json();
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
    const byCode = (await get('/open311/v2/requests.json?service_code=CG-0101&status=closed')).json();
    expect(byCode.every((r: { service_code: string; status: string }) => r.service_code === 'CG-0101')).toBe(true);
    expect(byCode.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const open = (await get('/open311/v2/requests.json?status=open')).json();
    expect(open.every((r: { status: string }) => r.status === 'open')).toBe(true);
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    const future = (await get('/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z')).json();
    expect(future).toEqual([]);
    const old = (await get('/open311/v2/requests.json?end_date=2000-01-01T00:00:00%2B08:00')).json();
    expect(old).toEqual([]);
    const xml = await get('/open311/v2/requests.xml?service_code=CG-0101');
    expectWellFormedXml(xml.body);
    expect(xml.body.startsWith('<?xml version="1.0" encoding="utf-8"?><service_requests>')).toBe(true);
    const bad = await get('/open311/v2/requests.json?start_date=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()[0].code).toBe(400);
    expect((await get('/open311/v2/requests.json?status=pending')).statusCode).toBe(400);
    expect((await get('/open311/v2/requests/YW20000101-000001.json')).statusCode).toBe(404);
  });

  it('answers errors as GeoReport says: 403 bad api_key, 404 unknown service, 400 missing data', async () => {
    const point = at(grid.point, -150, 60);
    const base = { service_code: 'CG-0302', lat: String(point.lat), long: String(point.lon), description: '满了' };
    const before = (await w.admin.get('/api/cases?limit=1')).json().total;

    const noKey = await postForm('/open311/v2/requests.json', base);
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    const badKey = await postForm('/open311/v2/requests.xml', { ...base, api_key: 'yw_wrong' });
    expect(badKey.statusCode).toBe(403);
    expectWellFormedXml(badKey.body);
    expect(badKey.body).toContain('<errors><error><code>403</code><description>');

    const unknown = await postForm('/open311/v2/requests.json', {
      ...base,
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'XX-0000',
    });
    expect(unknown.statusCode).toBe(404);
    const nowhere = await postForm('/open311/v2/requests.json', {
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'CG-0302',
      description: '没有位置',
    });
    expect(nowhere.statusCode).toBe(400);
    const noService = await postForm('/open311/v2/requests.json', { api_key: DEMO_OPEN311_API_KEY, lat: '31.9' });
    expect(noService.statusCode).toBe(400);
    expect(noService.json()[0].description).toContain('service_code');
    const badAttribute = await postForm('/open311/v2/requests.json', {
      ...base,
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'CG-0101',
      'attribute[hazard]': 'nonsense',
    });
    expect(badAttribute.statusCode).toBe(400);
    expect(badAttribute.json()[0].description).toContain('attribute.hazard');
    const beijing = await postForm('/open311/v2/requests.json', {
      ...base,
      api_key: DEMO_OPEN311_API_KEY,
      lat: '39.909',
      long: '116.397',
    });
    expect(beijing.statusCode).toBe(400);
    expect((await w.admin.get('/api/cases?limit=1')).json().total).toBe(before);
    expect((await get('/open311/v2/nothing.json')).statusCode).toBe(404);
  });

  it('answers bad input in the reader’s language (zh-CN by default), naming the field, never 500', async () => {
    const point = at(grid.point, -140, 70);
    const base = { api_key: DEMO_OPEN311_API_KEY, service_code: 'CG-0302', lat: point.lat, long: point.lon };
    const before = (await w.admin.get('/api/cases?limit=1')).json().total;
    const post = (body: object, headers: Record<string, string> = {}) =>
      w.t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: body, headers });

    const nul = await post({ ...base, description: '满了\u0000' });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json()).toEqual([{ code: 400, description: expect.stringContaining('description') }]);
    expect(nul.json()[0].description).toContain('不能含有空字符');
    const nulForm = await postForm('/open311/v2/requests.json', {
      ...base,
      lat: String(point.lat),
      long: String(point.lon),
      first_name: '三\u0000',
    });
    expect(nulForm.statusCode, nulForm.body).toBe(400);
    expect(nulForm.json()[0].description).toContain('first_name');

    const wrongType = await post({ ...base, lat: 'north' });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()[0].description).toMatch(/^提交的内容有误.*lat：类型不正确（应为 number）/);
    const english = await post({ ...base, lat: 'north' }, { 'accept-language': 'en-US' });
    expect(english.json()[0].description).toMatch(
      /^Some of the input is not valid.*lat: has the wrong type \(expected number\)/,
    );
    const badKey = await post(
      { ...base, api_key: 'yw_wrong', description: 'x' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(badKey.json()).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);
    expect((await post({ ...base, api_key: 'yw_wrong', description: 'x' })).json()[0].description).toMatch(
      /[\u4e00-\u9fff]/,
    );
    const malformed = await w.t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: '{"service_code":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()[0].description).toMatch(/JSON/);
    expect(malformed.json()[0].description).toMatch(/[\u4e00-\u9fff]/);
    expect((await w.admin.get('/api/cases?limit=1')).json().total).toBe(before);
  });

  it('takes a request by address only, placed in the key region for the operator', async () => {
    const definition = (await get('/open311/v2/services/CG-0201.json')).json();
    const r = await postForm('/open311/v2/requests.xml', {
      ...answersFor(definition.attributes),
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'CG-0201',
      address_string: '澄江街道人民路1号',
      description: '路面坑洼',
    });
    expect(r.statusCode, r.body).toBe(201);
    expectWellFormedXml(r.body);
    const code = xmlValue(r.body, 'service_request_id') as string;
    const read = (await get(`/open311/v2/requests/${code}.json`)).json();
    expectValid('requests', read);
    expect(read[0]).toMatchObject({ address: '澄江街道人民路1号', lat: null, long: null, status: 'open' });
  });
});

describe('Open311 GeoReport v2: the spec read end to end (issue 13 item 14)', () => {
  const post = (form: Record<string, string | string[]>, format = 'json', east = -220) => {
    const point = at(grid.point, east, 140);
    return postForm(`/open311/v2/requests.${format}`, {
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'CG-0502',
      lat: String(point.lat),
      long: String(point.lon),
      description: '墙上乱涂乱画',
      ...form,
    });
  };

  it('answers a request created at once with its service_request_id and no token (never both)', async () => {
    const r = await post({});
    expect(r.statusCode, r.body).toBe(201);
    const [created] = r.json();
    expect(Object.keys(created).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    const xml = await post({}, 'xml', -260);
    expect(xml.statusCode, xml.body).toBe(201);
    expectWellFormedXml(xml.body);
    expect(xmlValue(xml.body, 'service_request_id')).toMatch(/^YW/);
    expect(xml.body).not.toContain('<token>');
  });

  it('treats empty optional parameters as absent, in the query and in a form body', async () => {
    const all = await get('/open311/v2/requests.json');
    const empty = await get(
      '/open311/v2/requests.json?status=&service_code=&start_date=&end_date=&service_request_id=&jurisdiction_id=',
    );
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual(all.json());
    const r = await post(
      { lat: '', long: '', address_string: '澄江街道虹桥北路8号', email: '', media_url: '' },
      'json',
    );
    expect(r.statusCode, r.body).toBe(201);
  });

  it('takes jurisdiction_id on every method (one jurisdiction is served)', async () => {
    const j = 'jurisdiction_id=jiangyin.gov.cn';
    for (const url of [
      `/open311/v2/services.json?${j}`,
      `/open311/v2/services/CG-0502.xml?${j}`,
      `/open311/v2/requests.json?${j}&status=open`,
    ]) {
      const r = await get(url);
      expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    }
    expect((await post({ jurisdiction_id: 'jiangyin.gov.cn' }, 'json', -300)).statusCode).toBe(201);
  });

  it('answers each problem of a request as its own error in the errors array', async () => {
    const r = await postForm('/open311/v2/requests.json', { api_key: DEMO_OPEN311_API_KEY, lat: 'north' });
    expect(r.statusCode).toBe(400);
    const errors = r.json() as { code: number; description: string }[];
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.every((e) => e.code === 400)).toBe(true);
    expect(errors.some((e) => e.description.includes('service_code'))).toBe(true);
    expect(errors.some((e) => e.description.includes('lat'))).toBe(true);
    const xml = await postForm('/open311/v2/requests.xml', { api_key: DEMO_OPEN311_API_KEY, lat: 'north' });
    expectWellFormedXml(xml.body);
    expect(xml.body.match(/<error>/g)?.length).toBe(errors.length);
  });
});

describe('Open311 GeoReport v2: media_url', () => {
  const post = (extra: Record<string, string>, east: number) => {
    const point = at(grid.point, east, 260);
    return postForm('/open311/v2/requests.json', {
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'CG-0502',
      lat: String(point.lat),
      long: String(point.lon),
      description: '墙上乱涂乱画',
      ...extra,
    });
  };

  it('stores the media_url sent with a request and shows it back, a valid URI in JSON and XML', async () => {
    const r = await post({ media_url: 'https://photos.example.org/涂鸦 1.jpg?size=large' }, -300);
    expect(r.statusCode, r.body).toBe(201);
    const [{ service_request_id: id }] = r.json();
    const read = (await get(`/open311/v2/requests/${id}.json`)).json();
    expectValid('requests', read);
    const stored = 'https://photos.example.org/%E6%B6%82%E9%B8%A6%201.jpg?size=large';
    expect(read[0].media_url).toBe(stored);
    const xml = await get(`/open311/v2/requests/${id}.xml`);
    expectWellFormedXml(xml.body);
    expect(xmlValue(xml.body, 'media_url')).toBe(stored);
    // On the report, and named in the intake's audit row.
    const detail = (await w.operator.get(`/api/cases/${id}`)).json();
    const token = detail.reports[0].id;
    const audit = (await w.admin.get(`/api/audit?action=case.report&objectId=${id}`)).json();
    expect(audit.items[0].details).toMatchObject({ mediaUrl: stored, reportId: token });
    const listed = (await get('/open311/v2/requests.json?service_code=CG-0502')).json();
    expectValid('requests', listed);
    expect(listed.find((x: { service_request_id: string }) => x.service_request_id === id).media_url).toBe(stored);
  });

  it('refuses a media_url that is not an http(s) URL or too long, storing nothing', async () => {
    const before = (await w.admin.get('/api/cases?limit=1')).json().total;
    for (const [mediaUrl, expected] of [
      ['javascript:alert(1)', 'media_url：须为以 http:// 或 https:// 开头的完整网址'],
      ['ftp://files.example.org/a.jpg', 'media_url：须为以 http:// 或 https:// 开头的完整网址'],
      ['photos/a.jpg', 'media_url：须为以 http:// 或 https:// 开头的完整网址'],
      ['https://user:secret@example.org/a.jpg', 'media_url：须为以 http:// 或 https:// 开头的完整网址'],
      [`https://example.org/${'a'.repeat(1990)}`, 'media_url'],
      [`https://example.org/${'涂'.repeat(300)}`, 'media_url：最多 2000 个字符'],
    ] as const) {
      const r = await post({ media_url: mediaUrl }, 300);
      expect(r.statusCode, mediaUrl).toBe(400);
      expect(r.json()[0].code).toBe(400);
      expect(r.json()[0].description).toContain(expected);
    }
    expect((await w.admin.get('/api/cases?limit=1')).json().total).toBe(before);
  });

  it('without one, shows the shared copy of the first photo reported, served publicly without EXIF', async () => {
    const photoId = await uploadPhoto(w.gridworker);
    const intake = await reportOk(w.gridworker, {
      matterCode: 'CG-0501',
      description: '电线杆小广告',
      point: at(grid.point, 0, -320),
      photoIds: [photoId],
    });
    const read = (await get(`/open311/v2/requests/${intake.case.code}.json`)).json();
    expectValid('requests', read);
    expect(read[0].media_url).toBe(`http://localhost:80/open311/v2/media/${photoId}.jpg`);
    const media = await get(`/open311/v2/media/${photoId}.jpg`);
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toBe('image/jpeg');
    const shared = await w.gridworker.get(`/api/photos/${photoId}/image`);
    expect(media.rawPayload.equals(shared.rawPayload)).toBe(true);

    // Only photos reported with a case are public: not an unattached upload, not an unknown id.
    const loose = await uploadPhoto(w.gridworker);
    expect((await get(`/open311/v2/media/${loose}.jpg`)).statusCode).toBe(404);
    expect((await get(`/open311/v2/media/${crypto.randomUUID()}.jpg`)).statusCode).toBe(404);
    expect((await get('/open311/v2/media/nothing.png')).statusCode).toBe(404);
    // A request with neither keeps media_url null.
    const plainPost = await post({}, 40);
    expect(plainPost.statusCode, plainPost.body).toBe(201);
    const plain = plainPost.json()[0].service_request_id;
    expect((await get(`/open311/v2/requests/${plain}.json`)).json()[0].media_url).toBeNull();
  });
});

describe('Open311 GeoReport v2: only matters listed publicly are public (finding 2)', () => {
  /** From its own address, so the per-address limit of the other tests is not spent here. */
  const read = (url: string) => w.t.app.inject({ method: 'GET', url, remoteAddress: '10.31.1.1' });
  const submit = async (service: string, description: string, east: number) => {
    const definition = (await get(`/open311/v2/services/${service}.json`)).json();
    const point = at(grid.point, east, 260);
    const r = await postForm('/open311/v2/requests.json', {
      api_key: DEMO_OPEN311_API_KEY,
      service_code: service,
      lat: String(point.lat),
      long: String(point.lon),
      description,
      ...answersFor(definition.attributes),
    });
    expect(r.statusCode, r.body).toBe(201);
    const [{ service_request_id }] = r.json() as [{ service_request_id: string }];
    // A token handed out before tokens were dropped from the answer: the report id.
    const token = (await w.admin.get(`/api/cases/${service_request_id}`)).json().reports[0].id as string;
    return { service_request_id, token };
  };

  it('keeps the matter catalog’s setting: people, disputes and security are never listed', async () => {
    const listed = async (code: string) =>
      (await w.admin.get(`/api/catalog/matters/${code}`)).json().matter.listedPublicly as boolean;
    expect(await listed('CG-0101')).toBe(true); // a missing manhole cover
    expect(await listed('ZZ-0101')).toBe(false); // a dispute between neighbours
    expect(await listed('AQ-0101')).toBe(false); // public safety
    expect(await listed('MS-0101')).toBe(false); // an older person living alone
    expect(await listed('QT-0201')).toBe(false); // dogs: the police's
  });

  it('answers a sensitive case like an unknown one in the list, by id, by token and its media', async () => {
    const dispute = await submit('ZZ-0101', '楼上张三家天天吵架，电话 139 1234 5678', 10);
    expect((await read(`/open311/v2/requests/${dispute.service_request_id}.json`)).statusCode).toBe(404);
    expect((await read(`/open311/v2/tokens/${dispute.token}.json`)).statusCode).toBe(404);
    const byId = await read(`/open311/v2/requests.json?service_request_id=${dispute.service_request_id}`);
    expect(byId.json()).toEqual([]);
    const all = await read('/open311/v2/requests.json?service_code=ZZ-0101');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual([]);
    expect(all.body).not.toContain('张三');

    const photoId = await uploadPhoto(w.gridworker);
    await reportOk(w.gridworker, {
      matterCode: 'ZZ-0101',
      description: '邻里纠纷',
      point: at(grid.point, 30, 260),
      photoIds: [photoId],
      formAnswers: { intensity: 'calm' },
    });
    expect((await read(`/open311/v2/media/${photoId}.jpg`)).statusCode).toBe(404);
  });

  it('shows a public case without the numbers its reporter typed, until an administrator marks the matter sensitive', async () => {
    const cover = await submit('CG-0101', '井盖缺失，联系人 13912345678，身份证 32028119800101123X', 60);
    const shown = await read(`/open311/v2/requests/${cover.service_request_id}.json`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()[0].description).toMatch(/^井盖缺失，联系人 \*+，身份证 \*+$/);
    expect((await read(`/open311/v2/tokens/${cover.token}.json`)).statusCode).toBe(200);

    const hide = await w.admin.request({
      method: 'PATCH',
      url: '/api/catalog/matters/CG-0101',
      payload: { listedPublicly: false, reason: '测试：暂不公开' },
    });
    expect(hide.statusCode, hide.body).toBe(200);
    expect((await read(`/open311/v2/requests/${cover.service_request_id}.json`)).statusCode).toBe(404);
    const show = await w.admin.request({
      method: 'PATCH',
      url: '/api/catalog/matters/CG-0101',
      payload: { listedPublicly: true, reason: '测试：恢复公开' },
    });
    expect(show.statusCode, show.body).toBe(200);
    expect((await read(`/open311/v2/requests/${cover.service_request_id}.json`)).statusCode).toBe(200);
  });

  it('limits the public reads per address with a GeoReport 429', async () => {
    const limited = await createTestApp({ config: { publicRateLimit: { max: 3, windowSeconds: 60 } } });
    try {
      const look = (remoteAddress: string, url = '/open311/v2/requests.json') =>
        limited.app.inject({ method: 'GET', url, remoteAddress });
      for (let i = 0; i < 3; i++) expect((await look('10.32.0.1')).statusCode).toBe(200);
      const blocked = await look('10.32.0.1');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()[0]).toMatchObject({ code: 429 });
      expect((await look('10.32.0.2')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('Open311 GeoReport v2: service_notice', () => {
  const post = (headers: Record<string, string>) => {
    const point = at(grid.point, 500, -420);
    const params = new URLSearchParams({
      api_key: DEMO_OPEN311_API_KEY,
      service_code: 'CG-0502',
      lat: String(point.lat),
      long: String(point.lon),
      description: '桥洞墙面乱涂乱画',
    });
    return w.t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: params.toString(),
    });
  };

  it('says a request joined an open one in the reader’s language: Chinese by default, English on Accept-Language', async () => {
    const first = await post({});
    expect(first.statusCode, first.body).toBe(201);
    const again = await post({});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()[0].service_notice).toBe('附近已有同一问题的未办结请求，本次反映已并入该请求。');
    const english = await post({ 'accept-language': 'en-US,en;q=0.9' });
    expect(english.json()[0].service_notice).toBe('Joined an open request about the same problem nearby.');
    const xml = await w.t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: DEMO_OPEN311_API_KEY,
        service_code: 'CG-0502',
        lat: String(at(grid.point, 500, -420).lat),
        long: String(at(grid.point, 500, -420).lon),
      }).toString(),
    });
    expect(xmlValue(xml.body, 'service_notice')).toBe('附近已有同一问题的未办结请求，本次反映已并入该请求。');
  });
});
