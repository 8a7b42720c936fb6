import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { request as apiRequest, type APIRequestContext, type Download, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../src/domain/ledger/columns';
import { documentText, partXml } from '../test/helpers/docx';
import { pngBytes } from './support/files';
import { DESKTOP, PHONE, label, menuLabels, openBrowser, pickOption, signIn, signOut, snap, type Browser } from './support/browser';
import { chinaToday, startServer, type TestServer } from './support/server';

/**
 * 导出与公开 in Chromium: what leaves ducha as files and what the public sees. The coordinator filters the ledger and
 * exports it and the report layouts (the workbooks hold exactly the filtered problems); a leader reads the 调度通报
 * and downloads it as Word, a handler finds no way in; the documents of one problem download as Word; and anyone,
 * signed in or not, reads the public disclosure, where nothing private (responsible person, phones, the complainant
 * in a description, the enterprise, the address) may appear.
 */

const today = chinaToday();
const PRIVATE = {
  person: '钱保密',
  phone: '13987654321',
  complainant: '举报人赵某某',
  complainantPhone: '13800001111',
  enterprise: 'E2E保密化工有限公司',
  uscc: '91330000MA2E2E0X1D',
  address: '白沙镇东湖路88号3栋',
  remarks: '内部备注E2E勿公开',
  hiddenTitle: '不公开的E2E内部问题',
  measuresPhone: '13712345678',
  progressPhone: '13698765432',
};
const PUBLIC_PREFIX = 'E2E公开';
const CLOSED_TITLE = 'E2E公开白沙镇码头扬尘已整改';
const EXTRA_PUBLIC = 14;
const WATER = '青溪县水利局';

type Json = Record<string, unknown>;
interface ApiUser {
  ctx: APIRequestContext;
  csrf: string;
  id: number;
}
interface LedgerList {
  total: number;
  items: { id: number; code: string; title: string; status: string; warningLight: string }[];
}

/** A signed-in API client of its own (its own cookies), to build the data the screens show and to compare with. */
async function apiAs(baseURL: string, username: string, password: string): Promise<ApiUser> {
  const ctx = await apiRequest.newContext({ baseURL, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });
  const res = await ctx.post('/api/auth/login', { data: { username, password } });
  if (!res.ok()) throw new Error(`sign-in ${username}: ${res.status()} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string; id: number };
  return { ctx, csrf: me.csrfToken, id: me.id };
}

async function get<T = Json>(user: ApiUser | APIRequestContext, path: string): Promise<T> {
  const ctx = 'ctx' in user ? user.ctx : user;
  const res = await ctx.get(path);
  if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function post<T = Json>(user: ApiUser, path: string, data: unknown = {}): Promise<T> {
  const res = await user.ctx.post(path, { data, headers: { 'x-csrf-token': user.csrf } });
  if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function upload(user: ApiUser, problemId: number, purpose: string, colour: [number, number, number]): Promise<number> {
  const res = await user.ctx.post(`/api/problems/${problemId}/evidence`, {
    headers: { 'x-csrf-token': user.csrf },
    multipart: { purpose, file: { name: `IMG_${purpose}_${problemId}.png`, mimeType: 'image/png', buffer: pngBytes(colour) } },
  });
  if (!res.ok()) throw new Error(`upload: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/** How far the page is wider than the window, in pixels (0 when nothing sticks out sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Read a downloaded file. */
const bytesOf = async (download: Download) => readFileSync((await download.path())!);

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bytesOf(download)) as unknown as ArrayBuffer);
  return workbook;
}

/** The values of one row as text (1-based columns, index 0 = column A). */
function rowTexts(sheet: ExcelJS.Worksheet, row: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= sheet.columnCount; c++) {
    const v = sheet.getRow(row).getCell(c).value;
    out.push(v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  }
  return out;
}

/** Rows below the title (row 1) and the header (row 2), without empty trailing rows. */
function dataRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const values = rowTexts(sheet, r);
    if (values.some(Boolean)) rows.push(values);
  }
  return rows;
}

/** The 说明 sheet as a map of its label → value rows. */
function notesOf(workbook: ExcelJS.Workbook): Map<string, string> {
  const sheet = workbook.getWorksheet('说明');
  const out = new Map<string, string>();
  sheet?.eachRow((row) => out.set(String(row.getCell(1).value ?? ''), String(row.getCell(2).value ?? '')));
  return out;
}

/** Everything a workbook says, every cell of every sheet. */
function workbookText(workbook: ExcelJS.Workbook): string {
  const parts: string[] = [];
  workbook.eachSheet((sheet) => {
    parts.push(sheet.name);
    sheet.eachRow((row) => row.eachCell((cell) => parts.push(cell.value instanceof Date ? cell.value.toISOString() : typeof cell.value === 'object' && cell.value !== null ? JSON.stringify(cell.value) : String(cell.value))));
  });
  return parts.join('\n');
}

