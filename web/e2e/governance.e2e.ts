import type { Decision, NoticeList, Registration, Topic } from '@yiwang/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { pointInGrid } from './support/case-desk';
import { startTestServer, type TestServer } from './support/server';

/**
 * Issue 15's acceptance, in Chromium: residents govern together on the portal (/r), the
 * community workstation runs the meeting, the fund and the volunteers on the desk.
 */

const MEETING = '文定社区第四季度议事会'; // the demo community's next meeting
const TOPIC = '5幢门口增设休息座椅';

/** A signed-in API client for what a step is not about (the case loop's other roles, extra votes). */
async function apiAs(baseUrl: string, username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status, username).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {}),
    put: <T>(path: string, body?: unknown) => call<T>('PUT', path, body),
    command: async (code: string, body: Record<string, unknown>) => {
      await call('POST', `/cases/${code}/commands`, body);
    },
    /** Uploads a plain JPEG (the handler's photo of the work done); answers its id. */
    uploadPhoto: async (): Promise<string> => {
      const jpeg = await sharp({
        create: { width: 800, height: 600, channels: 3, background: { r: 90, g: 120, b: 90 } },
      })
        .jpeg()
        .toBuffer();
      const response = await fetch(`${baseUrl}/api/photos`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'image/jpeg' },
        body: new Uint8Array(jpeg),
      });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return ((await response.json()) as { id: string }).id;
    },
  };
}

