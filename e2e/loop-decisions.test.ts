import { request, type APIRequestContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes, photoFile } from './support/files';
import { label, openBrowser, signIn, signOut, snap, type Browser } from './support/browser';
import { chinaToday, startServer, type TestServer } from './support/server';

/**
 * The decisions of the loop that e2e/loop.test.ts does not take, in Chromium: the coordinator returns a progress report
 * (退回) and the unit reports again; objections during the public notice (公示), one dismissed and one upheld, which
 * sends the problem back to verification and starts a new notice; and a 长期坚持 problem marked 阶段性完成.
 *
 * The steps before each decision (register, assign, acknowledge, self-check, verification) are driven through the
 * API: loop.test.ts already plays every one of them in the UI. The decisions themselves are clicked and read.
 */

const today = chinaToday();
const CRITERIA = ['沿岸垃圾全部清运', '建立日常巡查保洁机制'];

const RETURN_TITLE = '东溪桥下游河道漂浮物清理（E2E 退回）';
const RETURN_REASON = '照片未显示清理后的河面全貌，且未说明清运去向，请补充后重新报送。';
const NOTICE_TITLE = '石门镇污水管网破损渗漏（E2E 异议）';
const DISMISSED = '群众反映石门镇北街管网仍有渗漏，但现场为雨水管正常排水。';
const UPHELD = '群众来电反映石门镇南街检查井仍有污水外溢，附现场照片。';
const DISMISSED_NOTE = '经现场复核，北街为雨水管正常排水，非污水渗漏，异议不成立。';
const ONGOING_TITLE = '东湖水域禁渔期巡查（E2E 长期坚持）';

/** A signed-in API session of one demo user (its own cookies, not the browser's). */
interface ApiSession {
  me: { id: number; unit: { id: number }; region: { id: number } };
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  upload(problemId: number, purpose: string, colour: [number, number, number]): Promise<number>;
  dispose(): Promise<void>;
}