describe('exports, documents and the public disclosure', () => {
  let server: TestServer;
  let browser: Browser;
  let coordinator: ApiUser;
  let waterUnitId = 0;
  let closedId = 0;
  let closedCode = '';
  let rectifyingWaterId = 0;
  let anonymous: APIRequestContext;

  /** Click one item of the export menu (a submenu item is reached through its parent) and wait for the file. */
  const exportFile = async (page: Page, item: string, parent?: string): Promise<Download> => {
    await page.getByTestId('ledger-export').click();
    const menu = page.locator('.ant-dropdown:visible');
    await menu.waitFor();
    await page.waitForTimeout(250);
    const downloaded = page.waitForEvent('download');
    if (parent) {
      await menu.getByRole('menuitem', { name: parent }).hover();
      const sub = page.locator('.ant-dropdown-menu-submenu-popup:visible');
      await sub.getByRole('menuitem', { name: item }).waitFor();
      await page.waitForTimeout(250);
      await sub.getByRole('menuitem', { name: item }).click();
    } else {
      await menu.getByRole('menuitem', { name: item }).click();
    }
    return downloaded;
  };

  /** The ledger's current filters, as the page keeps them in its address (without paging and sort). */
  const filterOfPage = (page: Page) => {
    const params = new URL(page.url()).searchParams;
    params.delete('page');
    params.delete('pageSize');
    params.delete('sort');
    return params;
  };
  const ledgerOf = (params: URLSearchParams) => get<LedgerList>(coordinator, `/api/problems?pageSize=200&${params.toString()}`);

  beforeAll(async () => {
    server = await startServer({ today });
    const password = server.demoPassword;
    coordinator = await apiAs(server.url, 'coordinator', password);
    const handler = await apiAs(server.url, 'handler.water', password);
    const head = await apiAs(server.url, 'head.water', password);
    const verifier = await apiAs(server.url, 'verifier', password);
    anonymous = await apiRequest.newContext({ baseURL: server.url, extraHTTPHeaders: { 'Accept-Language': 'zh-CN' } });

    const units = (await get<{ items: { id: number; name: string }[] }>(coordinator, '/api/units')).items;
    const unitId = (name: string) => units.find((u) => u.name === name)!.id;
    waterUnitId = unitId(WATER);
    const regions = (await get<{ items: { id: number; name: string }[] }>(coordinator, '/api/regions')).items;
    const regionId = (name: string) => regions.find((r) => r.name === name)!.id;
    const towns = ['白沙镇', '云台乡', '石门镇', '城关街道'].map(regionId);
    const deadline = chinaToday(150);

    const register = (overrides: Json) =>
      post<{ id: number; code: string }>(coordinator, '/api/problems', {
        source: 'complaint',
        category: 'air',
        title: `${PUBLIC_PREFIX}问题`,
        description: `${PRIVATE.complainant}（电话${PRIVATE.complainantPhone}）反映：工地扬尘严重，影响周边居民。`,
        regionId: towns[0],
        address: PRIVATE.address,
        enterpriseName: PRIVATE.enterprise,
        enterpriseUscc: PRIVATE.uscc,
        leadUnitId: waterUnitId,
        responsiblePerson: PRIVATE.person,
        responsiblePhone: PRIVATE.phone,
        goal: '扬尘得到有效控制',
        measures: `落实围挡、覆盖、洒水措施；联系人电话${PRIVATE.measuresPhone}`,
        closingCriteria: ['围挡覆盖到位', '连续一个月无投诉'],
        deadlineKind: 'date',
        deadline,
        isPublic: true,
        remarks: PRIVATE.remarks,
        ...overrides,
      });

    // More public problems than one page of the public table holds, spread over four towns.
    for (let i = 1; i <= EXTRA_PUBLIC; i++)
      await register({ title: `${PUBLIC_PREFIX}第${String(i).padStart(2, '0')}号${['扬尘', '噪声', '油烟', '垃圾'][i % 4]}问题`, regionId: towns[i % 4], category: ['air', 'noise', 'air', 'solid_waste'][i % 4] });
    // One that is not public at all.
    await register({ title: PRIVATE.hiddenTitle, isPublic: false });

    // One problem through the whole loop to 已销号, by the API (the browser suite's loop test does it on screen).
    const closed = await register({ title: CLOSED_TITLE, regionId: towns[0] });
    closedId = closed.id;
    closedCode = closed.code;
    await post(coordinator, `/api/problems/${closedId}/assign`);
    await post(handler, `/api/problems/${closedId}/acknowledge`);
    const progressPhoto = await upload(handler, closedId, 'progress', [120, 160, 90]);
    await post(handler, `/api/problems/${closedId}/report-progress`, { text: `围挡已全部完成，现场负责人手机${PRIVATE.progressPhone}`, evidenceIds: [progressPhoto] });
    const checkPhoto = await upload(head, closedId, 'self_check', [90, 140, 200]);
    await post(head, `/api/problems/${closedId}/submit-self-check`, {
      items: ['围挡覆盖到位', '连续一个月无投诉'].map((criterion) => ({ criterion, statement: '已完成', evidenceIds: [checkPhoto] })),
    });
    await post(coordinator, `/api/problems/${closedId}/start-verification`, { verifierUserId: verifier.id });
    const sitePhoto = await upload(verifier, closedId, 'verification', [200, 190, 120]);
    await post(verifier, `/api/problems/${closedId}/record-verification`, { result: 'pass', onSiteRecord: '现场核查：围挡、覆盖到位，无扬尘。', evidenceIds: [sitePhoto] });
    // The notice runs its days; the coordinator ends it on a later day, then the clock comes back to today.
    server.setToday(chinaToday(30));
    await post(coordinator, `/api/problems/${closedId}/end-notice`);
    server.setToday(today);
    await post(coordinator, `/api/problems/${closedId}/archive`);
    await post(coordinator, `/api/problems/${closedId}/file`, { filingNumber: '青督改备〔2026〕E2E号', filingDate: today });

    await Promise.all([handler, head, verifier].map((u) => u.ctx.dispose()));

    const water = await ledgerOf(new URLSearchParams({ status: 'rectifying', leadUnitId: String(waterUnitId) }));
    rectifyingWaterId = water.items.find((p) => p.title === '白沙河入河排污口雨污混排')!.id;

    browser = await openBrowser(server.url);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await snap(browser.page, `failed-exchange-${ctx.task.name.slice(0, 30)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([coordinator?.ctx.dispose(), anonymous?.dispose()]);
    await server?.close();
  });

  describe('导出 on the ledger', () => {
    it('exports the ledger as filtered on screen: exactly the filtered problems under the dictionary header', async () => {
      const { page } = browser;
      await signIn(page, 'coordinator', server.demoPassword);
      await page.getByTestId('home-page').waitFor();
      await page.goto('/problems');
      const table = page.getByTestId('ledger-table');
      await table.locator('tbody tr.ant-table-row').first().waitFor();

      // Filter by status and lead unit, as a clerk would before sending the water bureau its list.
      await pickOption(page, page.getByTestId('filter-status'), '整改中');
      await page.keyboard.press('Escape');
      await page.waitForURL((url) => url.searchParams.get('status') === 'rectifying');
      await page.getByTestId('filter-more').click();
      await pickOption(page, page.getByTestId('filter-lead-unit'), WATER, true);
      await page.waitForURL((url) => url.searchParams.get('leadUnitId') === String(waterUnitId));
      const filter = filterOfPage(page);
      expect(Object.fromEntries(filter)).toEqual({ status: 'rectifying', leadUnitId: String(waterUnitId) });
      const expected = await ledgerOf(filter);
      // Enough to tell a filtered export from an unfiltered one, and not everything.
      const all = await ledgerOf(new URLSearchParams());
      expect(expected.total).toBeGreaterThan(1);
      expect(expected.total).toBeLessThan(all.total);
      await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(expected.total);
      await snap(page, 'exchange-1-ledger-filtered');

      const download = await exportFile(page, '导出问题清单（当前筛选）');
      expect(download.suggestedFilename()).toBe(`青溪县问题清单_${today.replace(/-/g, '')}.xlsx`);
      await page.locator('.ant-message').getByText(`已下载“${download.suggestedFilename()}”`).waitFor();
      const workbook = await workbookOf(download);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['问题清单', '说明']);
      const sheet = workbook.getWorksheet('问题清单')!;
      const exported = LEDGER_COLUMNS.filter((c) => c.exported);
      expect(rowTexts(sheet, 2)).toEqual(exported.map((c) => c.header));
      expect(rowTexts(sheet, 2).slice(0, 3)).toEqual(['序号', '问题编号', '问题来源']);
      const rows = dataRows(sheet);
      const at = (key: string) => exported.findIndex((c) => c.key === key);
      expect(rows.map((r) => r[at('code')]).sort()).toEqual(expected.items.map((p) => p.code).sort());
      for (const r of rows) {
        expect(r[at('status')]).toBe('整改中');
        expect(r[at('leadUnit')]).toBe(WATER);
      }
      const notes = notesOf(workbook);
      expect(notes.get('筛选条件')).toBe(`整改状态：整改中；牵头单位：${WATER}`);
      await snap(page, 'exchange-2-ledger-exported');
    });

    it('exports the report layouts over the same filters: 整改任务汇总表, 逾期问题清单', async () => {
      const { page } = browser;
      const filter = filterOfPage(page);
      const expected = await ledgerOf(filter);

      const summary = await workbookOf(await exportFile(page, '按整改状态', '整改任务汇总表'));
      const sheet = summary.getWorksheet('整改任务汇总表')!;
      expect(rowTexts(sheet, 2)).toEqual(['序号', '整改状态', '问题总数', '已销号', '完成整改未销号', '整改中', '逾期', '临期', '完成率']);
      const rows = dataRows(sheet);
      // One status filtered, so one group, then the 合计 row: both count exactly the filtered problems.
      expect(rows.map((r) => r.slice(0, 3))).toEqual([
        ['1', '整改中', String(expected.total)],
        ['合计', '合计', String(expected.total)], // the merged 合计 cell reads the same in both columns
      ]);

      const overdue = await workbookOf(await exportFile(page, '逾期问题清单'));
      const overdueSheet = overdue.getWorksheet('逾期问题清单')!;
      expect(rowTexts(overdueSheet, 2)).toEqual(['序号', '问题编号', '问题简述', '牵头单位', '整改时限', '逾期事项', '应完成日期', '逾期工作日', '预警', '整改状态']);
      const late = expected.items.filter((p) => p.warningLight === 'red' || p.warningLight === 'severe');
      expect(late.length).toBeGreaterThan(0);
      expect(dataRows(overdueSheet).map((r) => r[1]).sort()).toEqual(late.map((p) => p.code).sort());
    });

    it('exports the 已销号问题清单 of a closed-status filter, with the filing number', async () => {
      const { page } = browser;
      await page.getByTestId('filter-reset').click();
      await page.waitForURL((url) => !url.searchParams.has('status'));
      await pickOption(page, page.getByTestId('filter-status'), '已销号');
      await page.keyboard.press('Escape');
      await page.waitForURL((url) => url.searchParams.get('status') === 'closed');
      const expected = await ledgerOf(filterOfPage(page));
      expect(expected.items.map((p) => p.code)).toEqual([closedCode]);
      const closed = await workbookOf(await exportFile(page, '已销号问题清单'));
      const sheet = closed.getWorksheet('已销号问题清单')!;
      expect(rowTexts(sheet, 2)).toEqual(['序号', '问题编号', '问题简述', '行政区划', '牵头单位', '核查通过日期', '销号日期', '备案号', '备案日期']);
      const rows = dataRows(sheet);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.slice(1, 5)).toEqual([closedCode, CLOSED_TITLE, '白沙镇', WATER]);
      expect(rows[0]![7]).toBe('青督改备〔2026〕E2E号');
      await page.getByTestId('ledger-export').click();
      // The menu says that every layout in it follows the filters.
      await page.locator('.ant-dropdown:visible').getByText('以下均按当前 1 项筛选条件导出').waitFor();
      await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: '整改任务汇总表' }).hover();
      await page.locator('.ant-dropdown-menu-submenu-popup:visible').waitFor();
      await snap(page, 'exchange-3-export-menu');
      await page.keyboard.press('Escape');
    });
  });

  describe('文书 of one problem', () => {
    it('issues a numbered 督办通知单 and prints the 销号申请表, both as Word documents', async () => {
      const { page } = browser;
      const problem = await get<{ code: string; title: string }>(coordinator, `/api/problems/${rectifyingWaterId}`);
      await page.goto(`/problems/${rectifyingWaterId}`);
      await page.getByTestId('problem-header').waitFor();
      const documents = page.getByTestId('problem-documents');
      await documents.scrollIntoViewIfNeeded();
      await snap(page, 'exchange-4-problem-documents');

      await page.getByTestId('document-notice').click();
      const dialog = page.locator('.ant-modal').filter({ hasText: `发督办通知单 · ${problem.code}` });
      await dialog.waitFor();
      await dialog.getByLabel('补充要求').fill('请于报送期限前书面报告整改进展。');
      await page.waitForTimeout(300);
      await snap(page, 'exchange-5-notice-dialog');
      const noticeFile = page.waitForEvent('download');
      await dialog.getByRole('button', { name: label('编号并下载') }).click();
      const notice = await noticeFile;
      expect(notice.suggestedFilename()).toMatch(new RegExp(`^督办通知单-.+-${problem.code}\\.docx$`));
      const number = /^督办通知单-(.+)-DC/.exec(notice.suggestedFilename())![1]!;
      await page.locator('.ant-message').getByText(`已发出督办通知单 ${number}`).waitFor();
      await dialog.waitFor({ state: 'detached' });
      const noticeBytes = await bytesOf(notice);
      expect(partXml(noticeBytes, 'docProps/core.xml')).toContain(`<dc:subject>督办通知单 ${number}</dc:subject>`);
      const noticeText = documentText(noticeBytes);
      expect(noticeText).toContain(`关于加快推进“${problem.title}”问题整改的督办通知`);
      expect(noticeText).toContain(number);
      expect(noticeText).toContain(problem.title);
      expect(noticeText).toContain('请于报送期限前书面报告整改进展。');

      const formFile = page.waitForEvent('download');
      await page.getByTestId('document-closing-form').click();
      const form = await formFile;
      expect(form.suggestedFilename()).toBe(`销号申请表-${problem.code}.docx`);
      const bytes = await bytesOf(form);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // a zip: the Word file format
      const formText = documentText(bytes);
      expect(formText).toContain('销号申请表');
      expect(formText).toContain(problem.code);
      expect(formText).toContain(problem.title);

      // On a phone: the document buttons under the header, and the export menu of the ledger.
      await page.setViewportSize(PHONE);
      try {
        await documents.scrollIntoViewIfNeeded();
        await snap(page, 'exchange-5b-problem-documents-phone');
        await page.goto('/problems?status=rectifying');
        await page.getByTestId('ledger-table').locator('tbody tr.ant-table-row').first().waitFor();
        await page.getByTestId('ledger-export').scrollIntoViewIfNeeded();
        await page.getByTestId('ledger-export').click();
        await page.locator('.ant-dropdown:visible').getByText('以下均按当前 1 项筛选条件导出').waitFor();
        await page.waitForTimeout(250);
        await page.locator('.ant-dropdown:visible').getByRole('menuitem', { name: '整改任务汇总表' }).click();
        const sub = page.locator('.ant-dropdown-menu-submenu-popup:visible');
        await sub.getByRole('menuitem', { name: '按牵头单位' }).waitFor();
        await page.waitForTimeout(250);
        await snap(page, 'exchange-5c-export-menu-phone');
        // Every item of the menu can be reached on the phone's screen.
        const box = await sub.getByRole('menuitem', { name: '按牵头单位' }).boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
        await page.keyboard.press('Escape');
      } finally {
        await page.setViewportSize(DESKTOP);
      }
    });
  });

  describe('调度通报', () => {
    const statValue = (page: Page, id: string) => page.getByTestId(id).locator('.ant-statistic-content-value').first();
    type Summary = {
      period: { from: string; to: string; label: string };
      previousPeriod: { label: string };
      asOf: string;
      totals: { total: number; closed: number; rectifiedNotClosed: number; inProgress: number; overdue: number };
      flows: Record<'newProblems' | 'rectified' | 'closed' | 'newlyOverdue', { current: number; previous: number }>;
      warnings: { yellow: number; red: number; severe: number };
    };
    /** The figures of the summary the page asked for, asked again through the API by the same kind of user. */
    const expectFiguresOf = async (page: Page, user: ApiUser, period: { from: string; to: string }) => {
      const s = await get<Summary>(user, `/api/reports/bulletin/summary?from=${period.from}&to=${period.to}`);
      await page.getByTestId('bulletin-period-line').getByText(`本期：${s.period.label}；对比上期：${s.previousPeriod.label}；存量截至 ${s.asOf}`).waitFor();
      const shown = async (id: string) => Number((await statValue(page, id).innerText()).replace(/,/g, ''));
      await expect.poll(() => shown('bulletin-stat-total')).toBe(s.totals.total);
      expect(await shown('bulletin-stat-closed')).toBe(s.totals.closed);
      expect(await shown('bulletin-stat-rectifiedNotClosed')).toBe(s.totals.rectifiedNotClosed);
      expect(await shown('bulletin-stat-inProgress')).toBe(s.totals.inProgress);
      expect(await shown('bulletin-stat-overdue')).toBe(s.totals.overdue);
      expect(await shown('bulletin-stat-warnings')).toBe(s.warnings.yellow + s.warnings.red + s.warnings.severe);
      for (const flow of ['newProblems', 'rectified', 'closed', 'newlyOverdue'] as const) {
        expect(await shown(`bulletin-flow-${flow}`), flow).toBe(s.flows[flow].current);
        await page.getByTestId(`bulletin-flow-${flow}`).getByText(`上期 ${s.flows[flow].previous}`).waitFor();
      }
      return s;
    };
    /** A Word file (a zip) filed as 调度通报, titled as the bulletin of the period, naming the period in its text. */
    const expectBulletin = (bytes: Buffer, periodLabel: string) => {
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(partXml(bytes, 'docProps/core.xml')).toContain('<dc:subject>调度通报</dc:subject>');
      const text = documentText(bytes);
      expect(text).toContain(`关于${periodLabel}生态环境保护督察整改工作进展情况的通报`);
      expect(text).toContain(`现将${periodLabel}青溪县生态环境保护督察整改工作进展情况通报如下`);
    };
    const summaryAsked = (page: Page) => page.waitForResponse((r) => r.url().includes('/api/reports/bulletin/summary') && r.status() === 200);
    const periodOf = (url: string) => {
      const params = new URL(url).searchParams;
      return { from: params.get('from')!, to: params.get('to')! };
    };

    it('shows the coordinator last month by default, then this month and a custom range, each as the API counts it', async () => {
      const { page } = browser;
      const first = summaryAsked(page);
      await page.getByTestId('side-nav').getByText('调度通报').click();
      await page.getByTestId('bulletin-page').waitFor();
      const lastMonth = periodOf((await first).url());
      const [y, m] = today.split('-').map(Number) as [number, number];
      const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
      expect(lastMonth.from).toBe(`${prev}-01`);
      expect(lastMonth.to.slice(0, 7)).toBe(prev);
      const s = await expectFiguresOf(page, coordinator, lastMonth);
      // Everything was registered today: last month saw nothing new, and the stock is what the ledger holds.
      expect(s.flows.newProblems.current).toBe(0);
      expect(s.totals.total).toBe((await ledgerOf(new URLSearchParams())).total);
      await snap(page, 'exchange-6-bulletin-last-month', true);

      const thisMonth = summaryAsked(page);
      await page.getByTestId('bulletin-period').getByText('本月').click();
      const period = periodOf((await thisMonth).url());
      // 本月 is the whole calendar month (it may end after today); the stocks are counted as of today.
      const [year, month] = today.split('-').map(Number) as [number, number];
      expect(period).toEqual({ from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${new Date(Date.UTC(year, month, 0)).getUTCDate()}` });
      const current = await expectFiguresOf(page, coordinator, period);
      expect(current.flows.newProblems.current).toBe(s.totals.total);
      expect(current.flows.closed.current).toBe(1);

      await page.getByTestId('bulletin-period').getByText('自定义').click();
      // antd puts the test id on both inputs of the range: the start, then the end.
      const range = page.getByTestId('bulletin-range');
      await range.first().waitFor();
      const from = chinaToday(-10);
      const custom = page.waitForResponse((r) => r.url().includes(`/api/reports/bulletin/summary?from=${from}&to=${today}`) && r.status() === 200);
      const start = range.first();
      await start.click();
      await start.fill(from);
      await start.press('Enter');
      const end = range.nth(1);
      await end.fill(today);
      await end.press('Enter');
      await custom;
      await page.keyboard.press('Escape');
      const customFigures = await expectFiguresOf(page, coordinator, { from, to: today });
      expect(customFigures.period.from).toBe(from);
      await snap(page, 'exchange-7-bulletin-custom', true);

      const file = page.waitForEvent('download');
      await page.getByTestId('bulletin-download').click();
      const download = await file;
      expect(download.suggestedFilename()).toBe(`调度通报-${customFigures.period.label}.docx`);
      expectBulletin(await bytesOf(download), customFigures.period.label);
      await page.locator('.ant-message').getByText(`已下载“${download.suggestedFilename()}”`).waitFor();
    });

    it('lets a leader read and download it, on a phone too, and in English', async () => {
      const { page } = browser;
      const leader = await apiAs(server.url, 'leader', server.demoPassword);
      // The periods count from the server's day, not the device's: move the server into another month.
      const later = chinaToday(45);
      server.setToday(later);
      try {
        await signIn(page, 'leader', server.demoPassword);
        await page.getByTestId('home-page').waitFor();
        expect(await menuLabels(page)).toContain('调度通报');
        const first = summaryAsked(page);
        await page.goto('/reports/bulletin');
        const period = periodOf((await first).url());
        const [y, m] = later.split('-').map(Number) as [number, number];
        expect(period.from).toBe(m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`);
        const s = await expectFiguresOf(page, leader, period);
        const file = page.waitForEvent('download');
        await page.getByTestId('bulletin-download').click();
        expectBulletin(await bytesOf(await file), s.period.label);

        await page.setViewportSize(PHONE);
        await page.getByTestId('bulletin-stat-total').waitFor();
        await page.waitForTimeout(300);
        expect(await overflow(page)).toBe(0);
        await snap(page, 'exchange-8-bulletin-phone', true);
        // On a phone the period is a drop-down; a custom range opens the date picker within the screen.
        await pickOption(page, page.getByTestId('bulletin-period'), '自定义');
        await page.getByTestId('bulletin-range').first().click();
        await page.locator('.ant-picker-dropdown:visible').waitFor();
        await snap(page, 'exchange-8b-bulletin-phone-range');
        const picker = await page.locator('.ant-picker-dropdown:visible .ant-picker-panel-container').boundingBox();
        expect(picker!.x).toBeGreaterThanOrEqual(0);
        expect(picker!.x + picker!.width).toBeLessThanOrEqual(PHONE.width);
        await page.keyboard.press('Escape');
        await pickOption(page, page.getByTestId('bulletin-period'), '上月');
        await page.getByTestId('language-switch').getByText('EN').click();
        await page.getByTestId('bulletin-stat-total').getByText('Problems').waitFor();
        // The server names periods in Chinese (for the Word title); in English the page shows the dates.
        await page.getByTestId('bulletin-period-line').getByText(`Period: ${s.period.from} – ${s.period.to}; compared with`).waitFor();
        await page.waitForTimeout(300);
        expect(await overflow(page)).toBe(0);
        await snap(page, 'exchange-9-bulletin-phone-english', true);
        await page.setViewportSize(DESKTOP);
        await snap(page, 'exchange-10-bulletin-english', true);
        await page.getByTestId('language-switch').getByText('中文').click();
        await page.getByTestId('bulletin-stat-total').getByText('问题总数').waitFor();
      } finally {
        server.setToday(today);
        await page.setViewportSize(DESKTOP);
        await leader.ctx.dispose();
      }
    });

    it('refuses a handler with a clear no-access page, and no menu entry', async () => {
      const { page } = browser;
      await signOut(page);
      await signIn(page, 'handler.water', server.demoPassword);
      await page.getByTestId('home-page').waitFor();
      expect(await menuLabels(page)).not.toContain('调度通报');
      await page.goto('/reports/bulletin');
      await page.getByText('您的账号没有访问此页面的权限').waitFor();
      expect(await page.getByTestId('bulletin-page').count()).toBe(0);
      await page.getByRole('button', { name: label('返回首页') }).waitFor();
      await snap(page, 'exchange-11-bulletin-handler-refused');
      const handler = await apiAs(server.url, 'handler.water', server.demoPassword);
      try {
        const res = await handler.ctx.get('/api/reports/bulletin');
        expect(res.status()).toBe(403);
      } finally {
        await handler.ctx.dispose();
      }
    });
  });

  describe('对外公开, without signing in', () => {
    const seen: string[] = [];
    /** Keep what the page says now, to look for private values in it at the end. */
    const remember = async (page: Page) => seen.push(await page.locator('body').innerText());
    const rows = (page: Page) => page.getByTestId('disclosure-table').locator('tbody tr.ant-table-row');
    const codesShown = async (page: Page) => (await rows(page).locator('td:first-child').allInnerTexts()).map((s) => s.trim());
    type Disclosure = { total: number; items: { code: string; title: string; measuresSummary?: string | null; latestProgress?: string | null }[]; counts: { closed: number; progress: number } };
    const publicList = (query: string) => get<Disclosure>(anonymous, `/api/public/disclosure?${query}`);

    it('shows the closed problems with their measures, masked, to anyone', async () => {
      const { page } = browser;
      await page.context().clearCookies();
      await page.goto('/public/disclosure');
      await page.getByTestId('disclosure-page').waitFor();
      await rows(page).first().waitFor();
      const closed = await publicList('tab=closed');
      expect(closed.items.map((i) => i.code)).toEqual([closedCode]);
      expect(await codesShown(page)).toEqual([closedCode]);
      const row = rows(page).first();
      await row.getByText(CLOSED_TITLE).waitFor();
      await row.getByText(WATER).waitFor();
      await row.getByText('落实围挡、覆盖、洒水措施').waitFor();
      expect(await row.innerText()).toContain('***');
      const counts = await publicList('tab=progress');
      await page.getByTestId('disclosure-counts').getByText(`全部公开问题：已销号 ${closed.counts.closed} 个，正在整改 ${counts.counts.progress} 个`).waitFor();
      await remember(page);
      await snap(page, 'exchange-12-disclosure-closed', true);
    });

    it('pages through the progress of the public problems, as the public API lists them', async () => {
      const { page } = browser;
      await page.getByRole('tab', { name: /整改进展/ }).click();
      const all = await publicList('tab=progress&pageSize=100');
      // The demo's ten public problems and this test's, but never the one that is not public.
      expect(all.total).toBe(10 + EXTRA_PUBLIC);
      expect(all.items.some((i) => i.title === PRIVATE.hiddenTitle)).toBe(false);
      const first = await publicList('tab=progress&page=1&pageSize=20');
      await expect.poll(() => codesShown(page)).toEqual(first.items.map((i) => i.code));
      await page.locator('.ant-pagination').getByText(`共 ${all.total} 条`).waitFor();
      await remember(page);
      await snap(page, 'exchange-13-disclosure-progress', true);

      await page.locator('.ant-pagination-item-2').click();
      const second = await publicList('tab=progress&page=2&pageSize=20');
      expect(second.items.length).toBe(all.total - 20);
      await expect.poll(() => codesShown(page)).toEqual(second.items.map((i) => i.code));
      await remember(page);
    });

    it('searches and filters by region; the workbook holds what the page lists', async () => {
      const { page } = browser;
      const search = page.getByTestId('disclosure-search').locator('input');
      await search.fill('噪声');
      await search.press('Enter');
      const noise = await publicList('tab=progress&q=噪声&pageSize=100');
      expect(noise.total).toBeGreaterThan(0);
      await expect.poll(() => codesShown(page)).toEqual(noise.items.map((i) => i.code));
      for (const item of noise.items) expect(item.title).toContain('噪声');

      await search.fill('');
      await search.press('Enter');
      await pickOption(page, page.getByTestId('disclosure-region'), '云台乡');
      const regions = (await get<{ items: { id: number; name: string }[] }>(coordinator, '/api/regions')).items;
      const yuntai = regions.find((r) => r.name === '云台乡')!.id;
      const inTown = await publicList(`tab=progress&regionId=${yuntai}&pageSize=100`);
      expect(inTown.total).toBeGreaterThan(0);
      expect(inTown.total).toBeLessThan(10 + EXTRA_PUBLIC);
      await expect.poll(() => codesShown(page)).toEqual(inTown.items.map((i) => i.code));
      await remember(page);
      await snap(page, 'exchange-14-disclosure-region', true);

      const file = page.waitForEvent('download');
      await page.getByTestId('disclosure-download').click();
      const download = await file;
      expect(download.suggestedFilename()).toMatch(/^云台乡督察整改公开情况_\d{8}\.xlsx$/);
      const workbook = await workbookOf(download);
      const names = workbook.worksheets.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['已销号问题', '整改进展']));
      const progressSheet = workbook.getWorksheet('整改进展')!;
      const header = rowTexts(progressSheet, 2);
      expect(header.slice(0, 2)).toEqual(['问题编号', '问题简述']);
      const codeColumn = header.indexOf('问题编号');
      expect(dataRows(progressSheet).map((r) => r[codeColumn]).sort()).toEqual(inTown.items.map((i) => i.code).sort());
      expect(dataRows(workbook.getWorksheet('已销号问题')!)).toHaveLength(0);
      const text = workbookText(workbook);
      for (const value of Object.values(PRIVATE)) expect(text).not.toContain(value);

      // Nothing closed in that town: the empty table says the filter is why.
      await page.getByRole('tab', { name: /已销号问题/ }).click();
      await page.getByTestId('disclosure-table').getByText('没有符合条件的问题，可更换关键词或区域').waitFor();
      await snap(page, 'exchange-15-disclosure-none-closed');
    });

    it('fits a phone, speaks English, and never shows a private value', async () => {
      const { page } = browser;
      await page.setViewportSize(PHONE);
      // Clear the region (its clear icon shows while the pointer is over the field).
      const region = page.getByTestId('disclosure-region');
      await region.hover();
      await region.locator('.ant-select-clear').click();
      await region.getByText('全部区域').waitFor();
      await rows(page).first().waitFor();
      await rows(page).first().getByText(CLOSED_TITLE).waitFor();
      await page.waitForTimeout(300);
      expect(await overflow(page)).toBe(0);
      await remember(page);
      await snap(page, 'exchange-16-disclosure-phone', true);
      await page.getByRole('tab', { name: /整改进展/ }).click();
      await rows(page).first().waitFor();
      await page.waitForTimeout(300);
      expect(await overflow(page)).toBe(0);
      await snap(page, 'exchange-17-disclosure-phone-progress', true);
      await page.getByTestId('language-switch').getByText('EN').click();
      await page.getByRole('tab', { name: /Rectification progress/ }).waitFor();
      await page.waitForTimeout(300);
      expect(await overflow(page)).toBe(0);
      await remember(page);
      await snap(page, 'exchange-18-disclosure-phone-english', true);
      await page.setViewportSize(DESKTOP);
      await snap(page, 'exchange-19-disclosure-english', true);
      await page.getByTestId('language-switch').getByText('中文').click();

      const text = seen.join('\n');
      expect(text).toContain(CLOSED_TITLE);
      for (const value of Object.values(PRIVATE)) expect(text, value).not.toContain(value);
      expect(text).not.toContain('0570-6012345'); // the demo problems' responsible phone
      expect(text).not.toContain('张明'); // and person
    });
  });

  it('renders every screen without console errors or React/antd warnings', () => {
    expect(browser.problems).toEqual([]);
  });
});