describe('residents govern together (issue 15)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[][] = [];

  /** A resident's phone, signed in on the portal. */
  async function phoneOf(username: string): Promise<Page> {
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    const seen: string[] = [];
    problems.push(seen);
    page.on('pageerror', (error) => seen.push(`${username}: ${error.message}`));
    await page.goto('/r/login');
    await page.getByLabel('手机号（或账号）').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  const topicCard = (page: Page) => page.locator(`[data-testid=topic-card][data-title="${TOPIC}"]`);

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('a topic past its threshold goes to the meeting; door codes, 3 paper ballots and online votes decide; the case runs the loop; supporters are told; the portal shows the progress', async () => {
    // — A resident raises a topic on the portal —
    const raiser = await phoneOf('resident');
    await raiser.goto('/r/consult');
    await raiser.getByText('我的社区：文定社区').waitFor();
    await raiser.getByText('提一个议题').click();
    await raiser.getByLabel('议题（一句话说清楚）').fill(TOPIC);
    await raiser.getByLabel('详细说说').fill('老人等孩子放学时没有地方坐，希望在5幢门口放两张座椅。');
    await raiser.getByRole('button', { name: '提交议题' }).click();
    const card = topicCard(raiser);
    await card.getByTestId('topic-progress').getByText('已有 0 人支持，还差 5 人').waitFor();
    // The rules in plain words on the topic.
    await card.getByText(/支持满 5 人，就列入下一次议事会讨论表决/).waitFor();

    // — Five neighbours support it on their phones; the fifth puts it on the next meeting's agenda —
    const supporters = ['resident2', 'resident3', 'resident4', 'resident5', 'resident6'];
    const phones: Record<string, Page> = {};
    for (const [i, username] of supporters.entries()) {
      const page = await phoneOf(username);
      phones[username] = page;
      await page.goto('/r/consult');
      const theirs = topicCard(page);
      await theirs.getByTestId('topic-support').click();
      await theirs.getByText('您已支持').waitFor();
      if (i < supporters.length - 1)
        await theirs.getByTestId('topic-progress').getByText(`已有 ${i + 1} 人支持，还差 ${4 - i} 人`).waitFor();
    }
    await raiser.reload();
    await card.getByTestId('topic-state').getByText('已列入议事会议程').waitFor();
    await card.getByTestId('topic-progress').getByText('已有 5 人支持，人数已够').waitFor();
    await screenshot(raiser, 'governance-topic-on-agenda');

    // — The raiser registers for the meeting (from the topic's link) and votes online —
    await card.getByRole('link', { name: `将在“${MEETING}”上讨论` }).click();
    await raiser.getByTestId('meeting-register').click();
    const raiserCode = (await raiser.getByTestId('my-code').textContent())?.trim() ?? '';
    expect(raiserCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    const item = (page: Page) => page.locator(`[data-testid=agenda-item][data-title="${TOPIC}"]`);
    const voteOn = async (page: Page, label: '同意' | '不同意') => {
      await item(page).getByRole('button', { name: label, exact: true }).click();
      await item(page)
        .getByText(`您的选择：${label}`)
        .waitFor({ timeout: 8000 })
        .catch(async (e) => {
          console.log('DEBUG', page.url(), await page.locator('main, body').first().innerText());
          throw e;
        });
    };
    await voteOn(raiser, '同意');
    // resident2 and resident3 registered in the demo; resident5 registers now.
    const meetingUrl = raiser.url();
    for (const [username, choice] of [
      ['resident2', '同意'],
      ['resident3', '不同意'],
      ['resident5', '同意'],
    ] as const) {
      const page = phones[username] as Page;
      await page.goto(meetingUrl);
      if (username === 'resident5') await page.getByTestId('meeting-register').click();
      await page.getByTestId('my-code').waitFor();
      await voteOn(page, choice);
    }

    // — The clerk at the desk: three neighbours without phones registered by name, everyone checked in by code —
    const desk = await openDesk(browser, server.url);
    contexts.push(desk.context);
    problems.push(desk.problems);
    const clerk = desk.page;
    await logIn(clerk, 'workstation');
    await clerk.goto('/consultation');
    await clerk.getByRole('tab', { name: '议事会' }).click();
    await clerk.getByRole('row').filter({ hasText: MEETING }).getByTestId('meeting-open').click();
    const meetingDesk = clerk.getByTestId('meeting-desk');
    await meetingDesk.waitFor();
    const walkInCodes: string[] = [];
    for (const name of ['王大爷', '李阿姨', '周奶奶']) {
      await clerk.getByTestId('walkin-name').fill(name);
      const [response] = await Promise.all([
        clerk.waitForResponse((r) => r.url().endsWith('/registrations') && r.request().method() === 'POST'),
        clerk.getByTestId('walkin-do').click(),
      ]);
      expect(response.status()).toBe(201);
      walkInCodes.push(((await response.json()) as Registration).code);
    }
    const checkIn = async (code: string) => {
      await clerk.getByTestId('checkin-code').fill(code.toLowerCase());
      const [response] = await Promise.all([
        clerk.waitForResponse((r) => r.url().endsWith('/check-ins')),
        clerk.getByTestId('checkin-do').click(),
      ]);
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as Registration & { votedOnline: boolean };
    };
    for (const code of walkInCodes) expect(await checkIn(code)).toMatchObject({ votedOnline: false });
    // The raiser at the door: they voted online, so no paper ballot for them.
    expect(await checkIn(raiserCode)).toMatchObject({ votedOnline: true });
    await clerk.getByText('（已网上表决，不发纸质票）').first().waitFor();
    // Registered: resident2–4 (demo), the raiser, resident5, three at the door = 8; present at the door: 4.
    await meetingDesk.getByTestId('meeting-attendance').getByText('报名 8 人，到会 4 人').waitFor();

    // The three paper ballots, kept apart from the online votes, then the count.
    const row = meetingDesk.getByRole('row').filter({ hasText: TOPIC });
    await row.getByText('网上：同意 3 不同意 1 弃权 0').waitFor();
    // antd puts the test id on the <input> itself (or its wrapper, by version).
    const paperInput = (i: number) => row.locator(`input[data-testid=paper-${i}], [data-testid=paper-${i}] input`);
    await paperInput(0).fill('3');
    await paperInput(1).fill('0');
    await paperInput(2).fill('0');
    const [paper] = await Promise.all([
      clerk.waitForResponse((r) => r.url().endsWith('/paper-count')),
      row.getByTestId('paper-save').click(),
    ]);
    expect(paper.status(), await paper.text()).toBe(200);
    expect(await paper.json()).toMatchObject({ paper: { yes: 3, no: 0, abstain: 0 } });
    const [counted] = await Promise.all([
      clerk.waitForResponse((r) => r.url().endsWith('/count')),
      row.getByTestId('item-count').click(),
    ]);
    expect(counted.status(), await counted.text()).toBe(200);
    const tally = ((await counted.json()) as { tally: Record<string, unknown>; decisionId: string }).tally;
    // Quorum 67 % of 8 → 6; participants: 3 paper at the door + 4 online = 7.
    expect(tally).toMatchObject({ result: 'adopted', registered: 8, participants: 7, yes: 6, no: 1, abstain: 0 });
    await row.getByTestId('item-result').getByText('通过：同意 6 不同意 1 弃权 0（需同意 4）').waitFor();
    await screenshot(clerk, 'governance-meeting-counted');

    // — The decision becomes a case in the loop, from the desk —
    await clerk.getByRole('tab', { name: '决议落实' }).click();
    const decisionCard = clerk.getByTestId('decision-card').filter({ hasText: TOPIC });
    await decisionCard.getByPlaceholder('标题').fill('安装休息座椅');
    await decisionCard.getByPlaceholder('案件描述').fill('居民议事会决议：5幢门口增设两张休息座椅');
    const [tasked] = await Promise.all([
      clerk.waitForResponse((r) => /\/decisions\/[^/]+\/tasks$/.test(r.url())),
      decisionCard.getByRole('button', { name: '转案件办理' }).click(),
    ]);
    expect(tasked.status(), await tasked.text()).toBe(201);
    const decision = (await tasked.json()) as Decision;
    const caseCode = decision.tasks[0]?.caseCode ?? '';
    expect(caseCode).toMatch(/^YW\d{8}-\d{6}$/);
    await decisionCard.getByRole('cell', { name: caseCode }).waitFor();

    // The portal's decision page, before and while the case runs.
    await raiser.goto(`/r/consult/decisions/${decision.id}`);
    await raiser.getByTestId('decision-progress').getByText('总进度 0%').waitFor();
    await raiser.getByText(`安装休息座椅（案件 ${caseCode}）`).waitFor();

    const [operator, handler, gridworker] = await Promise.all(
      ['operator', 'handler', 'gridworker'].map((u) => apiAs(server.url, u)),
    );
    if (!operator || !handler || !gridworker) throw new Error('no clients');
    // Handed over by address, as a report by phone would be: the command center places it on the map first.
    await operator.post(`/cases/${caseCode}/location`, { point: await pointInGrid(server.url) });
    await operator.command(caseCode, { type: 'register' });
    const routing = await operator.get<{ unit: { id: string } }>(`/cases/${caseCode}/routing`);
    await operator.command(caseCode, { type: 'dispatch', unitId: routing.unit.id });
    await handler.command(caseCode, { type: 'accept' });
    await raiser.reload();
    await raiser.getByTestId('decision-progress').getByText('总进度 50%').waitFor();
    await raiser.getByTestId('task-status').getByText('进行中 · 50%').waitFor();
    await handler.command(caseCode, {
      type: 'submit_feedback',
      text: '已安装两张座椅',
      photoIds: [await handler.uploadPhoto()],
    });
    await gridworker.command(caseCode, { type: 'verify_pass', note: '现场座椅已安装' });
    await raiser.reload();
    await raiser.getByTestId('decision-progress').getByText('总进度 100%').waitFor();
    await raiser.getByTestId('task-status').getByText('已完成 · 100%').waitFor();
    await screenshot(raiser, 'governance-decision-done');

    // — Every supporter was told at each change: adopted, the task, each case step, done —
    const updates = (await operator.get<Decision>(`/decisions/${decision.id}`)).tasks[0]?.updates ?? [];
    expect(updates.map((u) => u.progress)).toEqual([0, 10, 25, 50, 75, 100]);
    for (const username of supporters) {
      const notices = await (await apiAs(server.url, username)).get<NoticeList>('/notices/mine');
      const ofDecision = notices.items.filter((n) => n.decisionId === decision.id);
      // Adopted, the task opened (not started), then the five case steps that moved it.
      expect(ofDecision, username).toHaveLength(updates.length + 2);
      expect(notices.items.some((n) => n.title.includes(TOPIC) && n.decisionId === null)).toBe(true);
    }
    const neighbour = phones.resident4 as Page;
    await neighbour.goto('/r/notices');
    await expect.poll(() => neighbour.getByTestId('notice').filter({ hasText: TOPIC }).count()).toBeGreaterThanOrEqual(
      updates.length + 3,
    );
    await screenshot(neighbour, 'governance-notices');

    // The topic itself now links to its decision.
    const topics = await operator.get<{ items: Topic[] }>('/topics');
    expect(topics.items.find((t) => t.title === TOPIC)).toMatchObject({ state: 'decided', decisionId: decision.id });
    expect(problems.flat()).toEqual([]);
  });
});
