import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/server/services.js';
import { running } from '../../src/server/usecases/imports/commit-import.js';
import { createTestContext, signIn, type Session, type TestContext } from '../helpers/context.js';
import { multipart } from '../helpers/multipart.js';

const clock = fixedClock('2026-03-02');
let ctx: TestContext;
let coordinator: Session;
let water: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestContext({ clock });
  coordinator = await signIn(ctx.app, 'coordinator');
  water = await signIn(ctx.app, 'handler.water');
  admin = await signIn(ctx.app, 'admin');
});
afterAll(async () => ctx?.close());

type Row = (string | number | Date | null)[];

/** A ledger as a district keeps it: a merged title row above the header, then the rows. */
async function ledger(rows: Row[], header = ['序号', '问题编号', '问题来源', '问题类型', '问题描述', '所属乡镇', '牵头单位', '配合单位', '整改时限', '整改状态', '整改进展', '备注']) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('整改台账');
  sheet.addRow(['青溪县第三轮中央生态环境保护督察反馈问题整改台账']);
  sheet.mergeCells(1, 1, 1, header.length);
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(session: Session, data: Buffer, filename = '整改台账.xlsx') {
  const { payload, headers } = multipart([{ name: 'file', filename, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data }]);
  return ctx.app.inject({ method: 'POST', url: '/api/imports', payload, headers: { ...headers, cookie: session.cookie, 'x-csrf-token': session.csrf } });
}

async function committed(session: Session, id: number) {
  await running.get(id);
  return (await session.request('GET', `/api/imports/${id}`)).json();
}

const good: Row[] = [
  [1, null, '中央生态环境保护督察', '水', '白沙镇某河段排污口污水直排，河水发黑发臭', '白沙镇', '县水利局', '白沙镇人民政府、县生态环境局', '2026年12月底前', '整改中', '已完成截污管网设计', null],
  [2, null, '群众举报', '大气', '城关街道某建筑工地扬尘污染严重', '城关街道', '青溪县住房和城乡建设局', null, '立行立改', '未交办', null, null],
  [3, null, '省级督察', '生态', '石门镇非法采砂点生态修复不到位', '石门镇', '县自然资源局', '石门镇人民政府', '长期坚持', '整改中', '持续巡查', '每季度报送'],
  [null, null, null, null, null, null, null, null, null, null, null, null],
  ['合计', null, null, null, '3个问题', null, null, null, null, null, null, null],
];

