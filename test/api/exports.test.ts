import { PassThrough, Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS } from '../../src/domain/ledger/columns.js';
import { XLSX_MIME } from '../../src/shared/api/exports.js';
import { fixedClock } from '../../src/server/services.js';
import { addTableSheet, openWorkbook, pendingSheetBuffer } from '../../src/server/ledger/export/format.js';
import { writeLedgerWorkbook, type LedgerExportRow } from '../../src/server/ledger/export/ledger-workbook.js';
import { exportLedger } from '../../src/server/usecases/exports/export-ledger.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { closedProblem } from '../helpers/loop.js';
import { dataRows, readWorkbook, rowValues } from '../helpers/xlsx.js';

const clock = fixedClock('2026-03-02');
const EXPORTED = LEDGER_COLUMNS.filter((c) => c.exported);
const col = (key: string) => EXPORTED.findIndex((c) => c.key === key);

let ctx: TestContext;
let coordinator: Session;
let town: Session;
let handler: Session;
let leader: Session;
const closedIds: number[] = [];

beforeAll(async () => {
  ctx = await createTestContext({ demoProblems: true, clock });
  coordinator = await signIn(ctx.app, 'coordinator');
  town = await signIn(ctx.app, 'handler.town1');
  handler = await signIn(ctx.app, 'handler.water');
  leader = await signIn(ctx.app, 'leader');
  const parties = { coordinator, handler, head: await signIn(ctx.app, 'head.water'), verifier: await signIn(ctx.app, 'verifier') };
  closedIds.push(await closedProblem(ctx, parties, { title: '已销号的排口问题', lng: 120.125, lat: 30.25 }));
  closedIds.push(await closedProblem(ctx, parties, { title: '第二个已销号问题' }));
});
afterAll(async () => ctx.close());

const list = async (s: Session, query = '') => (await s.request('GET', `/api/problems?pageSize=200${query ? `&${query}` : ''}`)).json() as { total: number; items: { code: string; id: number }[] };

async function workbookOf(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[^"]+\.xlsx"; filename\*=UTF-8''.+\.xlsx$/);
  return readWorkbook(res.rawPayload);
}

