import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, label, pickOption, signIn, snap, type Browser, openBrowser } from './support/browser';
import { chinaToday, startServer, type TestServer } from './support/server';

/**
 * 导入台账 in Chromium, as a county clerk does it: the coordinator opens the import from the ledger, uploads the
 * office's own Excel ledger (a merged title row above the header, a column headed 主办科室 that ducha does not know,
 * deadlines written three ways, two units in one cell, a misspelt unit), maps the unknown column by hand, fixes the
 * misspelt unit by clicking the suggested one, imports, follows the progress, and finds the problems on the ledger.
 */

const today = chinaToday();
const year = Number(today.slice(0, 4)) + 1;
const FILE = '青溪县督察反馈问题整改台账（E2E）.xlsx';
const HEADER = ['序号', '问题来源', '问题类型', '问题简述', '问题描述', '所属乡镇', '主办科室', '配合单位', '整改时限', '整改状态', '整改进展'];
const TITLES = {
  outlet: '白沙河E2E导入段排污口污水直排',
  dust: '城关街道E2E导入工地扬尘',
  sand: '石门镇E2E导入采砂点生态修复不到位',
  farm: '云台乡E2E导入养殖场废水直排',
  kitchen: '东湖街道E2E导入餐饮油烟扰民',
};
const TYPO = '县水立局';