describe('who may import', () => {
  it('only coordinators: unit users are refused, and a coordinator sees only their own imports', async () => {
    const data = await ledger(good);
    expect((await upload(water, data)).statusCode).toBe(403);
    expect((await upload(admin, data)).statusCode).toBe(403);
    const res = await upload(coordinator, data);
    expect(res.statusCode, res.body).toBe(201);
    expect((await water.request('GET', `/api/imports/${res.json().id}`)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/imports/${res.json().id}` })).statusCode).toBe(401);
  });

  it('refuses a file that is not a workbook, and a workbook without a ledger header, with a clear message', async () => {
    const bad = await upload(coordinator, Buffer.from('this is not a spreadsheet'), '台账.xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('IMPORT_FILE_UNREADABLE');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['姓名', '年龄']);
    const noLedger = await upload(coordinator, Buffer.from(await workbook.xlsx.writeBuffer()), '名单.xlsx');
    expect(noLedger.statusCode).toBe(201);
    expect(noLedger.json()).toMatchObject({ summary: null, sheetIndex: null });
  });
});

describe('upload, check, commit', () => {
  let id: number;

  it('recognises the header below the title, maps the columns and checks every row before anything is written', async () => {
    const before = (await coordinator.request('GET', '/api/problems?pageSize=1')).json().total;
    const res = await upload(coordinator, await ledger(good));
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    id = view.id;
    expect(view).toMatchObject({ status: 'analyzed', sheetIndex: 0, headerRow: 1, firstDataRow: 2, summary: { create: 3, update: 0, invalid: 0, errors: 0 } });
    expect(view.mapping).toMatchObject({ seq: 0, code: 1, source: 2, category: 3, description: 4, region: 5, leadUnit: 6, cooperatingUnits: 7, deadline: 8, status: 9, progress: 10, remarks: 11 });
    expect(view.preview.map((p: { title: string; leadUnitName: string; deadlineKind: string; deadline: string | null }) => [p.leadUnitName, p.deadlineKind, p.deadline])).toEqual([
      ['青溪县水利局', 'date', '2026-12-31'],
      ['青溪县住房和城乡建设局', 'immediate', null],
      ['青溪县自然资源和规划局', 'ongoing', null],
    ]);
    expect(view.preview[0].cooperatingUnitNames).toEqual(['白沙镇人民政府', '青溪县生态环境局']);
    expect(view.preview[0].status).toBe('整改中');
    // Skipped rows are listed (the empty row is not, the 合计 row is), nothing is on the ledger yet.
    expect(view.issues.some((i: { row: number; severity: string }) => i.row === 7 && i.severity === 'warning')).toBe(true);
    expect((await coordinator.request('GET', '/api/problems?pageSize=1')).json().total).toBe(before);
    // The checked rows are kept for the commit, compressed, and never sent to the page.
    const [stored] = await ctx.database.raw<{ checked_rows: Uint8Array }>('SELECT checked_rows FROM ledger_imports WHERE id = $1', [id]);
    expect([...stored!.checked_rows.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const { unpackRows } = await import('../../src/server/usecases/imports/present-import.js');
    expect((await unpackRows(Buffer.from(stored!.checked_rows)))!.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(Object.keys(view)).not.toContain('checkedRows');
  });

  it('commits all rows in one transaction, with codes, timeline, history and derived timing', async () => {
    const before = (await coordinator.request('GET', '/api/problems?pageSize=1')).json().total;
    const start = await coordinator.request('POST', `/api/imports/${id}/commit`, { version: 1 });
    expect(start.statusCode, start.body).toBe(202);
    expect(start.json().status).toBe('committing');
    const done = await committed(coordinator, id);
    expect(done).toMatchObject({ status: 'committed', result: { created: 3, updated: 0 } });
    expect(done.result.codes).toHaveLength(3);
    for (const code of done.result.codes) expect(code).toMatch(/^DC339901\d{3}-2026-\d{4}$/);
    const list = (await coordinator.request('GET', '/api/problems?pageSize=50&sort=code')).json();
    expect(list.total).toBe(before + 3);
    const first = list.items.find((p: { code: string }) => p.code === done.result.codes[0]);
    const p = (await coordinator.request('GET', `/api/problems/${first.id}`)).json();
    expect(p).toMatchObject({ status: 'rectifying', leadUnitName: '青溪县水利局', deadlineKind: 'date', deadline: '2026-12-31', latestProgress: '已完成截污管网设计', source: 'central_inspection', category: 'water' });
    expect(p.timeline.map((e: { action: string }) => e.action)).toEqual(['import']);
    // The rectifying unit has it to report on; the registered one waits for 交办 in the coordinator's to-do.
    expect((await water.request('GET', `/api/problems/${first.id}`)).json().allowedActions).toContain('report_progress');
    const todo = (await coordinator.request('GET', '/api/todo')).json();
    expect(todo.buckets.find((b: { key: string }) => b.key === 'to_assign').count).toBeGreaterThanOrEqual(1);
    // Every imported problem has its history row, and the chain still verifies.
    const audit = await ctx.database.raw<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'problem.import'");
    expect(audit[0]!.n).toBe(3);
    expect((await admin.request('POST', '/api/audit/verify')).json()).toMatchObject({ ok: true });
  });

  it('lists my imports, newest first; others see none of them', async () => {
    const mine = (await coordinator.request('GET', '/api/imports')).json().items;
    expect(mine[0]).toMatchObject({ id, status: 'committed', createdBy: { name: '周督办' }, result: { created: 3 } });
    expect(mine.map((i: { id: number }) => i.id)).toEqual([...mine.map((i: { id: number }) => i.id)].sort((x, y) => y - x));
    expect((await water.request('GET', '/api/imports')).statusCode).toBe(403);
  });

  it('asks for a re-check after a failed attempt instead of committing again', async () => {
    const view = (await upload(coordinator, await ledger([good[0]!]))).json();
    await ctx.database.raw("UPDATE ledger_imports SET status = 'failed', error = '问题编号已被其他问题使用' WHERE id = $1", [view.id]);
    const again = await coordinator.request('POST', `/api/imports/${view.id}/commit`, { version: view.version });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'IMPORT_RECHECK_NEEDED' });
    expect(again.json().message).toContain('问题编号已被其他问题使用');
  });

  it('a commit cut off by a restart shows as failed, wrote nothing, and can be checked again', async () => {
    const view = (await upload(coordinator, await ledger([good[1]!]))).json();
    const before = (await coordinator.request('GET', '/api/problems?pageSize=1')).json().total;
    await ctx.database.raw("UPDATE ledger_imports SET status = 'committing', updated_at = now() - interval '1 hour' WHERE id = $1", [view.id]);
    const seen = (await coordinator.request('GET', `/api/imports/${view.id}`)).json();
    expect(seen).toMatchObject({ status: 'failed', error: '导入过程中服务中断，未写入任何数据，请重新校验后再导入' });
    expect((await coordinator.request('GET', '/api/problems?pageSize=1')).json().total).toBe(before);
    const recheck = await coordinator.request('PUT', `/api/imports/${view.id}`, {
      version: seen.version, sheetIndex: seen.sheetIndex, headerRow: seen.headerRow, firstDataRow: seen.firstDataRow, mapping: seen.mapping, options: seen.options,
    });
    expect(recheck.json()).toMatchObject({ status: 'analyzed', error: null, summary: { create: 1, errors: 0 } });
    // A commit that is only slow (recent) is left alone.
    await ctx.database.raw("UPDATE ledger_imports SET status = 'committing', updated_at = now() WHERE id = $1", [view.id]);
    expect((await coordinator.request('GET', `/api/imports/${view.id}`)).json().status).toBe('committing');
  });

  it('refuses to commit twice or to change a committed import', async () => {
    const again = await coordinator.request('POST', `/api/imports/${id}/commit`, { version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('IMPORT_ALREADY_COMMITTED');
  });

  it('updates stored problems by code instead of duplicating them', async () => {
    const first = (await coordinator.request('GET', `/api/imports/${id}`)).json().result.codes[0];
    const rows: Row[] = [[1, first, '中央生态环境保护督察', '水', '白沙镇某河段排污口污水直排，河水发黑发臭（已核实）', '白沙镇', '县水利局', '白沙镇人民政府', '2027年6月底前', '整改中', '管网施工过半', null]];
    const res = await upload(coordinator, await ledger(rows));
    expect(res.json().summary).toMatchObject({ create: 0, update: 1, errors: 0 });
    const start = await coordinator.request('POST', `/api/imports/${res.json().id}/commit`, { version: 1 });
    expect(start.statusCode, start.body).toBe(202);
    expect(await committed(coordinator, res.json().id)).toMatchObject({ status: 'committed', result: { created: 0, updated: 1 } });
    const found = (await coordinator.request('GET', `/api/problems?q=${encodeURIComponent(first)}`)).json().items[0];
    const p = (await coordinator.request('GET', `/api/problems/${found.id}`)).json();
    expect(p).toMatchObject({ deadline: '2027-06-30', description: '白沙镇某河段排污口污水直排，河水发黑发臭（已核实）', latestProgress: '管网施工过半' });
    expect(p.cooperatingUnits.map((u: { name: string }) => u.name)).toEqual(['白沙镇人民政府']);
    expect(p.timeline.map((e: { action: string }) => e.action)).toEqual(['import', 'import_update']);
  });
});

describe('rows with errors', () => {
  it('lists every problem with row, column and how to fix it; the commit is refused until the file is right', async () => {
    const rows: Row[] = [
      [1, null, '中央生态环境保护督察', '水', '某污水处理厂出水超标', '白沙镇', '县水立局', null, '2026年12月底前', '整改中', null, null],
      [2, null, '中央生态环境保护督察', '水', null, '白沙镇', '县水利局', null, '2026年12月底前', '整改中', null, null],
      [3, null, '中央生态环境保护督察', '水', '某养殖场废水直排', '白沙镇', '县水利局', null, '2026年13月', '整改中', null, null],
    ];
    const res = await upload(coordinator, await ledger(rows));
    const view = res.json();
    expect(view.summary).toMatchObject({ create: 0, invalid: 3 });
    const byRow = (r: number) => view.issues.filter((i: { row: number; severity: string }) => i.row === r && i.severity === 'error');
    expect(byRow(3)[0]).toMatchObject({ column: 'leadUnit', columnLetter: 'G' });
    expect(byRow(3)[0].suggestions).toContain('青溪县水利局');
    expect(byRow(3)[0].message).toContain('县水立局');
    expect(byRow(3)[0].fix.length).toBeGreaterThan(4);
    expect(byRow(4)[0]).toMatchObject({ column: 'description', columnLetter: 'E' });
    expect(byRow(5)[0]).toMatchObject({ column: 'deadline', columnLetter: 'I' });
    const commit = await coordinator.request('POST', `/api/imports/${view.id}/commit`, { version: view.version });
    expect(commit.statusCode).toBe(422);
    expect(commit.json().code).toBe('IMPORT_HAS_ERRORS');

    // The annotated workbook lists the same problems.
    const annotated = await coordinator.request('GET', `/api/imports/${view.id}/annotated.xlsx`);
    expect(annotated.statusCode).toBe(200);
    expect(annotated.headers['content-disposition']).toContain(encodeURIComponent('（校验结果）.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(annotated.rawPayload as unknown as ArrayBuffer);
    const text = book.worksheets.map((s) => s.getSheetValues().flat().map((v) => String(v ?? '')).join(' ')).join(' ');
    expect(text).toContain('县水立局');
  });

  it('a corrected mapping is checked again, and saved for the next file with the same headers', async () => {
    // A ledger whose lead unit column is headed in a way ducha does not know.
    const header = ['序号', '问题描述', '主办科室', '整改时限', '问题来源', '问题类型'];
    const rows: Row[] = [[1, '东湖街道餐饮油烟扰民', '县城管局', '2026年9月30日', '群众举报', '大气']];
    const res = await upload(coordinator, await ledger(rows, header));
    const view = res.json();
    expect(view.headers).toEqual(header);
    expect(view.mapping.leadUnit).toBeUndefined();
    const put = await coordinator.request('PUT', `/api/imports/${view.id}`, {
      version: view.version,
      sheetIndex: 0,
      headerRow: 1,
      firstDataRow: 2,
      mapping: { ...view.mapping, leadUnit: 2 },
      options: view.options,
      saveMapping: true,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().preview[0]).toMatchObject({ leadUnitName: '青溪县城市管理局', deadline: '2026-09-30' });
    const next = (await upload(coordinator, await ledger(rows, header))).json();
    expect(next.savedMappingUsed).toBe(true);
    expect(next.mapping.leadUnit).toBe(2);
    // A stale version is refused.
    const stale = await coordinator.request('PUT', `/api/imports/${view.id}`, { version: view.version, sheetIndex: 0, headerRow: 1, firstDataRow: 2, mapping: {}, options: view.options });
    expect(stale.statusCode).toBe(409);
  });

  it('a unit name ducha cannot match can be pointed at a stored unit', async () => {
    const rows: Row[] = [[1, null, '群众举报', '噪声', '云台乡某石料厂夜间生产噪声扰民', '云台乡', '云台乡综合行政执法队', null, '2026年10月底前', '未交办', null, null]];
    const view = (await upload(coordinator, await ledger(rows))).json();
    expect(view.summary.errors).toBe(1);
    const unitId = (await ctx.database.raw<{ id: number }>("SELECT id FROM units WHERE name = '云台乡人民政府'"))[0]!.id;
    const put = await coordinator.request('PUT', `/api/imports/${view.id}`, {
      version: view.version,
      sheetIndex: 0,
      headerRow: 1,
      firstDataRow: 2,
      mapping: view.mapping,
      options: { ...view.options, unitAliases: { 云台乡综合行政执法队: Number(unitId) } },
    });
    expect(put.json().summary).toMatchObject({ errors: 0, create: 1 });
    expect(put.json().preview[0].leadUnitName).toBe('云台乡人民政府');
  });
});

describe('the template', () => {
  it('is a workbook with the ledger columns, and reads back as a ledger', async () => {
    const res = await coordinator.request('GET', '/api/imports/template.xlsx');
    expect(res.statusCode).toBe(200);
    const up = await upload(coordinator, res.rawPayload, '模板.xlsx');
    expect(up.json()).toMatchObject({ headerRow: 1, firstDataRow: 2 });
    expect(Object.keys(up.json().mapping)).toEqual(expect.arrayContaining(['code', 'source', 'description', 'leadUnit', 'deadline', 'status']));
  });
});

describe('a ledger built like a real one', () => {
  it('is read through the API as in the unit tests: every rejected row listed, the commit refused until fixed', async () => {
    const { buildRealisticLedger } = await import('../helpers/ledger-fixtures.js');
    const view = (await upload(coordinator, await buildRealisticLedger())).json();
    expect(view.sheets.length).toBeGreaterThanOrEqual(2);
    expect(view.detections[0].sheetName).toBe(view.sheets[view.sheetIndex].name);
    const invalidRows = [...new Set(view.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { row: number }) => i.row))];
    expect(view.summary).toMatchObject({ invalid: invalidRows.length });
    expect(invalidRows.length).toBeGreaterThanOrEqual(6);
    expect(view.summary.create).toBeGreaterThanOrEqual(9);
    const commit = await coordinator.request('POST', `/api/imports/${view.id}/commit`, { version: view.version });
    expect(commit.json().code).toBe('IMPORT_HAS_ERRORS');
  });
});

describe('the analysis thread keeps a copy of the stored problems between imports', () => {
  const description = '东湖镇某生猪养殖场粪污未经处理经暗管直排入东湖支流，周边群众反映水体发黑发臭';
  const row = (text: string): Row => [1, null, '群众举报', '水', text, '白沙镇', '县水利局', null, '2026年12月底前', '整改中', null, null];
  const duplicateWarnings = (view: { issues: { code: string; params: Record<string, unknown> }[] }) =>
    view.issues.filter((i) => i.code === 'possible_duplicate_stored').map((i) => i.params.code);

  it('warns of a problem committed by the previous import, and follows an edit made meanwhile', async () => {
    // The import page opens (the thread is readied with the stored problems), then a first ledger is committed.
    expect((await coordinator.request('GET', '/api/imports')).statusCode).toBe(200);
    const first = await upload(coordinator, await ledger([row(description)]));
    expect(first.statusCode, first.body).toBe(201);
    expect(duplicateWarnings(first.json())).toEqual([]);
    await coordinator.request('POST', `/api/imports/${first.json().id}/commit`, { version: first.json().version });
    const code = (await committed(coordinator, first.json().id)).result.codes[0];

    // The next file's near-identical row names the problem just written (the thread received it as a change).
    const again = await upload(coordinator, await ledger([row(`${description}。`)]));
    expect(duplicateWarnings(again.json())).toEqual([code]);

    // The stored description is edited: the old text no longer matches, the new one does.
    const stored = (await coordinator.request('GET', `/api/problems?q=${encodeURIComponent(code)}`)).json().items[0];
    const detail = (await coordinator.request('GET', `/api/problems/${stored.id}`)).json();
    const edited = '石门镇某采石场违规开采造成山体裸露，未按方案实施复绿，雨季水土流失严重影响下游农田';
    const patch = await coordinator.request('PATCH', `/api/problems/${stored.id}`, { description: edited, version: detail.version });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(duplicateWarnings((await upload(coordinator, await ledger([row(description)]))).json())).toEqual([]);
    expect(duplicateWarnings((await upload(coordinator, await ledger([row(edited)]))).json())).toEqual([code]);
  });

  it('sends only what changed since the thread\'s copy, and only the problems the user may see', async () => {
    const { loadStoredView } = await import('../../src/server/usecases/imports/import-references.js');
    const { resolveSession } = await import('../../src/server/auth/sessions.js');
    const actorOf = async (s: Session) => (await resolveSession(ctx.database.db, s.cookie.match(/ducha_sid=([^;]+)/)![1]!, 12))!.actor;
    const all = await ctx.database.raw<{ id: number; version: number }>('SELECT id, version FROM problems');
    const full = await loadStoredView(ctx.database.db, await actorOf(coordinator), new Map());
    expect(full.sync.reset).toBe(true);
    expect(full.sync.upsert.map((p) => p.id).sort((a, b) => a - b)).toEqual(all.map((p) => Number(p.id)).sort((a, b) => a - b));
    const held = new Map(full.sync.upsert.map((p) => [p.id, p.version]));
    // Nothing changed: nothing is sent. A problem the copy holds that is gone is removed.
    held.set(999_999, 1);
    const none = await loadStoredView(ctx.database.db, await actorOf(coordinator), held);
    expect(none.sync).toEqual({ reset: false, upsert: [], remove: [999_999] });
    held.delete(999_999);
    // A changed version is sent again, alone.
    const [one] = all;
    held.set(Number(one!.id), Number(one!.version) - 1);
    expect((await loadStoredView(ctx.database.db, await actorOf(coordinator), held)).sync.upsert.map((p) => p.id)).toEqual([Number(one!.id)]);
    // A town handler's view: only the problems of their scope are visible, the copy itself stays whole.
    const town = await signIn(ctx.app, 'handler.town1');
    const scoped = await loadStoredView(ctx.database.db, await actorOf(town), new Map());
    const visible = (await town.request('GET', '/api/problems?pageSize=200')).json();
    expect(scoped.visibleIds).not.toBeNull();
    expect([...scoped.visibleIds!].sort((a, b) => a - b)).toEqual(visible.items.map((p: { id: number }) => p.id).sort((a: number, b: number) => a - b));
    expect(scoped.sync.upsert).toHaveLength(all.length);
  });
});

describe('retention of uploaded files', () => {
  it('deletes the file and checked rows of imports untouched for 90 days, keeps the record, and says so when asked for them', async () => {
    const { purgeImportFiles, IMPORT_FILE_RETENTION_DAYS } = await import('../../src/server/usecases/imports/purge-import-files.js');
    const old = (await upload(coordinator, await ledger(good))).json();
    const recent = (await upload(coordinator, await ledger(good))).json();
    const running = (await upload(coordinator, await ledger(good))).json();
    await ctx.database.raw(`UPDATE ledger_imports SET updated_at = now() - interval '${IMPORT_FILE_RETENTION_DAYS + 1} days' WHERE id IN ($1, $2)`, [old.id, running.id]);
    await ctx.database.raw("UPDATE ledger_imports SET status = 'committing' WHERE id = $1", [running.id]);
    const purged = await purgeImportFiles(ctx.database, new Date());
    expect(purged).toBeGreaterThanOrEqual(1);
    const rows = await ctx.database.raw<{ id: number; size: number; checked: boolean; purged: boolean }>(
      'SELECT id, length(file) AS size, checked_rows IS NOT NULL AS checked, file_purged_at IS NOT NULL AS purged FROM ledger_imports WHERE id IN ($1, $2, $3) ORDER BY id',
      [old.id, recent.id, running.id],
    );
    expect(rows.map((r) => [Number(r.id), Number(r.size) > 0, r.checked, r.purged])).toEqual([
      [old.id, false, false, true],
      [recent.id, true, true, false],
      [running.id, true, true, false],
    ]);
    // The record stays readable; what needed the file answers 410 with a clear message, in the user's language.
    const view = await coordinator.request('GET', `/api/imports/${old.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.json().summary).toMatchObject({ create: 3 });
    const annotated = await coordinator.request('GET', `/api/imports/${old.id}/annotated.xlsx`);
    expect(annotated.statusCode).toBe(410);
    expect(annotated.json()).toMatchObject({ code: 'IMPORT_FILE_PURGED', message: expect.stringContaining('保留期限') });
    const recheck = await coordinator.request('PUT', `/api/imports/${old.id}`, {
      version: view.json().version,
      sheetIndex: view.json().sheetIndex,
      headerRow: view.json().headerRow,
      firstDataRow: view.json().firstDataRow,
      mapping: view.json().mapping,
      options: { updateExisting: true, defaults: {}, unitAliases: {} },
    });
    expect(recheck.statusCode, recheck.body).toBe(410);
    // One history row names what was purged; a second run finds nothing more.
    const audit = await ctx.database.raw<{ after: { ids: number[] } }>("SELECT after FROM audit_log WHERE action = 'import.files_purged' ORDER BY id DESC LIMIT 1");
    expect(audit[0]!.after.ids).toContain(old.id);
    expect(await purgeImportFiles(ctx.database, new Date())).toBe(0);
  });
});
