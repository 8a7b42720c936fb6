import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors and React/antd warnings seen so far (a clean page has none). */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh Chromium profile per test file, so no cookie or saved language leaks between files. */
export async function openBrowser(baseURL: string): Promise<Browser> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ducha-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.DUCHA_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: DESKTOP,
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (msg) => {
    // Refused requests (401 probe, wrong password, 403) are logged by Chromium itself; the UI handles them.
    if (msg.text().startsWith('Failed to load resource')) return;
    if (msg.type() === 'error' || (msg.type() === 'warning' && /antd|React|Warning/.test(msg.text()))) problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Save what the user sees now as e2e/screenshots/<name>.png. */
export async function snap(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let antd finish its entrance animations so the picture shows the settled screen.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  // Start signed out whatever the previous step left behind, so one failure does not cascade.
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  const item = page.getByRole('menuitem', { name: '退出登录' });
  await item.waitFor();
  // A click during the drop-down's opening animation can be lost; let it settle first.
  await page.waitForTimeout(300);
  await item.click();
  await page.getByTestId('login-form').waitFor();
}

/** The side navigation's visible labels, in order (without the to-do badge's count). */
export async function menuLabels(page: Page): Promise<string[]> {
  const items = page.getByTestId('side-nav').locator('.ant-menu-title-content');
  const texts = await items.evaluateAll((nodes) =>
    nodes.map((node) => {
      const copy = node.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.ant-badge').forEach((badge) => badge.remove());
      return copy.innerText;
    }),
  );
  return texts.map((s) => s.trim());
}

/**
 * Pick an option in an antd Select/TreeSelect opened by clicking `trigger`. Long lists are virtual (only what is
 * on screen exists), so with `search` the text is typed first to bring the option into view.
 */
export async function pickOption(page: Page, trigger: Locator, text: string, search = false): Promise<void> {
  await trigger.click();
  if (search) await page.keyboard.type(text);
  const option = page
    .locator('.ant-select-dropdown:visible')
    .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper')
    .filter({ hasText: text })
    .first();
  await option.waitFor();
  // Clicks during the pop-up's opening animation can be lost; let it settle.
  await page.waitForTimeout(250);
  await option.click();
  await page.waitForTimeout(250);
}

/**
 * antd puts a space between two Chinese characters on buttons ("保 存"); match either way. Not anchored at the
 * start: a button that was just loading may still carry its icon's "loading" label for a moment.
 */
export const label = (text: string) => new RegExp(`(^|\\s)${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}\\s*$`);

/** The open date picker lies inside the window, and nothing makes the page scroll sideways. */
export async function expectPickerInView(page: Page) {
  const panel = page.locator('.ant-picker-dropdown:visible .ant-picker-panel-container');
  await panel.waitFor();
  // Let the opening animation end: it scales the panel.
  await page.waitForTimeout(300);
  const box = (await panel.boundingBox())!;
  const { width } = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(width);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}
