import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, expectPickerInView, label, openBrowser, pickOption, signIn, signOut, snap, type Browser } from './support/browser';
import { startServer, type TestServer } from './support/server';

const UNIT = '县环境卫生管理所（测试）';
const USERNAME = 'e2e.clerk';
const INITIAL = 'Qingshan#Lushui9';
const CHOSEN = 'Lvshui-Qingshan27';

describe('administration through the browser', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser(server.url);
    await signIn(browser.page, 'admin', server.demoPassword);
    await browser.page.getByTestId('home-page').waitFor();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await snap(browser.page, `failed-${ctx.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the region tree with codes and levels', async () => {
    const { page } = browser;
    await page.getByTestId('side-nav').getByText('行政区划').click();
    // The county row: the demo district's name is not known here, its level is.
    const county = page.getByTestId('regions-table').locator('tbody tr.ant-table-row', { hasText: '区/县' }).first();
    await county.waitFor();
    await snap(page, 'regions');
    const countyCode = (await county.locator('.mono').first().innerText()).trim();
    expect(countyCode).toMatch(/^\d{6}$/);
    // The create-child dialog checks the code before the server sees it.
    await county.getByRole('button', { name: label('新增下级') }).click();
    await page.getByLabel('区划代码').fill('12');
    await page.getByLabel('区划名称').fill('测试街道');
    await page.locator('.ant-modal').getByRole('button', { name: label('保存') }).click();
    await page.getByText('区划代码为 6 位').waitFor();
    await snap(page, 'region-create');
    // The server's own rule (a child's code must lie inside its parent's) comes back in Chinese.
    const outside = `${countyCode.slice(0, 5)}${(Number(countyCode[5]) + 1) % 10}001`;
    await page.getByLabel('区划代码').fill(outside);
    await page.locator('.ant-modal').getByRole('button', { name: label('保存') }).click();
    await page.locator('.ant-modal .server-error').waitFor();
    expect(await page.locator('.ant-modal .server-error').innerText()).toContain(outside);
    await snap(page, 'region-create-server-error');
    await page.locator('.ant-modal').getByRole('button', { name: label('取消') }).click();
  });

  it('creates a unit through the drawer form', async () => {
    const { page } = browser;
    await page.getByTestId('side-nav').getByText('单位管理').click();
    await page.getByTestId('units-table').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'units-admin');
    await page.getByTestId('unit-create').click();
    // Validation first: nothing filled in.
    await page.getByTestId('unit-submit').click();
    await page.getByText('请输入单位名称').waitFor();
    await page.getByLabel('单位名称').fill(UNIT);
    await page.getByLabel('简称').fill('区住建局');
    await pickOption(page, page.getByLabel('单位类型'), '职能部门');
    // Parent: the top of the tree (whatever the demo district calls it); the region follows the parent.
    await page.getByLabel('上级单位').click();
    const top = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').first();
    await top.waitFor();
    // A click during the drop-down's opening animation can be lost (the region then stays empty); let it settle.
    await page.waitForTimeout(250);
    const parentName = (await top.innerText()).trim();
    await top.click();
    await page.getByTestId('unit-form').locator('.ant-form-item', { hasText: '上级单位' }).getByTitle(parentName).waitFor();
    await page.getByLabel('联系电话').fill('0571-87001234');
    await snap(page, 'unit-create-drawer');
    await page.getByTestId('unit-submit').click();
    await page.getByText(`已新增单位“${UNIT}”`).waitFor();
    await page.getByTestId('units-table').getByText(UNIT).waitFor();
  });

  it('requires a credit code for an enterprise', async () => {
    const { page } = browser;
    await page.getByTestId('unit-create').click();
    await page.getByLabel('单位名称').fill('测试企业有限公司');
    await pickOption(page, page.getByLabel('单位类型'), '企业');
    await page.getByTestId('unit-submit').click();
    await page.getByText('企业必须填写统一社会信用代码').first().waitFor();
    await snap(page, 'unit-enterprise-needs-uscc');
    await page.locator('.ant-drawer-open').getByRole('button', { name: label('取消') }).click();
  });

  it('creates a user in the new unit, who must then change the initial password', async () => {
    const { page } = browser;
    await page.getByTestId('side-nav').getByText('用户管理').click();
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'users-admin');
    await page.getByTestId('user-create').click();
    await page.getByLabel('用户名').fill(USERNAME);
    await page.getByLabel('姓名').fill('王办事');
    await pickOption(page, page.getByLabel('所在单位'), UNIT, true);
    await pickOption(page, page.getByLabel('角色'), '承办人');
    await page.keyboard.press('Escape');
    await page.getByLabel('手机/电话').fill('13900001111');
    await page.locator('#password').fill(INITIAL);
    await snap(page, 'user-create-drawer');
    await page.getByTestId('user-submit').click();
    await page.getByText(`已创建用户 ${USERNAME}`).waitFor();
    const row = page.getByTestId('users-table').locator('tbody tr', { hasText: USERNAME });
    await row.getByText('待改初始密码').waitFor();

    await row.getByRole('button', { name: label('重置密码') }).click();
    await page.locator('.ant-modal').getByText('密码要求').waitFor();
    await snap(page, 'user-reset-password');
    await page.locator('.ant-modal').getByRole('button', { name: label('取消') }).click();

    await signOut(page);
    await signIn(page, USERNAME, INITIAL);
    await page.getByTestId('force-password-change').waitFor();
    await snap(page, 'force-password-change');
    await page.getByLabel('当前密码').fill(INITIAL);
    await page.getByLabel('新密码', { exact: true }).fill(CHOSEN);
    await page.getByLabel('确认新密码').fill(CHOSEN);
    await page.getByRole('button', { name: label('修改密码') }).click();
    await page.getByTestId('home-page').waitFor();
    await snap(page, 'home-new-user');
    await signOut(page);
    await signIn(page, 'admin', server.demoPassword);
    await page.getByTestId('home-page').waitFor();
  });

  it('shows the working calendar and lets an administrator load a year', async () => {
    const { page } = browser;
    await page.getByTestId('side-nav').getByText('工作日历').click();
    await page.getByTestId('calendar-year').waitFor();
    await snap(page, 'calendar');
    await page.getByTestId('working-days-calculator').getByRole('button', { name: label('计算') }).click();
    await page.getByTestId('calc-result').waitFor();
    await page.getByTestId('calendar-year').getByText('列表').click();
    await snap(page, 'calendar-calculated-list', true);
    await page.getByTestId('calendar-load').click();
    await page.locator('.ant-modal textarea').fill('{ "year": 2031, "holidays": [{ "date": "2031-01-01", "name": "元旦" }], "workdays": [{ "date": "2031-01-06", "name": "元旦" }] }');
    await page.locator('.ant-modal').getByRole('button', { name: label('载入') }).click();
    // 2031-01-06 is a Monday: the server refuses it, in Chinese, inside the dialog.
    await page.locator('.ant-modal .server-error').waitFor();
    await snap(page, 'calendar-load-error');
    await page.locator('.ant-modal textarea').fill('{ "year": 2031, "holidays": [{ "date": "2031-01-01", "name": "元旦" }], "workdays": [] }');
    await page.locator('.ant-modal').getByRole('button', { name: label('载入') }).click();
    await page.getByText('2031 年节假日安排已载入').waitFor();
  });

  it('lists the audit log with a readable diff and verifies the chain', async () => {
    const { page } = browser;
    await page.getByTestId('side-nav').getByText('审计日志').click();
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'audit');
    const created = table.locator('tbody tr.ant-table-row', { hasText: 'unit.created' }).first();
    await created.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('audit-diff').first().waitFor();
    await snap(page, 'audit-expanded');
    await page.getByTestId('audit-verify').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '校验通过，记录完整' }).waitFor();
    await snap(page, 'audit-verified');
    await page.getByRole('button', { name: label('知道了') }).click();
  });

  it('filters the audit log by dates with a picker that fits the screen, on a phone as two pickers', async () => {
    const { page } = browser;
    const range = page.getByTestId('audit-range');
    const table = page.getByTestId('audit-table');
    // On a desktop, one range picker with two months side by side.
    await range.first().click();
    await expectPickerInView(page);
    expect(await page.locator('.ant-picker-dropdown:visible .ant-picker-panel').count()).toBe(2);
    await snap(page, 'audit-range');
    await page.keyboard.press('Escape');

    // On a phone that would be ≈ 600 px wide: a start and an end date, each opening one month.
    await page.setViewportSize(PHONE);
    try {
      await page.locator('.date-range-field').waitFor();
      expect(await range.count()).toBe(2);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await range.first().click();
      await expectPickerInView(page);
      await snap(page, 'audit-range-phone');
      // 今天 for both ends: today's history (this file's own changes) is found.
      await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
      await range.nth(1).click();
      await expectPickerInView(page);
      const filtered = page.waitForResponse((r) => r.url().includes('/api/audit?') && r.url().includes('from=') && r.url().includes('to=') && r.status() === 200);
      await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
      await page.getByTestId('audit-filters').getByRole('button', { name: label('查询') }).click();
      await filtered;
      await table.locator('tbody tr.ant-table-row', { hasText: 'unit.created' }).first().waitFor();
      await snap(page, 'audit-range-phone-filtered', true);

      await page.getByTestId('language-switch').getByText('EN').click();
      await page.getByTestId('audit-filters').getByRole('button', { name: label('Search') }).waitFor();
      await page.getByTestId('audit-filters').getByRole('button', { name: label('Reset') }).click();
      await page.getByPlaceholder('From', { exact: true }).waitFor();
      await page.getByPlaceholder('To', { exact: true }).click();
      await expectPickerInView(page);
      await snap(page, 'audit-range-phone-english');
      await page.keyboard.press('Escape');
      await page.setViewportSize(DESKTOP);
      await range.first().click();
      await expectPickerInView(page);
      await snap(page, 'audit-range-english');
      await page.keyboard.press('Escape');
    } finally {
      await page.setViewportSize(DESKTOP);
      await page.getByTestId('language-switch').getByText('中文').click();
      await page.getByTestId('audit-filters').getByRole('button', { name: label('查询') }).waitFor();
    }
  });

  it('renders without console errors or React/antd warnings', () => {
    expect(browser.problems).toEqual([]);
  });
});