describe('GET /api/exports/ledger.xlsx', () => {
  it('writes the whole visible ledger: title, the dictionary headers in order, one row per problem', async () => {
    const res = await coordinator.request('GET', '/api/exports/ledger.xlsx');
    const wb = await workbookOf(res);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe('青溪县问题清单_20260302.xlsx');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['问题清单', '说明']);
    const sheet = wb.getWorksheet('问题清单')!;
    expect(sheet.getCell('A1').value).toBe('青溪县生态环境保护督察整改问题清单（导出时间：2026年3月2日）');
    expect(sheet.model.merges).toContain(`A1:${sheet.getColumn(EXPORTED.length).letter}1`);
    expect(rowValues(sheet, 2)).toEqual(EXPORTED.map((c) => c.header));
    EXPORTED.forEach((c, i) => expect(sheet.getColumn(i + 1).width).toBe(c.width));

    const all = await list(coordinator);
    const rows = dataRows(sheet);
    expect(all.total).toBe(12);
    expect(rows).toHaveLength(all.total);
    expect(res.headers['x-export-rows']).toBe(String(all.total));
    expect(rows.map((r) => r[col('seq')])).toEqual(all.items.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r[col('code')]))).toEqual(new Set(all.items.map((p) => p.code)));
  });

  it('writes values the import reads back: labels, units, criteria per line, deadlines, coordinates, 是/否', async () => {
    const sheet = (await workbookOf(await coordinator.request('GET', '/api/exports/ledger.xlsx'))).getWorksheet('问题清单')!;
    const rows = dataRows(sheet);
    const byTitle = (title: string) => rows.find((r) => r[col('title')] === title)!;

    const closed = byTitle('已销号的排口问题');
    expect(closed[col('source')]).toBe('中央生态环境保护督察');
    expect(closed[col('category')]).toBe('水');
    expect(closed[col('region')]).toBe('青溪县');
    expect(closed[col('leadUnit')]).toBe('青溪县水利局');
    expect(closed[col('cooperatingUnits')]).toBe('白沙镇人民政府');
    expect(closed[col('closingCriteria')]).toBe('3 处排口全部完成截污\n连续 3 个月监测达标');
    expect(closed[col('coordinates')]).toBe('120.125,30.25');
    expect(closed[col('status')]).toBe('已销号');
    expect(closed[col('isPublic')]).toBe('是');
    // dates are real date cells, formatted as dates
    expect(closed[col('deadline')]).toEqual(new Date(Date.UTC(2026, 8, 30)));
    expect(closed[col('closedOn')]).toEqual(new Date(Date.UTC(2026, 2, 2)));
    const closedRow = rows.indexOf(closed) + 3;
    expect(sheet.getRow(closedRow).getCell(col('closedOn') + 1).numFmt).toBe('yyyy"年"m"月"d"日"');

    const sand = byTitle('云台乡非法采砂破坏河道生态');
    expect(sand[col('cooperatingUnits')]).toBe('青溪县公安局、云台乡人民政府');
    expect(sand[col('flag')]).toBe('县级挂牌督办');
    expect(sand[col('responsiblePerson')]).toBe('张明');
    expect(sand[col('progress')]).toBe('已制定整改方案，明确责任人和时间节点，正在组织实施。');
    expect(sand[col('round')]).toBeNull(); // a provincial inspection, no round
    expect(byTitle('白沙镇畜禽养殖粪污直排')[col('deadline')]).toBe('立行立改');
    expect(byTitle('长江流域禁渔期非法垂钓')[col('deadline')]).toBe('长期坚持');
    expect(byTitle('白沙河入河排污口雨污混排')[col('round')]).toBe('第三轮中央生态环境保护督察');
    expect(byTitle('白沙镇化工园区无组织排放')[col('flag')]).toBeNull();
  });

  it('keeps the registered deadline in the cell and shows an approved extension as a comment', async () => {
    const [row] = await ctx.database.raw<{ id: number; deadline: string }>("SELECT id, deadline FROM problems WHERE title = '白沙河入河排污口雨污混排'");
    const id = Number(row!.id);
    expect((await handler.request('POST', `/api/problems/${id}/request-extension`, { newDeadline: '2026-12-31', reason: '汛期无法施工' })).statusCode).toBe(200);
    const extensionId = (await coordinator.request('GET', `/api/problems/${id}`)).json().extensions[0].id;
    expect((await coordinator.request('POST', `/api/problems/${id}/decide-extension`, { extensionId, approve: true })).statusCode).toBe(200);
    const sheet = (await workbookOf(await coordinator.request('GET', '/api/exports/ledger.xlsx'))).getWorksheet('问题清单')!;
    const at = dataRows(sheet).findIndex((r) => r[col('title')] === '白沙河入河排污口雨污混排') + 3;
    const cell = sheet.getRow(at).getCell(col('deadline') + 1);
    expect(cell.value).toEqual(new Date(`${row!.deadline}T00:00:00Z`));
    expect(JSON.stringify(cell.note)).toContain('已批准延期，现行整改时限：2026年12月31日');
    expect(sheet.getRow(at + 1).getCell(col('deadline') + 1).note).toBeUndefined();
  });

  it('is set up for screen and print: frozen header, print titles, A4 landscape fit to width, page numbers, auto filter', async () => {
    const sheet = (await workbookOf(await coordinator.request('GET', '/api/exports/ledger.xlsx'))).getWorksheet('问题清单')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup).toMatchObject({ printTitlesRow: '2:2', orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    expect(String(sheet.autoFilter)).toBe(`A2:${sheet.getColumn(EXPORTED.length).letter}${2 + 12}`);
    expect(sheet.getCell('B2').font?.bold).toBe(true);
    expect(sheet.getCell('B3').border?.top?.style).toBe('thin');
    expect(sheet.getCell('B3').alignment?.wrapText).toBe(true);
  });

  it('exports exactly as filtered: status=closed, warning=red', async () => {
    const closed = await workbookOf(await coordinator.request('GET', '/api/exports/ledger.xlsx?status=closed&sort=code&page=3&pageSize=5'));
    const closedRows = dataRows(closed.getWorksheet('问题清单')!);
    expect(closedRows).toHaveLength(2);
    expect(closedRows.every((r) => r[col('status')] === '已销号')).toBe(true);
    const notes = closed.getWorksheet('说明')!;
    const noteText = dataRows(notes, 1).map((r) => r.join('：')).join('\n');
    expect(noteText).toContain('筛选条件：整改状态：已销号');
    expect(noteText).toContain('导出人：周督办（coordinator）');
    expect(noteText).toContain('行数：2 条问题');

    const red = await list(coordinator, 'warning=red');
    expect(red.total).toBeGreaterThan(0);
    const redRows = dataRows((await workbookOf(await coordinator.request('GET', '/api/exports/ledger.xlsx?warning=red'))).getWorksheet('问题清单')!);
    expect(redRows).toHaveLength(red.total);
    expect(new Set(redRows.map((r) => r[col('code')]))).toEqual(new Set(red.items.map((p) => p.code)));
  });

  it("gives a town handler only their unit's problems", async () => {
    const mine = await list(town);
    const rows = dataRows((await workbookOf(await town.request('GET', '/api/exports/ledger.xlsx'))).getWorksheet('问题清单')!);
    expect(rows).toHaveLength(mine.total);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan((await list(coordinator)).total);
    for (const r of rows) expect(`${r[col('leadUnit')]}、${r[col('cooperatingUnits')]}`).toContain('白沙镇人民政府');
  });

  it('reads the database in keyset pages without losing or repeating a row', async () => {
    const admin = { userId: 1, username: 'admin', displayName: '系统管理员', unitId: 1, unitPath: '/1/', regionId: 1, regionPath: '/1/', roles: ['admin' as const] };
    const prepared = await exportLedger(ctx.database.db, ctx.services, admin, {}, { pageSize: 5 });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const written = await prepared.write(out);
    expect(written).toBe(12);
    const rows = dataRows((await readWorkbook(Buffer.concat(chunks))).getWorksheet('问题清单')!);
    const codes = rows.map((r) => r[col('code')]);
    expect(new Set(codes).size).toBe(12);
    expect(codes).toHaveLength(12);
  });

  it('refuses above the cap before writing anything', async () => {
    process.env.DUCHA_EXPORT_MAX_ROWS = '5';
    try {
      const res = await coordinator.request('GET', '/api/exports/ledger.xlsx');
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ code: 'EXPORT_TOO_LARGE', message: '符合条件的记录有 12 条，超过单次导出上限 5 条，请缩小筛选范围后分批导出' });
      expect((await coordinator.request('GET', '/api/exports/ledger.xlsx?status=closed')).statusCode).toBe(200);
    } finally {
      delete process.env.DUCHA_EXPORT_MAX_ROWS;
    }
  });

  it('needs a session and the export permission', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/exports/ledger.xlsx' })).statusCode).toBe(401);
    const grid = await signIn(ctx.app, 'grid.town1');
    expect((await grid.request('GET', '/api/exports/ledger.xlsx')).statusCode).toBe(403);
    expect((await coordinator.request('GET', '/api/exports/ledger.xlsx?status=nonsense')).statusCode).toBe(400);
  });
});

