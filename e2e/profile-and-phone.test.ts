import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, label, menuLabels, openBrowser, signIn, signOut, snap, type Browser } from './support/browser';
import { startServer, type TestServer } from './support/server';

describe('profile, language and small screens', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser(server.url);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await snap(browser.page, `failed-${ctx.task.name.slice(0, 40)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches the whole interface to English and back', async () => {
    const { page } = browser;
    await signIn(page, 'coordinator', server.demoPassword);
    await page.getByTestId('home-page').waitFor();
    expect(await menuLabels(page)).toContain('首页');
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByTestId('side-nav').getByText('Home').waitFor();
    const labels = await menuLabels(page);
    expect(labels).toEqual(expect.arrayContaining(['Home', 'Units', 'Users', 'Working calendar', 'My account']));
    expect(labels).not.toContain('首页');
    await page.getByTestId('ten-working-days').waitFor();
    await snap(page, 'home-english');
    await page.goto('/users');
    await page.getByTestId('users-table').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'users-english');
    // The choice is kept in the profile: it survives a reload.
    await page.reload();
    await page.getByTestId('side-nav').getByText('Users').waitFor();
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByTestId('side-nav').getByText('首页').waitFor();
  });

  it('edits the profile and shows server errors inline', async () => {
    const { page } = browser;
    await page.getByTestId('side-nav').getByText('个人中心').click();
    await page.getByTestId('profile-form').waitFor();
    await page.getByLabel('手机/电话').fill('abc');
    await page.getByTestId('profile-form').getByRole('button', { name: label('保存') }).click();
    await page.getByText('电话只能包含数字').waitFor();
    await page.getByLabel('手机/电话').fill('0571-88886666');
    await page.getByLabel('电子邮箱').fill('zhou.duban@example.gov.cn');
    await page.getByTestId('profile-form').getByRole('button', { name: label('保存') }).click();
    await page.getByText('个人资料已保存').waitFor();

    await page.getByLabel('当前密码').fill('this-is-wrong-1A');
    await page.getByLabel('新密码', { exact: true }).fill('Shanshui-Qingxi42');
    await page.getByLabel('确认新密码').fill('Shanshui-Qingxi42');
    await page.getByRole('button', { name: label('修改密码') }).click();
    await page.getByText('当前密码不正确').waitFor();
    await snap(page, 'profile');

    // A weak password comes back with the whole list of problems, in Chinese.
    await page.getByLabel('当前密码').fill(server.demoPassword);
    await page.getByLabel('新密码', { exact: true }).fill('coordinator1');
    await page.getByLabel('确认新密码').fill('coordinator1');
    await page.getByRole('button', { name: label('修改密码') }).click();
    await page.getByText('密码不符合要求').waitFor();
    await snap(page, 'profile-weak-password');

    await page.reload();
    expect(await page.getByLabel('手机/电话').inputValue()).toBe('0571-88886666');
    await signOut(page);
  });

  it('works on a phone: sign-in, drawer navigation, pages', async () => {
    const { page } = browser;
    await page.setViewportSize(PHONE);
    await page.goto('/login');
    await page.getByTestId('login-form').waitFor();
    await snap(page, 'phone-login');
    await signIn(page, 'grid.town1', server.demoPassword);
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('ten-working-days').waitFor();
    // No Sider on a phone: the menu lives in a drawer.
    expect(await page.locator('.app-sider').count()).toBe(0);
    await snap(page, 'phone-home');
    await snap(page, 'phone-home-full', true);
    // Nothing sticks out at 390 px, in either language (English names are longer): the account button stays whole.
    const overflow = () =>
      page.evaluate(`(() => {
        const avatar = document.querySelector('.user-menu__avatar').getBoundingClientRect();
        return { page: document.documentElement.scrollWidth - window.innerWidth, avatar: Math.max(0, avatar.right - window.innerWidth) };
      })()`);
    expect(await overflow()).toEqual({ page: 0, avatar: 0 });
    // The header names the platform by its short name, whole (no "…"): the full name is its tooltip.
    const title = page.getByTestId('header-title');
    const cut = () => title.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(await title.innerText()).toBe('督察整改');
    expect(await title.getAttribute('title')).toBe('生态环境保护督察整改闭环管理平台');
    expect(await cut()).toBe(false);
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByTestId('header-title').filter({ hasText: 'Ducha' }).waitFor();
    expect(await overflow()).toEqual({ page: 0, avatar: 0 });
    expect(await cut()).toBe(false);
    await snap(page, 'phone-home-english');
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByTestId('header-title').filter({ hasText: '督察整改' }).waitFor();
    await page.getByTestId('nav-toggle').click();
    await page.locator('.nav-drawer').getByText('工作日历').waitFor();
    await snap(page, 'phone-nav');
    await page.locator('.nav-drawer').getByText('工作日历').click();
    await page.getByTestId('calendar-year').waitFor();
    await snap(page, 'phone-calendar');
    await page.goto('/units');
    await page.getByTestId('units-table').locator('tbody tr.ant-table-row').first().waitFor();
    await snap(page, 'phone-units');
    await page.goto('/profile');
    await page.getByTestId('profile-form').waitFor();
    await snap(page, 'phone-profile');
    await page.setViewportSize(DESKTOP);
  });

  it('renders without console errors or React/antd warnings', () => {
    expect(browser.problems).toEqual([]);
  });
});