async function apiAs(server: TestServer, username: string): Promise<ApiSession> {
  const context: APIRequestContext = await request.newContext({ baseURL: server.url });
  const login = await context.post('/api/auth/login', { data: { username, password: server.demoPassword } });
  if (!login.ok()) throw new Error(`sign-in of ${username}: ${login.status()} ${await login.text()}`);
  const me = (await login.json()) as ApiSession['me'] & { csrfToken: string };
  const headers = { 'x-csrf-token': me.csrfToken };
  const check = async <T>(res: Awaited<ReturnType<APIRequestContext['post']>>, what: string): Promise<T> => {
    if (!res.ok()) throw new Error(`${username} ${what}: ${res.status()} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    me,
    post: async <T>(path: string, body: unknown = {}) => check<T>(await context.post(`/api${path}`, { data: body, headers }), path),
    upload: async (problemId, purpose, colour) => {
      const res = await context.post(`/api/problems/${problemId}/evidence`, {
        headers,
        multipart: { purpose, file: { name: `IMG_${purpose}_${colour.join('_')}.png`, mimeType: 'image/png', buffer: pngBytes(colour) } },
      });
      return (await check<{ id: number }>(res, 'upload')).id;
    },
    dispose: () => context.dispose(),
  };
}

describe('returned reports, objections during the notice, and 阶段性完成', () => {
  let server: TestServer;
  let browser: Browser;
  let coordinator: ApiSession;
  let handler: ApiSession;
  let head: ApiSession;
  let verifier: ApiSession;

  const header = (page: Page) => page.getByTestId('problem-header');
  const expectStatus = async (page: Page, status: string) => {
    await header(page).getByTestId('status-tag').filter({ hasText: new RegExp(`^${status}$`) }).waitFor();
  };
  const openAction = async (page: Page, action: string) => {
    await header(page).getByTestId(`action-${action}`).click();
    await page.getByTestId(`action-form-${action}`).waitFor();
    await page.waitForTimeout(300);
  };
  const submitAction = (page: Page) => page.locator('.action-dialog .action-submit').click();
  const dialogClosed = (page: Page) => page.locator('.action-dialog').waitFor({ state: 'detached' });
  const allowed = async (page: Page) => (await header(page).getByTestId('problem-actions').locator('button').allInnerTexts()).map((s) => s.replace(/\s+/g, ''));
  const openProblem = async (page: Page, id: number, tab?: string) => {
    await page.goto(tab ? `/problems/${id}?tab=${tab}` : `/problems/${id}`);
    await header(page).waitFor();
  };
  const openTab = async (page: Page, name: string | RegExp) => {
    await page.getByTestId('problem-tabs').getByRole('tab', { name }).click();
  };
  const as = async (username: string) => {
    await signIn(browser.page, username, server.demoPassword);
    await browser.page.getByTestId('home-page').waitFor();
  };

  /** Registered by the coordinator, assigned, acknowledged by the water bureau (all in the UI in loop.test.ts). */
  const acknowledgedProblem = async (title: string, ongoing = false): Promise<number> => {
    const created = await coordinator.post<{ id: number }>('/problems', {
      source: 'central_inspection',
      category: ongoing ? 'yangtze_fishing_ban' : 'water',
      title,
      description: `${title}：督察组现场检查发现，需责任单位整改。`,
      regionId: coordinator.me.region.id,
      leadUnitId: handler.me.unit.id,
      responsiblePerson: '李水清',
      responsiblePhone: '0571-86001234',
      goal: '问题整改到位，建立长效机制。',
      measures: '1. 制定方案；2. 组织实施；3. 日常巡查。',
      closingCriteria: ongoing ? [] : CRITERIA,
      milestones: [],
      deadlineKind: ongoing ? 'ongoing' : 'date',
      deadline: ongoing ? null : chinaToday(60),
      isPublic: true,
    });
    await coordinator.post(`/problems/${created.id}/assign`);
    await handler.post(`/problems/${created.id}/acknowledge`);
    return created.id;
  };

  beforeAll(async () => {
    server = await startServer({ today });
    browser = await openBrowser(server.url);
    coordinator = await apiAs(server, 'coordinator');
    handler = await apiAs(server, 'handler.water');
    head = await apiAs(server, 'head.water');
    verifier = await apiAs(server, 'verifier');
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await snap(browser.page, `failed-decisions-${ctx.task.name.slice(0, 30)}`);
  });
  afterAll(async () => {
    await Promise.all([coordinator, handler, head, verifier].map((s) => s?.dispose()));
    await browser?.close();
    await server?.close();
  });

  describe('a returned progress report', () => {
    let id = 0;
    beforeAll(async () => {
      id = await acknowledgedProblem(RETURN_TITLE);
    });

    it('has the unit handler report progress', async () => {
      const { page } = browser;
      await as('handler.water');
      await openProblem(page, id);
      await openAction(page, 'report_progress');
      await page.getByLabel('整改进展').fill('已打捞河道漂浮物约 2 吨，下游拦截网已修复。');
      await submitAction(page);
      await dialogClosed(page);
      await expectStatus(page, '整改中');
      await signOut(page);
    });

    it('has the coordinator return the report with a reason', async () => {
      const { page } = browser;
      await as('coordinator');
      await openProblem(page, id, 'reports');
      const card = page.getByTestId('report-card').first();
      await card.getByText('已报送').waitFor();
      await card.getByRole('button', { name: label('退回报送') }).click();
      await page.getByTestId('action-form-return_report').waitFor();
      // The report is already chosen (it was opened from its card); only the reason is asked for.
      await page.getByTestId('returned-report-text').getByText('已打捞河道漂浮物约 2 吨，下游拦截网已修复。').waitFor();
      await submitAction(page);
      await page.getByText('请填写此项').first().waitFor();
      await page.getByLabel('退回原因').fill(RETURN_REASON);
      await snap(page, 'dialog-return-report');
      await submitAction(page);
      await dialogClosed(page);
      await card.getByText('已退回').waitFor();
      await card.getByText(RETURN_REASON, { exact: false }).waitFor();
      // Nothing else is waiting: the coordinator is no longer offered to return anything.
      expect(await allowed(page)).not.toContain('退回报送');
      await snap(page, 'detail-report-returned');
      await signOut(page);
    });

    it('shows the handler the returned report in the to-do and the messages, with the reason', async () => {
      const { page } = browser;
      await as('handler.water');
      await page.getByTestId('todo-summary-returned').waitFor();
      await page.getByTestId('side-nav').getByText('待办').click();
      const bucket = page.getByTestId('todo-returned');
      await bucket.getByText(RETURN_TITLE).waitFor();
      // Why it came back is on the to-do item itself.
      await bucket.getByTestId('todo-item').filter({ hasText: RETURN_TITLE }).getByTestId('todo-return-reason').getByText(`退回原因：${RETURN_REASON}`).waitFor();
      await snap(page, 'todo-returned');

      await page.getByTestId('notification-bell').click();
      const message = page.getByTestId('notification-item').filter({ hasText: RETURN_REASON });
      await message.waitFor();
      await snap(page, 'notifications-report-returned');
      await page.keyboard.press('Escape');

      await bucket.getByText(RETURN_TITLE).click();
      await page.waitForURL(/tab=reports/);
      await page.getByTestId('report-card').first().getByText(RETURN_REASON, { exact: false }).waitFor();
      await snap(page, 'detail-returned-handler');
    });

    it('has the handler report again; the to-do clears and the timeline keeps both reports and the return', async () => {
      const { page } = browser;
      await openAction(page, 'report_progress');
      // What was wrong last time is in front of the person writing the new report.
      await page.getByTestId('returned-reason').getByText(RETURN_REASON, { exact: false }).waitFor();
      await page.getByLabel('整改进展').fill('补充：清理后河面全貌照片已上传；漂浮物 2 吨已运至县垃圾焚烧厂处置，附过磅单。');
      await snap(page, 'dialog-report-again');
      await submitAction(page);
      await dialogClosed(page);
      const cards = page.getByTestId('report-card');
      await expect.poll(() => cards.count()).toBe(2);
      await cards.first().getByText('已报送').waitFor();
      await cards.nth(1).getByText('已退回').waitFor();

      await openTab(page, '时间线');
      const events = page.getByTestId('timeline-section').getByTestId('timeline-event');
      await events.filter({ hasText: '退回报送' }).filter({ hasText: RETURN_REASON }).waitFor();
      await expect.poll(() => events.filter({ hasText: '进展报送' }).count()).toBe(2);
      await snap(page, 'detail-timeline-returned', true);

      await page.getByTestId('side-nav').getByText('待办').click();
      await page.getByTestId('todo-returned').getByTestId('todo-count').waitFor();
      await expect.poll(() => page.getByTestId('todo-returned').getByText(RETURN_TITLE).count()).toBe(0);
      await signOut(page);
    });
  });

  describe('objections during the public notice', () => {
    let id = 0;
    beforeAll(async () => {
      id = await acknowledgedProblem(NOTICE_TITLE);
      await handler.post(`/problems/${id}/report-progress`, { text: '破损管段已全部更换，检查井已修复。' });
      const record = await head.upload(id, 'self_check', [200, 180, 60]);
      await head.post(`/problems/${id}/submit-self-check`, { items: CRITERIA.map((criterion) => ({ criterion, statement: '已完成。', evidenceIds: [record] })) });
      await coordinator.post(`/problems/${id}/start-verification`, { verifierUserId: verifier.me.id });
      const photo = await verifier.upload(id, 'verification', [60, 140, 200]);
      await verifier.post(`/problems/${id}/record-verification`, { result: 'pass', onSiteRecord: '现场核查管网已修复，未见渗漏。', evidenceIds: [photo] });
    });

    it('records an objection that is not upheld: the notice keeps running', async () => {
      const { page } = browser;
      await as('coordinator');
      await openProblem(page, id, 'closing');
      await expectStatus(page, '公示中');
      await openAction(page, 'record_objection');
      await submitAction(page);
      await page.getByText('请填写此项').first().waitFor();
      await page.getByLabel('异议内容').fill(DISMISSED);
      await snap(page, 'dialog-record-objection');
      await submitAction(page);
      await dialogClosed(page);
      const notice = page.getByTestId('notice-record');
      const row = notice.locator('tbody tr', { hasText: DISMISSED });
      await row.getByText('待处理').waitFor();
      await snap(page, 'detail-objection-pending');

      await row.getByRole('button', { name: label('处理异议') }).click();
      const dismissForm = page.getByTestId('action-form-decide_objection');
      await dismissForm.waitFor();
      // The whole objection is there to read, and what each decision does is said before it is taken.
      await dismissForm.getByTestId('objection-text').getByText(DISMISSED).waitFor();
      await dismissForm.getByText('异议不成立').click();
      await dismissForm.getByTestId('objection-effect').getByText(/公示继续/).waitFor();
      await dismissForm.getByLabel('处理说明').fill(DISMISSED_NOTE);
      await snap(page, 'dialog-decide-objection');
      await submitAction(page);
      await dialogClosed(page);
      await row.getByText('不成立', { exact: true }).waitFor();
      await expectStatus(page, '公示中');
      await notice.getByText('公示中', { exact: true }).waitFor();
      expect(await allowed(page)).toContain('登记异议');
    });

    it('records an objection that is upheld: the notice is withdrawn and the problem goes back to verification', async () => {
      const { page } = browser;
      await openAction(page, 'record_objection');
      await page.getByLabel('异议内容').fill(UPHELD);
      await submitAction(page);
      await dialogClosed(page);
      // Decided from the header this time: the one waiting is chosen already.
      await openAction(page, 'decide_objection');
      const form = page.getByTestId('action-form-decide_objection');
      await form.getByTestId('objection-text').getByText(UPHELD).waitFor();
      await form.getByText('异议成立（退回核查）').click();
      await form.getByTestId('objection-effect').getByText(/由核查人吴核查重新核查/).waitFor();
      await form.getByLabel('处理说明').fill('经现场核实南街检查井确有污水外溢，异议成立，请核查人重新核查。');
      await snap(page, 'dialog-uphold-objection');
      await submitAction(page);
      await dialogClosed(page);
      await expectStatus(page, '核查中');
      // The earlier pass no longer counts: verification is the step in progress again.
      await page.getByTestId('closing-round-1').locator('.ant-steps-item-process .ant-steps-item-title').getByText(/^核查/).waitFor();
      await page.getByTestId('notice-record').getByText('已撤回').waitFor();
      await page.getByTestId('notice-record').locator('tbody tr', { hasText: UPHELD }).getByText('成立', { exact: true }).waitFor();
      await snap(page, 'detail-objection-upheld', true);
      await signOut(page);
    });

    it('has the verifier verify again, which starts a new notice', async () => {
      const { page } = browser;
      await as('verifier');
      await page.getByTestId('notification-bell').click();
      await page.getByTestId('notification-item').filter({ hasText: '异议成立' }).first().waitFor();
      await snap(page, 'notifications-objection-upheld');
      await page.keyboard.press('Escape');
      await page.getByTestId('side-nav').getByText('待办').click();
      await page.getByTestId('todo-to_verify').getByText(NOTICE_TITLE).click();
      await header(page).waitFor();
      await expect.poll(() => page.getByTestId('verification-record').count()).toBe(2);

      await openAction(page, 'record_verification');
      await page.getByLabel('现场核查记录').fill('针对异议复核：南街检查井已重新砌筑并加装防溢盖板，连续 3 日未见外溢。');
      await page.getByTestId('verification-evidence-upload-camera-input').setInputFiles(photoFile('IMG_reverify_south.png', [30, 120, 90]));
      await page.getByTestId('verification-evidence').getByTestId('evidence-pick').first().waitFor();
      await submitAction(page);
      await dialogClosed(page);
      await expectStatus(page, '公示中');
      await expect.poll(() => page.getByTestId('notice-record').count()).toBe(2);
      await signOut(page);
    });

    it('ends the second notice on time', async () => {
      const { page } = browser;
      server.setToday(chinaToday(30));
      await server.runJobs();
      await as('coordinator');
      await openProblem(page, id, 'closing');
      await expectStatus(page, '公示期满待归档');
      const notices = page.getByTestId('notice-record');
      await notices.getByText('已期满').waitFor();
      await notices.getByText('已撤回').waitFor();
      await snap(page, 'detail-objection-notice-ended', true);
      await openTab(page, '时间线');
      const events = page.getByTestId('timeline-section').getByTestId('timeline-event');
      // Each objection's events say which objection they are about.
      await events.filter({ hasText: '处理异议' }).filter({ hasText: DISMISSED }).getByText('不成立', { exact: true }).waitFor();
      // The note of a dismissed objection is kept with it, as an upheld one's is.
      await events.filter({ hasText: '处理异议' }).filter({ hasText: DISMISSED }).getByText(DISMISSED_NOTE).waitFor();
      await events.filter({ hasText: '处理异议' }).filter({ hasText: UPHELD }).getByText('成立', { exact: true }).waitFor();
      await expect.poll(() => events.filter({ hasText: '录入核查结果' }).count()).toBe(2);
      await snap(page, 'detail-timeline-objections', true);
      await signOut(page);
      server.setToday(today);
    });
  });

  describe('a 长期坚持 problem', () => {
    let id = 0;
    beforeAll(async () => {
      id = await acknowledgedProblem(ONGOING_TITLE, true);
    });

    it('has the unit report progress, and never offers the closing steps or an extension', async () => {
      const { page } = browser;
      await as('handler.water');
      await openProblem(page, id);
      expect(await allowed(page)).not.toContain('申请延期');
      await openAction(page, 'report_progress');
      await page.getByLabel('整改进展').fill('本季度开展禁渔巡查 36 次，查处非法垂钓 5 起、电鱼 1 起，收缴渔具 12 套。');
      await submitAction(page);
      await dialogClosed(page);
      await expectStatus(page, '整改中');
      await signOut(page);

      await as('head.water');
      await openProblem(page, id);
      const headActions = await allowed(page);
      expect(headActions).toContain('进展报送');
      expect(headActions).not.toContain('自查签字提交');
      await signOut(page);
    });

    it('has the coordinator mark the period 阶段性完成; the page shows it and no 销号 step', async () => {
      const { page } = browser;
      await as('coordinator');
      await openProblem(page, id);
      const actions = await allowed(page);
      expect(actions).toContain('标记阶段性完成');
      for (const closing of ['自查签字提交', '指派核查', '结束公示', '归档', '备案销号']) expect(actions).not.toContain(closing);
      expect(await page.getByTestId('problem-tabs').getByRole('tab', { name: /销号五步/ }).count()).toBe(0);
      // Nothing to extend: no 延期 tab either.
      expect(await page.getByTestId('problem-tabs').getByRole('tab', { name: /延期/ }).count()).toBe(0);

      await openAction(page, 'mark_phase_done');
      const form = page.getByTestId('action-form-mark_phase_done');
      // The server's quarter, read back as people say it.
      const period = await form.getByLabel('阶段', { exact: true }).inputValue();
      expect(period).toMatch(/^\d{4}-Q[1-4]$/);
      const spoken = `${period.slice(0, 4)} 年第${'一二三四'[Number(period.slice(-1)) - 1]}季度`;
      await form.getByTestId('period-text').getByText(spoken).waitFor();
      await form.locator('textarea').fill('本季度禁渔巡查全覆盖，未发现成规模非法捕捞。');
      await snap(page, 'dialog-phase-done');
      await submitAction(page);
      await dialogClosed(page);
      await expectStatus(page, '整改中');
      await header(page).getByTestId('phase-done').getByText(spoken).waitFor();
      // Only 登记 → 交办 → 签收 → 整改 (长期坚持): no closing step is drawn.
      expect(await header(page).getByTestId('loop-steps').getByText('备案销号').count()).toBe(0);
      await header(page).getByTestId('loop-steps').getByText('长期坚持').waitFor();
      await snap(page, 'detail-phase-done');

      await openTab(page, '阶段性完成');
      await page.getByTestId('phases-section').getByText(spoken).waitFor();
      await snap(page, 'detail-phases-tab');

      // The same period twice: the server says so, in Chinese, inside the dialog.
      await openAction(page, 'mark_phase_done');
      await submitAction(page);
      await page.locator('.action-dialog .server-error').getByText(`${spoken.replace(/ /g, '')}已标记为阶段性完成`).waitFor();
      await snap(page, 'dialog-phase-done-twice');
      await page.locator('.action-dialog').getByRole('button', { name: label('取消') }).click();
      await dialogClosed(page);

      await openTab(page, '时间线');
      await page.getByTestId('timeline-section').getByTestId('timeline-event').filter({ hasText: '标记阶段性完成' }).filter({ hasText: spoken }).waitFor();
      await snap(page, 'detail-timeline-phase', true);
      await signOut(page);
    });
  });

  it('renders every screen without console errors or React/antd warnings', () => {
    expect(browser.problems).toEqual([]);
  });
});