describe('report layouts', () => {
  const numbers = (r: unknown[]) => r.slice(2, 8) as number[];

  it('整改任务汇总表 by unit: counts per lead unit, 合计 = sum of groups = ledger total', async () => {
    const res = await coordinator.request('GET', '/api/exports/summary.xlsx?by=unit');
    const wb = await workbookOf(res);
    const sheet = wb.getWorksheet('整改任务汇总表')!;
    expect(sheet.getCell('A1').value).toBe('青溪县生态环境保护督察整改任务汇总表（按牵头单位，截至2026年3月2日）');
    expect(rowValues(sheet, 2)).toEqual(['序号', '牵头单位', '问题总数', '已销号', '完成整改未销号', '整改中', '逾期', '临期', '完成率']);
    const rows = dataRows(sheet);
    const total = rows.pop()!;
    expect(total[0]).toBe('合计');
    for (let c = 0; c < 6; c++) expect(numbers(total)[c]).toBe(rows.reduce((s, r) => s + numbers(r)[c]!, 0));
    const all = await list(coordinator);
    expect(numbers(total)[0]).toBe(all.total);
    expect(numbers(total)[1]).toBe(2); // 已销号
    for (const r of [...rows, total]) {
      const [t, closed, rectified, inProgress] = numbers(r) as [number, number, number, number];
      expect(closed + rectified + inProgress).toBe(t);
      expect(r[8]).toBeCloseTo((closed + rectified) / t, 10);
    }
    const water = rows.find((r) => r[1] === '青溪县水利局')!;
    expect(numbers(water)[0]).toBe(4); // two demo problems + the two closed ones
    expect(sheet.getRow(3).getCell(9).numFmt).toBe('0.0%');
    const counts = (await coordinator.request('GET', '/api/problems?pageSize=1')).json().counts;
    expect(numbers(total)[4]).toBe(counts.red + counts.severe);
    expect(numbers(total)[5]).toBe(counts.yellow);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.pageSetup.printTitlesRow).toBe('2:2');
  });

  it('整改任务汇总表 by source and by status follow the filters', async () => {
    const bySource = dataRows((await workbookOf(await leader.request('GET', '/api/exports/summary.xlsx?by=source'))).getWorksheet('整改任务汇总表')!);
    expect(bySource.map((r) => r[1])).toContain('中央生态环境保护督察');
    expect(bySource.at(-1)![2]).toBe((await list(leader)).total);
    const byStatus = dataRows((await workbookOf(await coordinator.request('GET', '/api/exports/summary.xlsx?by=status&category=water'))).getWorksheet('整改任务汇总表')!);
    expect(byStatus.at(-1)![2]).toBe((await list(coordinator, 'category=water')).total);
    expect(byStatus.find((r) => r[1] === '已销号')![3]).toBe(2);
  });

  it('逾期问题清单 lists the red and seriously overdue problems with working days overdue', async () => {
    const overdue = await list(coordinator, 'warning=red,severe');
    expect(overdue.total).toBeGreaterThan(0);
    const sheet = (await workbookOf(await coordinator.request('GET', '/api/exports/overdue.xlsx'))).getWorksheet('逾期问题清单')!;
    expect(rowValues(sheet, 2)).toEqual(['序号', '问题编号', '问题简述', '牵头单位', '整改时限', '逾期事项', '应完成日期', '逾期工作日', '预警', '整改状态']);
    const rows = dataRows(sheet);
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(overdue.items.map((p) => p.code)));
    for (const r of rows) {
      expect(['逾期', '严重逾期']).toContain(r[8]);
      expect(r[6]).toBeInstanceOf(Date);
      expect(r[7] as number).toBeGreaterThan(0);
    }
    // the longest overdue first
    const due = rows.map((r) => (r[6] as Date).getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const mine = dataRows((await workbookOf(await coordinator.request('GET', '/api/exports/overdue.xlsx?category=ecology'))).getWorksheet('逾期问题清单')!);
    expect(mine.map((r) => r[2])).toEqual(['云台乡非法采砂破坏河道生态']);
  });

  it('已销号问题清单 lists closed problems with verification day, closing day and filing number', async () => {
    const sheet = (await workbookOf(await coordinator.request('GET', '/api/exports/closed.xlsx'))).getWorksheet('已销号问题清单')!;
    const rows = dataRows(sheet);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r[7]).sort()).toEqual(closedIds.map((id) => `青督改备〔2026〕${id}号`).sort());
    for (const r of rows) {
      expect(r[5]).toEqual(new Date(Date.UTC(2026, 2, 2)));
      expect(r[6]).toEqual(new Date(Date.UTC(2026, 2, 2)));
    }
  });

  it('needs report.read for the report layouts', async () => {
    for (const path of ['summary.xlsx', 'overdue.xlsx', 'closed.xlsx']) expect((await handler.request('GET', `/api/exports/${path}`)).statusCode).toBe(403);
    expect((await handler.request('GET', '/api/exports/ledger.xlsx')).statusCode).toBe(200);
  });

  it('documents the workbooks in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/exports/ledger.xlsx', '/api/exports/summary.xlsx', '/api/exports/overdue.xlsx', '/api/exports/closed.xlsx', '/api/public/disclosure.xlsx'])
      expect(Object.keys(doc.paths[path].get.responses['200'].content)).toEqual([XLSX_MIME]);
  });
});

