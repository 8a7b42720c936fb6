import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, label, menuLabels, openBrowser, signIn, signOut, snap, type Browser } from './support/browser';
import { startServer, type TestServer } from './support/server';

describe('signing in and what each role may open', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the sign-in page in Chinese with the product name', async () => {
    const { page } = browser;
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByText('生态环境保护督察整改闭环管理平台').first().waitFor();
    await snap(page, 'login');
  });

  it("shows the server's Chinese message for a wrong password", async () => {
    const { page } = browser;
    await signIn(page, 'admin', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.getByText('用户名或密码错误').waitFor();
    await snap(page, 'login-error');
  });

  it('validates the form before asking the server', async () => {
    const { page } = browser;
    await page.goto('/login');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('请输入用户名').first().waitFor();
    await page.getByText('请输入密码').first().waitFor();
  });

  it('gives the administrator the system-management menu', async () => {
    const { page } = browser;
    await signIn(page, 'admin', server.demoPassword);
    await page.getByTestId('home-page').waitFor();
    const labels = await menuLabels(page);
    expect(labels).toEqual(
      expect.arrayContaining(['首页', '系统管理', '行政区划', '单位管理', '用户管理', '工作日历', '审计日志', '个人中心']),
    );
    // Managers get the admin screens, not the read-only duplicates.
    expect(labels).not.toContain('单位');
    expect(labels).not.toContain('用户');
    await page.getByTestId('ten-working-days').waitFor();
    await page.locator('.unit-kind-chart canvas').waitFor();
    await snap(page, 'home-admin');
    await snap(page, 'home-admin-full', true);
  });

  it('shows a 404 page for an unknown address inside the app', async () => {
    const { page } = browser;
    await page.goto('/no-such-page');
    await page.getByText('页面不存在').waitFor();
    await snap(page, 'not-found');
    await signOut(page);
  });

  it('gives a unit handler only what the role allows, and a 403 page elsewhere', async () => {
    const { page } = browser;
    await signIn(page, 'handler.water', server.demoPassword);
    await page.getByTestId('home-page').waitFor();
    const labels = await menuLabels(page);
    expect(labels).toEqual(expect.arrayContaining(['首页', '单位', '工作日历', '个人中心']));
    for (const adminOnly of ['系统管理', '行政区划', '单位管理', '用户管理', '审计日志', '用户'])
      expect(labels).not.toContain(adminOnly);
    await page.getByTestId('ten-working-days').waitFor();
    await snap(page, 'home-handler');

    await page.goto('/admin/users');
    // A title in words, the reason and the way back: not a bare "403".
    const forbidden = page.locator('.ant-result');
    await forbidden.locator('.ant-result-title', { hasText: '无权访问' }).waitFor();
    await forbidden.getByText('没有访问此页面的权限').waitFor();
    await forbidden.getByRole('button', { name: label('返回首页') }).waitFor();
    await snap(page, 'forbidden');
    await page.setViewportSize(PHONE);
    try {
      await page.getByTestId('language-switch').getByText('EN').click();
      await forbidden.locator('.ant-result-title', { hasText: 'No access' }).waitFor();
      await forbidden.getByText('Your account may not open this page').waitFor();
      await forbidden.getByRole('button', { name: label('Back to home') }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await snap(page, 'forbidden-phone-english');
    } finally {
      await page.getByTestId('language-switch').getByText('中文').click();
      await forbidden.locator('.ant-result-title', { hasText: '无权访问' }).waitFor();
      await page.setViewportSize(DESKTOP);
    }

    await page.goto('/units');
    await page.getByTestId('units-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByRole('button', { name: '新增单位' }).count()).toBe(0);
    await snap(page, 'units-readonly');
    await page.getByTestId('units-table').locator('tbody tr.ant-table-row a').first().click();
    await page.locator('.ant-drawer-open .ant-descriptions').waitFor();
    await snap(page, 'unit-detail-readonly');
    await page.keyboard.press('Escape');

    await page.goto('/calendar');
    await page.getByTestId('calendar-year').waitFor();
    expect(await page.getByTestId('calendar-load').count()).toBe(0);
    await snap(page, 'calendar-readonly');
    await signOut(page);
  });

  it('lets a unit head browse users read-only', async () => {
    const { page } = browser;
    await signIn(page, 'head.water', server.demoPassword);
    await page.getByTestId('home-page').waitFor();
    expect(await menuLabels(page)).toContain('用户');
    await page.goto('/users');
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByRole('button', { name: '新增用户' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '重置密码' }).count()).toBe(0);
    await snap(page, 'users-readonly');
    await signOut(page);
  });

  it('renders pages without console errors or React/antd warnings', () => {
    expect(browser.problems).toEqual([]);
  });
});
