import type { Database } from '../src/server/db/client.js';

/**
 * The problem ledger at scale, generated in the database with one INSERT … SELECT over generate_series (fast on both
 * PGlite and PostgreSQL). Deterministic: every choice is arithmetic on the row number and the seed. Statuses,
 * deadlines and warning lights follow a plausible mix; the derived columns (deadline in force, schedule state,
 * warning) are written directly here instead of being recomputed one problem at a time — the benchmark is about
 * reading the ledger, and the values have the same distribution the daily refresh would produce.
 */
export interface GeneratedProblems {
  problems: number;
  problemUnits: number;
  notices: number;
  extensions: number;
  returnedReports: number;
  ms: number;
}

const STATUSES = [
  ['registered', 4],
  ['assigned', 6],
  ['acknowledged', 5],
  ['rectifying', 40],
  ['self_check_submitted', 3],
  ['verifying', 3],
  ['public_notice', 2],
  ['notice_completed', 1],
  ['archived', 1],
  ['closed', 35],
] as const;

export async function generateProblems(database: Database, options: { count: number; seed: number }): Promise<GeneratedProblems> {
  const started = performance.now();
  const { count, seed } = options;
  const units = await database.raw<{ id: number }>("SELECT id FROM units WHERE kind <> 'enterprise' AND parent_id IS NOT NULL ORDER BY id");
  const enterprises = await database.raw<{ id: number }>("SELECT id FROM units WHERE kind = 'enterprise' ORDER BY id");
  const [verifier] = await database.raw<{ id: number }>("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'verifier' ORDER BY u.id LIMIT 1");
  const [coordinator] = await database.raw<{ id: number }>("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'coordinator' ORDER BY u.id LIMIT 1");
  const unitArray = `ARRAY[${units.map((u) => u.id).join(',')}]::int[]`;
  const entArray = `ARRAY[${(enterprises.length ? enterprises : units).map((u) => u.id).join(',')}]::int[]`;
  const statusCases = (() => {
    let acc = 0;
    const parts = STATUSES.map(([status, weight]) => {
      acc += weight;
      return `WHEN (g * 7 + ${seed}) % 100 < ${acc} THEN '${status}'`;
    });
    return `CASE ${parts.join(' ')} ELSE 'closed' END`;
  })();
  // g spreads over ~3 years of registrations; deadlines 1–24 months after registration.
  await database.raw(`
    INSERT INTO problems (code, source, category, title, description, region_id, address, lead_unit_id, enterprise_unit_id,
      responsible_person, closing_criteria, deadline_kind, deadline, deadline_in_force, status, rectification_round,
      assigned_on, ack_due_on, acknowledged_on, last_report_on, verifier_user_id, flagged, is_public,
      schedule_state, warning_light, warning_reason, warning_due_on, warning_computed_on, closed_on, created_by, created_at, updated_at)
    SELECT
      'DC339902-' || (2024 + g % 3) || '-' || lpad(g::text, 6, '0'),
      (ARRAY['central_inspection','central_lookback','provincial_inspection','undercover_check','bureau_bulletin','self_inspection','grid_patrol','complaint'])[1 + (g * 13 + ${seed}) % 8],
      (ARRAY['water','air','soil','solid_waste','noise','ecology','protected_area','yangtze_fishing_ban','other'])[1 + (g * 17 + ${seed}) % 9],
      (ARRAY['入河排污口整治不到位','工地扬尘管控不力','危险废物贮存不规范','畜禽养殖粪污直排','夜间施工噪声扰民','非法采砂破坏河道','黑臭水体反弹','违规建设占用保护地'])[1 + (g * 19 + ${seed}) % 8] || '（' || g || '）',
      '督察发现的问题，编号 ' || g || '，需按期整改并逐项销号。',
      u.region_id,
      '第 ' || (1 + g % 300) || ' 号地块',
      u.id,
      CASE WHEN g % 4 = 0 THEN (${entArray})[1 + (g * 29 + ${seed}) % cardinality(${entArray})] END,
      '责任人' || (g % 997),
      '["整改措施全部落实","整改结果符合标准","建立长效机制"]'::jsonb,
      CASE WHEN g % 20 = 0 THEN 'ongoing' WHEN g % 20 = 1 THEN 'immediate' ELSE 'date' END,
      CASE WHEN g % 20 > 1 THEN to_char(date '2024-01-01' + (g % 1000) + 30 + (g * 31 % 700), 'YYYY-MM-DD') END,
      CASE WHEN g % 20 > 0 THEN to_char(date '2024-01-01' + (g % 1000) + 30 + (g * 31 % 700), 'YYYY-MM-DD') END,
      s.status,
      CASE WHEN g % 97 = 0 THEN 2 ELSE 1 END,
      CASE WHEN s.status <> 'registered' THEN to_char(date '2024-01-01' + (g % 1000) + 2, 'YYYY-MM-DD') END,
      CASE WHEN s.status <> 'registered' THEN to_char(date '2024-01-01' + (g % 1000) + 5, 'YYYY-MM-DD') END,
      CASE WHEN s.status NOT IN ('registered','assigned') THEN to_char(date '2024-01-01' + (g % 1000) + 4, 'YYYY-MM-DD') END,
      CASE WHEN s.status IN ('rectifying') THEN to_char(date '2024-01-01' + (g % 1000) + 40, 'YYYY-MM-DD') END,
      CASE WHEN s.status IN ('verifying','public_notice','notice_completed','archived','closed') THEN ${verifier?.id ?? 'NULL'} END,
      g % 25 = 0,
      g % 3 <> 0,
      CASE WHEN s.status = 'closed' THEN 'closed' WHEN s.status IN ('self_check_submitted','verifying','public_notice','notice_completed','archived') THEN 'rectified'
           WHEN s.status IN ('registered','assigned','acknowledged') THEN 'not_started'
           ELSE (ARRAY['behind','on_schedule','on_schedule','ahead'])[1 + (g * 23 + ${seed}) % 4] END,
      CASE WHEN s.status IN ('registered','closed','self_check_submitted','verifying','public_notice','notice_completed','archived') THEN 'green'
           ELSE (ARRAY['green','green','green','yellow','red','severe'])[1 + (g * 11 + ${seed}) % 6] END,
      CASE WHEN s.status IN ('registered') THEN 'on_track' WHEN s.status IN ('closed','self_check_submitted','verifying','public_notice','notice_completed','archived') THEN 'done'
           ELSE (ARRAY['on_track','deadline_near','deadline_overdue','milestone_overdue','report_overdue','report_near'])[1 + (g * 11 + ${seed}) % 6] END,
      to_char(date '2024-01-01' + (g % 1000) + 30 + (g * 31 % 700), 'YYYY-MM-DD'),
      '2026-11-22',
      CASE WHEN s.status = 'closed' THEN to_char(date '2024-01-01' + (g % 1000) + 200, 'YYYY-MM-DD') END,
      ${coordinator?.id ?? 'NULL'},
      timestamptz '2024-01-01 08:00:00+08' + ((g % 1000) || ' days')::interval + ((g % 86400) || ' seconds')::interval,
      now()
    FROM generate_series(1, ${count}) g
    CROSS JOIN LATERAL (SELECT ${statusCases} AS status) s
    JOIN units u ON u.id = (${unitArray})[1 + ((g::bigint * 7919 + ${seed}) % cardinality(${unitArray}))::int]`);
  await database.raw(`INSERT INTO problem_units (problem_id, unit_id, role) SELECT id, lead_unit_id, 'lead' FROM problems`);
  // A third of the problems have a cooperating unit.
  await database.raw(`
    INSERT INTO problem_units (problem_id, unit_id, role)
    SELECT p.id, (${unitArray})[1 + ((p.id::bigint * 104729 + ${seed}) % cardinality(${unitArray}))::int], 'cooperating'
    FROM problems p WHERE p.id % 3 = 0
    ON CONFLICT DO NOTHING`);
  await database.raw(`
    INSERT INTO public_notices (problem_id, rectification_round, starts_on, ends_on, status)
    SELECT id, rectification_round, '2026-11-18', to_char(date '2026-11-18' + (id % 9), 'YYYY-MM-DD'), 'open' FROM problems WHERE status = 'public_notice'`);
  await database.raw(`
    INSERT INTO extensions (problem_id, current_deadline, new_deadline, reason, status, requested_by)
    SELECT id, deadline, to_char(deadline::date + 60, 'YYYY-MM-DD'), '汛期影响施工', 'pending', ${coordinator?.id ?? 1}
    FROM problems WHERE status = 'rectifying' AND deadline IS NOT NULL AND id % 47 = 0`);
  await database.raw(`
    INSERT INTO progress_reports (problem_id, rectification_round, text, status, return_reason, submitted_by)
    SELECT id, rectification_round, '本月完成部分整改', CASE WHEN id % 40 = 0 THEN 'returned' ELSE 'submitted' END,
           CASE WHEN id % 40 = 0 THEN '材料不全' END, ${coordinator?.id ?? 1}
    FROM problems WHERE status = 'rectifying' AND id % 4 = 0`);
  // VACUUM as well as ANALYZE: otherwise autovacuum visits the freshly loaded tables in the middle of the timed passes.
  await database.raw('VACUUM ANALYZE');
  const [c] = await database.raw<{ p: number; pu: number; n: number; e: number; r: number }>(`
    SELECT (SELECT count(*)::int FROM problems) AS p, (SELECT count(*)::int FROM problem_units) AS pu,
           (SELECT count(*)::int FROM public_notices) AS n, (SELECT count(*)::int FROM extensions) AS e,
           (SELECT count(*)::int FROM progress_reports WHERE status = 'returned') AS r`);
  return { problems: c!.p, problemUnits: c!.pu, notices: c!.n, extensions: c!.e, returnedReports: c!.r, ms: performance.now() - started };
}