describe('the history of exports', () => {
  interface AuditRow {
    actor_id: number;
    actor_name: string;
    action: string;
    entity_type: string;
    entity_id: string;
    after: { format: string; fileName: string; rows: number; filters: Record<string, unknown> };
  }
  const exportRows = async () => ctx.database.raw<AuditRow>("SELECT actor_id, actor_name, action, entity_type, entity_id, after FROM audit_log WHERE action LIKE 'export.%' ORDER BY id");

  it('records who exported which workbook, with the filters and the row count', async () => {
    const before = (await exportRows()).length;
    const ledger = await coordinator.request('GET', '/api/exports/ledger.xlsx?status=closed&category=water&sort=code&page=3&pageSize=5');
    expect(ledger.statusCode).toBe(200);
    const summary = await leader.request('GET', '/api/exports/summary.xlsx?by=source');
    const overdue = await coordinator.request('GET', '/api/exports/overdue.xlsx?warning=red,severe');
    const closed = await coordinator.request('GET', '/api/exports/closed.xlsx');
    const rows = (await exportRows()).slice(before);
    expect(rows.map((r) => r.action)).toEqual(['export.ledger', 'export.summary', 'export.overdue', 'export.closed']);
    const fileName = (res: LightMyRequestResponse) => decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!);
    expect(rows[0]).toMatchObject({ actor_id: coordinator.userId, actor_name: '周督办', entity_type: 'export', entity_id: 'ledger' });
    expect(rows[0]!.after).toEqual({ format: 'xlsx', fileName: fileName(ledger), rows: 2, filters: { status: ['closed'], category: ['water'] } });
    expect(rows[1]).toMatchObject({ actor_id: leader.userId, entity_id: 'summary' });
    expect(rows[1]!.after).toMatchObject({ fileName: fileName(summary), rows: Number(summary.headers['x-export-rows']), filters: { by: 'source' } });
    expect(rows[2]!.after).toMatchObject({ rows: Number(overdue.headers['x-export-rows']), filters: { warning: ['red', 'severe'] } });
    expect(rows[3]!.after).toEqual({ format: 'xlsx', fileName: fileName(closed), rows: 2, filters: {} });
  });

  it('keeps personal data of the rows out of the history', async () => {
    const before = (await exportRows()).length;
    const res = await coordinator.request('GET', '/api/exports/ledger.xlsx');
    const text = JSON.stringify((await readWorkbook(res.rawPayload)).getWorksheet('问题清单')!.getSheetValues());
    expect(text).toContain('张明'); // the workbook carries the responsible person and the phone …
    const [row] = (await exportRows()).slice(before);
    const recorded = JSON.stringify(row);
    for (const personal of ['张明', '0570', '云台乡非法采砂破坏河道生态']) expect(recorded).not.toContain(personal); // … the history does not
    expect(row!.after.rows).toBe(12);
  });

  it('records nothing for a refused export nor for the public disclosure', async () => {
    const before = (await exportRows()).length;
    expect((await handler.request('GET', '/api/exports/summary.xlsx')).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/exports/ledger.xlsx' })).statusCode).toBe(401);
    expect((await coordinator.request('GET', '/api/exports/ledger.xlsx?status=nonsense')).statusCode).toBe(400);
    process.env.DUCHA_EXPORT_MAX_ROWS = '5';
    try {
      expect((await coordinator.request('GET', '/api/exports/ledger.xlsx')).statusCode).toBe(422);
    } finally {
      delete process.env.DUCHA_EXPORT_MAX_ROWS;
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/disclosure.xlsx' })).statusCode).toBe(200);
    expect((await exportRows()).length).toBe(before);
  });

  it('lets the auditor find the exports (audit log filtered by action)', async () => {
    const auditor = await signIn(ctx.app, 'admin');
    const res = await auditor.request('GET', '/api/audit?action=export.&pageSize=200');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { action: string }[];
    expect(items.length).toBe((await exportRows()).length);
    expect(new Set(items.map((i) => i.action))).toEqual(new Set(['export.ledger', 'export.summary', 'export.overdue', 'export.closed']));
  });
});

describe('streaming', () => {
  it('finds where a sheet waits for the zip compressor (the backpressure hook)', () => {
    const workbook = openWorkbook(new PassThrough(), 'test');
    const sheet = addTableSheet(workbook, 's', 't', [{ header: 'a', width: 4 }]);
    expect(pendingSheetBuffer(sheet)?.bytes()).toBe(0);
  });

  it('sends the workbook while writing it instead of holding it back (memory stays flat)', async () => {
    const row = {
      code: 'DC339901-2026-0001', source: 'central_inspection', roundName: '第三轮中央生态环境保护督察', batchNumber: 1, category: 'water',
      title: '白沙河入河排污口雨污混排', description: '督察发现白沙河东岸 3 处排口晴天仍有生活污水排出，周边群众反映有异味。'.repeat(3),
      regionName: '白沙镇', address: '白沙镇东岸', lng: '120.1', lat: '30.2', enterpriseName: null, enterpriseUscc: null, leadUnitName: '青溪县水利局',
      cooperatingUnitNames: ['白沙镇人民政府'], leaderName: null, responsiblePerson: '张明', responsiblePhone: '0570-6012345', goal: '建立长效机制',
      measures: '制定整改方案；落实责任人；定期调度', closingCriteria: ['整改措施全部落实', '建立长效机制'], deadlineKind: 'date', deadline: '2026-09-30', deadlineInForce: '2026-09-30',
      flagged: false, flagLevel: null, isPublic: true, latestProgress: '正在组织实施', status: 'rectifying', closedOn: null, remarks: null,
    } satisfies LedgerExportRow;
    const total = 30_000;
    let sentWhenLastPageAsked = -1;
    let sent = 0;
    async function* pages() {
      for (let i = 0; i < total; i += 500) {
        if (i + 500 >= total) sentWhenLastPageAsked = sent;
        yield Array.from({ length: 500 }, (_, k) => ({ ...row, code: `DC-${i + k}` }));
      }
    }
    const out = new PassThrough();
    out.pipe(new Writable({ write: (chunk: Buffer, _e, done) => { sent += chunk.length; done(); } }));
    expect(await writeLedgerWorkbook(out, { title: 't', notes: [], creator: 'test' }, pages())).toBe(total);
    if (!out.readableEnded) await new Promise((resolve) => out.once('end', resolve));
    // Without backpressure exceljs keeps the sheet in memory and most bytes leave only at the end.
    expect(sentWhenLastPageAsked / sent).toBeGreaterThan(0.6);
  }, 120_000);
});
