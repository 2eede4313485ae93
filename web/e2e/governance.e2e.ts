import type { Decision, NoticeList, Registration, Topic } from '@yiwang/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, openDesk, screenshot } from './support/browser';
import { pickOption, pointInGrid } from './support/case-desk';
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

  /** The decision of the first test, which the fund's spending carries out. */
  let decisionId = '';
  let raiserPhone: Page | undefined;

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
        await theirs
          .getByTestId('topic-progress')
          .getByText(`已有 ${i + 1} 人支持，还差 ${4 - i} 人`)
          .waitFor();
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
      await item(page).getByText(`您的选择：${label}`).waitFor();
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
    decisionId = decision.id;
    raiserPhone = raiser;
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
    await expect
      .poll(() => neighbour.getByTestId('notice').filter({ hasText: TOPIC }).count())
      .toBeGreaterThanOrEqual(updates.length + 3);
    await screenshot(neighbour, 'governance-notices');

    // The clerk convenes the next meeting from the desk.
    await clerk.getByRole('tab', { name: '议事会' }).click();
    const convene = clerk.locator('[role=tabpanel]:visible');
    await convene.getByPlaceholder('标题').first().fill('文定社区第一季度议事会');
    await convene.getByLabel('开始时间').fill('2027-03-10T19:00');
    await convene.getByPlaceholder('地点').fill('文定社区党群服务中心');
    const [convened] = await Promise.all([
      clerk.waitForResponse((r) => r.url().endsWith('/api/meetings') && r.request().method() === 'POST'),
      clerk.getByTestId('meeting-convene').click(),
    ]);
    expect(convened.status(), await convened.text()).toBe(201);
    await clerk.getByRole('row').filter({ hasText: '文定社区第一季度议事会' }).waitFor();

    // The topic itself now links to its decision.
    const topics = await operator.get<{ items: Topic[] }>('/topics');
    expect(topics.items.find((t) => t.title === TOPIC)).toMatchObject({ state: 'decided', decisionId: decision.id });
    expect(problems.flat()).toEqual([]);
  });
  it('the fund ledger: a grant, a donation, a spending tied to the decision with its five steps; the public balance is income − spending; the negative list refuses with the rule named', async () => {
    expect(decisionId).not.toBe('');
    const COMMUNITY = '320281001001';
    const visitor = await browser.newContext({
      baseURL: server.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    });
    contexts.push(visitor);
    const publicPage = await visitor.newPage();
    await publicPage.goto(`/r/fund/${COMMUNITY}`);
    const fen = async (testId: string) => Number(await publicPage.getByTestId(testId).getAttribute('data-fen'));
    await publicPage.getByTestId('fund-balance').waitFor();
    const start = {
      balance: await fen('fund-balance'),
      income: await fen('fund-income'),
      spending: await fen('fund-spending'),
    };
    expect(start.balance).toBe(start.income - start.spending);

    const desk = await openDesk(browser, server.url);
    contexts.push(desk.context);
    problems.push(desk.problems);
    const page = desk.page;
    await logIn(page, 'workstation');
    await page.getByRole('link', { name: '社区基金' }).click();
    await page.getByTestId('fund-desk-balance').waitFor();
    expect(Number(await page.getByTestId('fund-desk-balance').getAttribute('data-fen'))).toBe(start.balance);
    // Tabs once opened stay in the page (hidden): look only in the one shown.
    const pane = page.locator('[role=tabpanel]:visible');
    const pick = (label: string, option: string) =>
      pickOption(page, pane.getByRole('combobox', { name: label }), option);

    // Income: a government grant and a donation.
    await page.getByRole('tab', { name: '收入' }).click();
    const recordIncome = async (source: string, yuan: string, from: string) => {
      await pick('来源', source);
      await pane.getByLabel('金额（元）').fill(yuan);
      await pane.getByLabel('来源 / 收款方').fill(from);
      const [r] = await Promise.all([
        page.waitForResponse((x) => x.url().endsWith('/community-funds/income')),
        pane.getByTestId('income-save').click(),
      ]);
      expect(r.status(), await r.text()).toBe(201);
    };
    await recordIncome('政府拨款', '10000', '澄江街道办事处');
    await recordIncome('社会捐赠', '2500.50', '热心居民');

    // A spending tied to the council's decision, proposed by the party organization (step 1).
    await page.getByRole('tab', { name: '支出与五步' }).click();
    await pane.getByLabel('事项').fill('5幢门口休息座椅采购安装');
    await pane.getByLabel('金额（元）').fill('1200');
    await pane.getByLabel('收款方').fill('澄江园林工程部');
    await pick('依据的议事会决议', TOPIC);
    await pane.getByLabel('提议的党组织').fill('文定社区党委');
    const [proposed] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith('/community-funds/spendings')),
      pane.getByTestId('spending-propose').click(),
    ]);
    expect(proposed.status(), await proposed.text()).toBe(201);
    expect(await proposed.json()).toMatchObject({ decisionId, status: 'awaiting-resolution', nextStep: 'resolve' });
    const steps = page.locator('[data-testid=spending-steps][data-title="5幢门口休息座椅采购安装"]');
    for (const [step, by] of [
      ['resolve', '文定社区居民议事会'],
      ['implement', '文定社区居委会'],
      ['inspect', '文定社区党委'],
      ['oversee', '文定社区居务监督委员会'],
    ] as const) {
      const form = steps.locator(`[data-testid=fund-step-form][data-step=${step}]`);
      await form.getByTestId('fund-step-by').fill(by);
      const [r] = await Promise.all([
        page.waitForResponse((x) => x.url().endsWith('/steps')),
        form.getByTestId('fund-step-save').click(),
      ]);
      expect(r.status(), await r.text()).toBe(200);
      await steps.locator(`[data-step=${step}][data-done=true]`).waitFor();
    }
    await expect.poll(() => steps.locator('[data-done=true]').count()).toBe(5);
    await screenshot(page, 'governance-fund-desk');

    // On the negative list: refused, the rule named, nothing written.
    await pick('用途', '为老服务');
    await pane.getByLabel('事项').fill('重阳节给老人发购物卡');
    await pane.getByLabel('金额（元）').fill('500');
    await pane.getByLabel('收款方').fill('某超市');
    const [refused] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith('/community-funds/spendings')),
      pane.getByTestId('spending-propose').click(),
    ]);
    expect(refused.status()).toBe(422);
    await page
      .getByTestId('spending-error')
      .getByText(/不得发放个人福利、补贴、红包或购物卡/)
      .waitFor();

    // The public page: balance = income − spending, the spending with its five steps.
    await publicPage.reload();
    await publicPage.getByTestId('fund-balance').waitFor();
    const end = {
      balance: await fen('fund-balance'),
      income: await fen('fund-income'),
      spending: await fen('fund-spending'),
    };
    expect(end.income).toBe(start.income + 1_000_000 + 250_050);
    expect(end.spending).toBe(start.spending + 120_000);
    expect(end.balance).toBe(end.income - end.spending);
    const spendingCard = publicPage
      .locator('[data-testid^=fund-spending-]')
      .filter({ hasText: '5幢门口休息座椅采购安装' });
    await expect.poll(() => spendingCard.locator('li[data-done=true]').count()).toBe(5);
    await expect.poll(() => publicPage.getByText('重阳节给老人发购物卡').count()).toBe(0);
    await screenshot(publicPage, 'governance-fund-public');
    expect(problems.flat()).toEqual([]);
  });

  it('a volunteer signs up for a shift on the portal, the organizer verifies 3 hours at the desk, the balance shows 3 points more; points are spent on a service', async () => {
    const organizer = await apiAs(server.url, 'workstation');
    const HOUR = 3_600_000;
    const activity = await organizer.post<{ id: string; shifts: { id: string }[] }>('/volunteer-activities', {
      communityCode: '320281001001',
      title: '5幢座椅周边卫生清扫',
      description: '清扫新座椅周边，擦拭座椅',
      place: '文定花园5幢门口',
      // Under way: begun an hour ago, so the organizer may verify today.
      shifts: [
        {
          startsAt: new Date(Date.now() - HOUR).toISOString(),
          endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
          capacity: 5,
        },
      ],
    });
    const shiftId = activity.shifts[0]?.id ?? '';
    const phone = raiserPhone ?? (await phoneOf('resident'));
    await phone.goto('/r/volunteer');
    const points = phone.getByTestId('time-bank-points');
    await points.waitFor();
    const before = Number(await points.getAttribute('data-points'));
    await phone.getByTestId(`sign-up-${shiftId}`).click();
    await phone.getByTestId('my-signups').getByText('5幢座椅周边卫生清扫').waitFor();
    await phone
      .getByTestId('my-signups')
      .getByText(/待核定|未核定|核定/)
      .first()
      .waitFor();

    const desk = await openDesk(browser, server.url);
    contexts.push(desk.context);
    problems.push(desk.problems);
    const page = desk.page;
    await logIn(page, 'workstation');
    await page.getByRole('link', { name: '志愿服务' }).click();
    await page.getByRole('tab', { name: '活动与班次' }).click();
    const card = page.locator('[data-testid=activity-card][data-title="5幢座椅周边卫生清扫"]');
    const signup = card.locator('[data-testid=shift-signup][data-name="李明"]');
    await signup.locator('input[data-testid=verify-hours], [data-testid=verify-hours] input').fill('3');
    const [verified] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith('/verify')),
      signup.getByTestId('verify-do').click(),
    ]);
    expect(verified.status(), await verified.text()).toBe(200);
    await signup.getByTestId('signup-verified').getByText('已核定 3 小时（计入 3 小时）').waitFor();

    await phone.reload();
    await expect.poll(async () => Number(await points.getAttribute('data-points'))).toBe(before + 3);
    await points.getByText(`我的时间银行：${before + 3} 分`).waitFor();
    await screenshot(phone, 'governance-time-bank');

    // Redeeming a service at the desk: 2 points; more than the balance is refused.
    await page.getByRole('tab', { name: '志愿者名册' }).click();
    const row = page.getByRole('row').filter({ has: page.locator('[data-testid=volunteer-points][data-name="李明"]') });
    await row
      .locator('input[data-testid=spend-points-amount], [data-testid=spend-points-amount] input')
      .fill(String(before + 4));
    await row.getByTestId('spend-points-note').fill('上门理发一次');
    await row.getByTestId('spend-points-do').click();
    await row
      .getByTestId('spend-points-error')
      .getByText(`积分不够：现有 ${before + 3} 分，这次要用 ${before + 4} 分。`)
      .waitFor();
    await row.locator('input[data-testid=spend-points-amount], [data-testid=spend-points-amount] input').fill('2');
    await row.getByTestId('spend-points-note').fill('上门理发一次');
    const [spent] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith('/redemptions')),
      row.getByTestId('spend-points-do').click(),
    ]);
    expect(spent.status(), await spent.text()).toBe(200);
    await expect
      .poll(async () => Number(await row.getByTestId('volunteer-points').getAttribute('data-points')))
      .toBe(before + 1);
    await phone.reload();
    await expect.poll(async () => Number(await points.getAttribute('data-points'))).toBe(before + 1);
    await phone.getByTestId('time-bank-ledger').getByText('−2 分 · 兑换：上门理发一次').waitFor();

    // A new volunteer registered on the desk's form: a refusal keeps what was typed; then listed.
    const form = page.locator('.ant-card').filter({ hasText: '登记志愿者' });
    await form.getByLabel('姓名').fill('周晓兰');
    await form.getByLabel('技能（逗号分隔）').fill('理发');
    await form.getByLabel('社区编码').fill('');
    await form.getByRole('button', { name: '登记志愿者' }).click();
    await form.locator('.ant-alert-error').waitFor();
    expect(await form.getByLabel('姓名').inputValue()).toBe('周晓兰');
    await form.getByLabel('社区编码').fill('320281001001');
    await form.getByRole('button', { name: '登记志愿者' }).click();
    await page.getByRole('cell', { name: '周晓兰' }).waitFor();
    expect(problems.flat()).toEqual([]);
  });
  it('party check-in at the desk: a member takes a post, logs service, the quarterly record exports; the page reads in English too', async () => {
    const desk = await openDesk(browser, server.url);
    contexts.push(desk.context);
    problems.push(desk.problems);
    const page = desk.page;
    await logIn(page, 'workstation');
    await page.getByRole('link', { name: '党员双报到' }).click();
    const row = page.getByRole('row').filter({ hasText: '陈志强' });
    await row.waitFor();
    await pickOption(page, row.getByRole('combobox', { name: '认领岗位' }), '楼道长');
    const [chosen] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith('/posts') && x.request().method() === 'POST'),
      row.getByRole('button', { name: /^认\s*领$/ }).click(),
    ]);
    expect(chosen.status(), await chosen.text()).toBe(201);
    await row.getByText('独居老人结对帮扶、楼道长').or(row.getByText('楼道长、独居老人结对帮扶')).waitFor();
    const before = Number(await row.locator('td').nth(5).textContent());
    await pickOption(page, row.getByRole('combobox', { name: '岗位', exact: true }), '楼道长');
    await row.getByLabel('时长（小时）').fill('2');
    await row.getByLabel('服务内容').fill('走访6幢住户，收集加装电梯意见');
    const [logged] = await Promise.all([
      page.waitForResponse((x) => x.url().endsWith('/services')),
      row.getByRole('button', { name: /^记\s*录$/ }).click(),
    ]);
    expect(logged.status(), await logged.text()).toBe(201);
    await expect.poll(async () => Number(await row.locator('td').nth(5).textContent())).toBe(before + 2);
    const [file] = await Promise.all([page.waitForEvent('download'), row.getByTestId('service-record-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^党员服务记录-\d{4}-Q[1-4]-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await screenshot(page, 'governance-party-check-in');

    // In English: the menu and the page's own words.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('tab', { name: 'Members checked in' }).waitFor();
    await page.getByRole('link', { name: 'Community fund' }).click();
    await page.getByRole('tab', { name: 'Spending and the five steps' }).waitFor();
    await page.getByRole('link', { name: 'Volunteers' }).click();
    await page.getByRole('tab', { name: 'Service directory' }).waitFor();
    expect(problems.flat()).toEqual([]);
  });
});
