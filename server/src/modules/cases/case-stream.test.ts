import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { at, baseGridsOf, caseWorld, DEMO_COMMUNITY } from './cases.test-helpers.js';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** Reads the stream until an event of `type` arrives (or gives up after `ms`). */
async function readUntil(response: Response, predicate: (text: string) => boolean, ms = 8000): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !predicate(text)) {
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), deadline - Date.now()));
    const next = await Promise.race([reader.read(), timeout]);
    if (next === 'timeout' || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  return text;
}

describe('GET /api/cases/stream', () => {
  it('sends new timeline events of cases in scope and resumes after Last-Event-ID', async () => {
    const w = await caseWorld(t);
    const [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [{ code: string; point: [number, number] }];
    const controller = new AbortController();
    const response = await fetch(`${base}/api/cases/stream`, {
      headers: { cookie: w.operator.cookie },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');

    const intake = await w.operator.post('/api/cases', {
      matterCode: 'CG-0101',
      description: '流测试：井盖缺失',
      point: at(grid.point, 20, 20),
      formAnswers: { hazard: 'risk' },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const code = intake.json().case.code as string;
    const text = await readUntil(response, (s) => s.includes(code));
    controller.abort();
    expect(text).toContain('event: case');
    const match = new RegExp(`id: (\\d+)\\nevent: case\\ndata: (\\{[^\\n]*"caseCode":"${code}"[^\\n]*\\})`).exec(text);
    expect(match).not.toBeNull();
    expect(JSON.parse(match?.[2] as string)).toMatchObject({ caseCode: code, type: 'reported', toState: 'reported' });

    // A reconnect with Last-Event-ID one before gets that event again.
    const again = new AbortController();
    const resumed = await fetch(`${base}/api/cases/stream`, {
      headers: { cookie: w.operator.cookie, 'last-event-id': String(Number(match?.[1]) - 1) },
      signal: again.signal,
    });
    const replay = await readUntil(resumed, (s) => s.includes(code));
    again.abort();
    expect(replay).toContain(`id: ${match?.[1]}`);
  });

  it('does not show a department handler events of cases outside its unit, and needs a session', async () => {
    const w = await caseWorld(t);
    const anonymous = await fetch(`${base}/api/cases/stream`);
    expect(anonymous.status).toBe(401);
    const [grid] = (await baseGridsOf(w, DEMO_COMMUNITY)) as [{ code: string; point: [number, number] }];
    const controller = new AbortController();
    const response = await fetch(`${base}/api/cases/stream`, {
      headers: { cookie: w.handler.cookie },
      signal: controller.signal,
    });
    const intake = await w.operator.post('/api/cases', {
      matterCode: 'ZZ-0101',
      description: '流测试：邻里纠纷，不属于城管局',
      point: at(grid.point, -20, -20),
      formAnswers: { parties: 2, intensity: 'calm' },
    });
    expect(intake.statusCode, intake.body).toBe(201);
    const code = intake.json().case.code as string;
    const text = await readUntil(response, (s) => s.includes(code), 2500);
    controller.abort();
    expect(text).not.toContain(code);
  });
});