/** The ledger as an office keeps it in Excel. */
async function ledgerFile(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('整改台账');
  sheet.addRow(['青溪县第三轮中央生态环境保护督察反馈问题整改台账']);
  sheet.mergeCells(1, 1, 1, HEADER.length);
  sheet.addRow(HEADER);
  const rows: (string | number | Date | null)[][] = [
    [1, '中央生态环境保护督察', '水', TITLES.outlet, '白沙河白沙镇段排污口污水直排，河水发黑发臭，群众反映强烈。', '白沙镇', '县水利局', '白沙镇人民政府、县生态环境局', `${year}年12月底前`, '整改中', '已完成截污管网设计'],
    [2, '群众举报', '大气', TITLES.dust, '城关街道某建筑工地未落实六个百分百，扬尘污染严重。', '城关街道', '县住建局', null, '立行立改', '未交办', null],
    [3, '省级督察', '生态', TITLES.sand, '石门镇河道非法采砂点停采后生态修复不到位，岸坡裸露。', '石门镇', TYPO, '石门镇人民政府', '长期坚持', '整改中', '持续巡查'],
    [4, '中央生态环境保护督察', '水', TITLES.farm, '云台乡某生猪养殖场废水未经处理直排周边沟渠。', '云台乡', '县农业农村局', '云台乡人民政府', new Date(Date.UTC(year, 8, 30)), '整改中', '已责令停止排放'],
    [5, '群众举报', '大气', TITLES.kitchen, '东湖街道美食街多家餐饮油烟未经净化直排，扰民。', '东湖街道', '县城管局', '东湖街道办事处', `${year}/6/30`, '整改中', null],
  ];
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn(9).numFmt = 'yyyy-mm-dd';
  sheet.addRow([]);
  sheet.addRow(['合计', null, null, null, '5个问题']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ducha-e2e-import-'));
  const file = path.join(dir, FILE);
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

/** A ledger whose header sits below a long preamble (Excel row 18), and a file that is no workbook at all. */
async function otherFiles(): Promise<[string, string]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (let i = 1; i <= 17; i++) sheet.addRow([`填报说明第${i}条：请按实际情况填写，不得漏报、瞒报。`]);
  sheet.addRow(['问题描述', '整改时限', '牵头单位', '问题来源', '问题类型']);
  sheet.addRow(['青溪河E2E导入深表头段岸坡垃圾堆放', `${year}年10月底前`, '县城管局', '群众举报', '固废']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ducha-e2e-import-'));
  const deep = path.join(dir, '长说明台账.xlsx');
  writeFileSync(deep, Buffer.from(await workbook.xlsx.writeBuffer()));
  const text = path.join(dir, '台账.txt');
  writeFileSync(text, '这不是表格');
  return [deep, text];
}

describe('导入台账: upload, map a column by hand, fix a unit, import, find the problems', () => {
  let server: TestServer;
  let browser: Browser;
  let file = '';
  let importUrl = '';
  let importId = 0;

  /** antd puts a test id on the <input> itself or on its wrapper, depending on the component. */
  const inputOf = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
  const stat = (page: Page, name: string) => page.getByTestId(`import-stat-${name}`).locator('.ant-statistic-content-value');
  /** PUT /api/imports/:id answered (a re-check), whatever the outcome. */
  const rechecked = (page: Page) => page.waitForResponse((r) => r.request().method() === 'PUT' && /\/api\/imports\/\d+$/.test(r.url()));

  let deepFile = '';
  let textFile = '';

  beforeAll(async () => {
    file = await ledgerFile();
    [deepFile, textFile] = await otherFiles();
    server = await startServer({ today });
    browser = await openBrowser(server.url);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await snap(browser.page, `failed-import-${ctx.task.name.slice(0, 30)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the import from the ledger and explains what it understands', async () => {
    const { page } = browser;
    await signIn(page, 'coordinator', server.demoPassword);
    await page.getByTestId('home-page').waitFor();
    await page.goto('/problems');
    await page.getByTestId('ledger-table').waitFor();
    await page.getByTestId('ledger-import').click();
    await page.getByTestId('import-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/problems/import');
    await page.getByTestId('import-recognised').getByText('立行立改').waitFor();
    await page.getByTestId('import-recent').getByText('还没有导入记录').waitFor();
    await snap(page, 'import-1-upload');
  });

  it('uploads the ledger: the header below the title is found, 主办科室 is not recognised', async () => {
    const { page } = browser;
    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/imports'));
    await page.locator('input[type=file]').setInputFiles(file);
    expect((await uploaded).status()).toBe(201);
    await page.getByTestId('import-mapping-step').waitFor();
    importUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    importId = Number(new URL(page.url()).searchParams.get('id'));
    expect(importId).toBeGreaterThan(0);
    await page.getByTestId('import-file-name').getByText(FILE).waitFor();
    // The header is Excel row 2 (row 1 is the merged title), the data start in row 3.
    expect(await inputOf(page, 'import-header-row').inputValue()).toBe('2');
    expect(await inputOf(page, 'import-first-row').inputValue()).toBe('3');
    await page.getByTestId('import-unrecognised').getByText(/主办科室/).waitFor();
    const mapping = page.getByTestId('import-mapping');
    const leadRow = mapping.locator('tbody tr', { hasText: '主办科室' });
    await leadRow.getByText('未识别').waitFor();
    await leadRow.getByText(TYPO).waitFor(); // a sample value
    await expect(page.getByTestId('import-field-G').innerText()).resolves.toContain('不导入');
    await expect(page.getByTestId('import-field-D').innerText()).resolves.toContain('问题简述');
    await snap(page, 'import-2-columns');
    await leadRow.scrollIntoViewIfNeeded();
    await snap(page, 'import-2b-columns-unrecognised');
  });

  it('maps 主办科室 to 牵头单位 by hand, saves the mapping and checks again', async () => {
    const { page } = browser;
    // 牵头单位 is taken by no other column; 问题简述 is, so it is offered disabled.
    await page.getByTestId('import-field-G').click();
    await page.keyboard.type('问题简述');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-disabled', { hasText: '问题简述' }).waitFor();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(250);
    await pickOption(page, page.getByTestId('import-field-G'), '牵头单位', true);
    await expect(page.getByTestId('import-field-G').innerText()).resolves.toContain('牵头单位');
    await page.getByText('有修改尚未校验').waitFor();
    await page.getByTestId('import-save-mapping').click();
    const done = rechecked(page);
    await page.getByTestId('import-recheck').click();
    expect((await done).status()).toBe(200);
    await page.getByText('已保存对应关系').first().waitFor();
    await page.getByTestId('import-unrecognised').waitFor({ state: 'detached' });
    await expect(page.getByTestId('import-field-G').innerText()).resolves.toContain('牵头单位');
    await page.getByTestId('import-field-G').scrollIntoViewIfNeeded();
    await snap(page, 'import-3-columns-mapped');
  });

  it('shows the check: the misspelt unit is an error with its suggestion; the annotated workbook downloads', async () => {
    const { page } = browser;
    await page.getByTestId('import-to-check').click();
    await page.getByTestId('import-check-step').waitFor();
    expect(await stat(page, 'create').innerText()).toBe('4');
    expect(await stat(page, 'invalid').innerText()).toBe('1');
    await page.getByTestId('import-errors-alert').waitFor();
    await page.getByTestId('import-issue-filter').getByText(/^错误/).click();
    const issues = page.getByTestId('import-issues');
    const typoRow = issues.locator('tbody tr', { hasText: `找不到单位“${TYPO}”` });
    await typoRow.getByText('G · 牵头单位').waitFor();
    await typoRow.getByText('错误', { exact: true }).waitFor();
    await typoRow.getByTestId('import-suggestion').filter({ hasText: '青溪县水利局' }).waitFor();
    expect(await typoRow.locator('td').first().innerText()).toBe('5'); // Excel row 5: title, header, then the third problem

    const download = page.waitForEvent('download');
    await page.getByTestId('import-annotated').click();
    expect((await download).suggestedFilename()).toContain('校验结果');
    await snap(page, 'import-4-check-errors');

    // The commit is refused while an error remains, and says why.
    await page.getByTestId('import-to-commit').click();
    await page.getByTestId('import-blocked').getByText('还有 1 个错误').waitFor();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await snap(page, 'import-5-commit-blocked');
    await page.getByRole('button', { name: label('返回校验结果') }).click();
    await page.getByTestId('import-check-step').waitFor();
  });

  it('fixes the misspelt unit by clicking the suggestion: no error is left', async () => {
    const { page } = browser;
    await page.getByTestId('import-issue-filter').getByText(/^错误/).click();
    const typoRow = page.getByTestId('import-issues').locator('tbody tr', { hasText: `找不到单位“${TYPO}”` });
    const done = rechecked(page);
    await typoRow.getByTestId('import-suggestion').filter({ hasText: '青溪县水利局' }).click();
    expect((await done).status()).toBe(200);
    await page.getByTestId('import-passed').waitFor();
    expect(await stat(page, 'create').innerText()).toBe('5');
    expect(await stat(page, 'invalid').innerText()).toBe('0');
    await page.getByTestId('import-issue-filter').getByText('全部', { exact: true }).click();
    await snap(page, 'import-6-check-passed');

    await page.getByRole('tab', { name: /将写入的内容/ }).click();
    const preview = page.getByTestId('import-preview');
    const sand = preview.locator('tbody tr', { hasText: TITLES.sand });
    await sand.getByText('青溪县水利局').waitFor();
    await sand.getByText('长期坚持').waitFor();
    const outlet = preview.locator('tbody tr', { hasText: TITLES.outlet });
    await outlet.getByText('白沙镇人民政府、青溪县生态环境局').waitFor();
    await outlet.getByText(`${year}-12-31`).waitFor();
    await preview.locator('tbody tr', { hasText: TITLES.farm }).getByText(`${year}-09-30`).waitFor();
    await preview.locator('tbody tr', { hasText: TITLES.kitchen }).getByText(`${year}-06-30`).waitFor();
    await preview.locator('tbody tr', { hasText: TITLES.dust }).getByText('立行立改').waitFor();
    await snap(page, 'import-7-preview');

    // The alias is listed with the settings on 核对列.
    await page.getByTestId('import-steps').getByText('核对列').click();
    await page.getByTestId('import-aliases').getByText(`文件中的“${TYPO}”按“青溪县水利局”导入`).waitFor();
    await page.getByTestId('import-steps').getByText('导入', { exact: true }).click();
  });

  it('imports after confirming, follows the progress to the end and names the new codes', async () => {
    const { page } = browser;
    await page.getByTestId('import-commit-step').waitFor();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(false);
    await page.getByTestId('import-commit').click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.getByText('将新增 5 个问题、更新 0 个问题').waitFor();
    await snap(page, 'import-8-confirm');
    const started = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/imports/${importId}/commit`));
    await dialog.getByRole('button', { name: label('导入') }).click();
    const answer = await started;
    expect(answer.status()).toBe(202);
    expect(((await answer.json()) as { status: string }).status).toBe('committing');
    // Progress while it runs (a small file may finish before the first poll), then the result.
    await page.getByTestId('import-committing').or(page.getByTestId('import-done')).waitFor();
    await dialog.waitFor({ state: 'detached' });
    // No settling pause here: the progress of five rows lasts a moment.
    if (await page.getByTestId('import-committing').isVisible()) await page.screenshot({ path: 'e2e/screenshots/import-9-progress.png' });
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await page.getByText('新增 5 个问题，更新 0 个问题。').waitFor();
    expect(await page.getByTestId('import-codes').locator('.ant-tag').count()).toBe(5);
    await snap(page, 'import-10-done');
  });

  it('shows the imported problems on the ledger with their fields', async () => {
    const { page } = browser;
    await page.getByTestId('import-to-ledger').click();
    await page.getByTestId('ledger-table').waitFor();
    await page.getByTestId('ledger-search').locator('input').fill('E2E导入');
    const table = page.getByTestId('ledger-table');
    for (const title of Object.values(TITLES)) await table.locator('tbody tr', { hasText: title }).waitFor();
    await snap(page, 'import-11-ledger');
    await page.getByTestId('ledger-search').locator('input').fill(TITLES.outlet);
    await page.waitForURL((url) => url.searchParams.get('q') === TITLES.outlet);
    // The other four rows leave once the search has answered.
    await table.locator('tbody tr.ant-table-row', { hasText: TITLES.dust }).waitFor({ state: 'detached' });
    await table.locator('tbody tr.ant-table-row').filter({ hasText: TITLES.outlet }).waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.getByText(TITLES.outlet).click();
    await page.waitForURL(/\/problems\/\d+$/);
    const info = page.getByTestId('basic-info');
    await info.waitFor();
    await info.getByText('中央生态环境保护督察').waitFor();
    await info.getByText('白沙河白沙镇段排污口污水直排').waitFor();
    await info.getByText('青溪县水利局').first().waitFor();
    await info.getByText('青溪县生态环境局').first().waitFor();
    await page.getByTestId('problem-header').getByTestId('status-tag').filter({ hasText: /^整改中$/ }).waitFor();
    await snap(page, 'import-12-problem');
  });

  it('lists the import as done, uses the saved mapping for the next file, and fits a phone', async () => {
    const { page } = browser;
    await page.setViewportSize(PHONE);
    await page.goto('/problems/import');
    const recent = page.getByTestId('import-recent');
    await recent.locator('tbody tr', { hasText: FILE }).getByText('已导入').waitFor();
    await snap(page, 'import-13-phone-upload', true);
    await recent.locator('tbody tr', { hasText: FILE }).getByRole('button', { name: label('查看') }).click();
    await page.getByTestId('import-done').waitFor();
    expect(new URL(page.url()).searchParams.get('id')).toBe(String(importId));
    await page.goto('/problems/import');

    // The same office's next ledger: 主办科室 is now known from the saved mapping.
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-mapping-step').waitFor();
    await page.getByText('已按上次保存的对应关系识别各列').waitFor();
    await expect(page.getByTestId('import-field-G').innerText()).resolves.toContain('牵头单位');
    await snap(page, 'import-14-phone-columns', true);
    await page.getByTestId('import-to-check').click();
    await page.getByTestId('import-check-step').waitFor();
    await snap(page, 'import-15-phone-check', true);
    await page.getByTestId('language-switch').getByText('EN').click();
    await page.getByTestId('import-stat-create').getByText('To create').waitFor();
    await page.getByTestId('import-issues').getByText('No unit "县水立局"').waitFor();
    await snap(page, 'import-16-phone-check-english', true);
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByTestId('import-stat-create').getByText('将新增').waitFor();
    await page.setViewportSize(DESKTOP);
    expect(importUrl).toContain(`id=${importId}`);
  });

  it('refuses a file that is not a workbook, and lets the user point at a header ducha could not find', async () => {
    const { page } = browser;
    await page.goto('/problems/import');
    await page.getByTestId('import-upload').waitFor();
    await page.locator('input[type=file]').setInputFiles(textFile);
    await page.getByTestId('import-refused').getByText('只能导入 .xlsx 或 .csv 文件').waitFor();

    // A ledger under a long preamble: the header (Excel row 18) is below where ducha looks for it.
    await page.locator('input[type=file]').setInputFiles(deepFile);
    await page.getByTestId('import-no-header').waitFor();
    await snap(page, 'import-17-no-header');
    await inputOf(page, 'import-header-row').fill('18');
    await page.getByTestId('import-layout-changed').waitFor();
    expect(await inputOf(page, 'import-first-row').inputValue()).toBe('19');
    const first = rechecked(page);
    await page.getByTestId('import-recheck').click();
    expect((await first).status()).toBe(200);
    // The columns are then read from that header: a second check with them follows by itself.
    await page.getByTestId('import-mapping').waitFor();
    await expect(page.getByTestId('import-field-C').innerText()).resolves.toContain('牵头单位');
    await page.getByTestId('import-no-header').waitFor({ state: 'detached' });
    await snap(page, 'import-18-header-chosen');
    await page.getByTestId('import-to-check').click();
    await page.getByTestId('import-passed').waitFor();
    expect(await stat(page, 'create').innerText()).toBe('1');
  });

  it('renders every screen without console errors or React/antd warnings', () => {
    expect(browser.problems).toEqual([]);
  });
});
