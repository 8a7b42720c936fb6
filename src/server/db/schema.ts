import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/**
 * 行政区划. `path` is the materialized ancestor chain of ids ("/1/4/9/") so that a subtree is one
 * indexed prefix match; it is rewritten for the whole subtree when a region moves.
 */
export const regions = pgTable(
  'regions',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('regions_code_uq').on(t.code),
    index('regions_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('regions_parent_idx').on(t.parentId),
  ],
);

/** 单位: offices, departments, towns/streets, enterprises. Same materialized-path scheme as regions. */
export const units = pgTable(
  'units',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    kind: text('kind').notNull(),
    uscc: text('uscc'),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    contactPhone: text('contact_phone'),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('units_uscc_uq').on(t.uscc),
    index('units_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('units_region_idx').on(t.regionId),
    index('units_parent_idx').on(t.parentId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    passwordHash: text('password_hash').notNull(),
    phone: text('phone'),
    email: text('email'),
    language: text('language').notNull().default('zh-CN'),
    enabled: boolean('enabled').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    /** the sign-in before the current one, shown on the home page (上次登录) */
    previousLoginAt: timestamp('previous_login_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_unit_idx').on(t.unitId)],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Sessions live in the database so several app instances can share them. `id` is SHA-256 of the cookie token. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Append-only, hash-chained history of every change. Each row's hash covers its content and the previous row's
 * hash, so editing or deleting any row breaks the chain from there on. A trigger refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_entity_idx').on(t.entityType, t.entityId),
    index('audit_actor_idx').on(t.actorId),
    index('audit_at_idx').on(t.at),
  ],
);

/** Official working-day calendars, one row per year (shipped years are loaded at start; admins can load more). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  data: jsonb('data').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  loadedBy: integer('loaded_by'),
});

/** Key/value settings an admin may change (e.g. notice periods); values are JSON validated by their users. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: updatedAt(),
});

// ───────────────────────────── The closed loop (issue 3) ─────────────────────────────

const date = (name: string) => text(name); // calendar dates as 'YYYY-MM-DD': deadlines are days, not instants
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 督察轮次: a central/provincial inspection round, look-back or special inspection. */
export const rounds = pgTable('rounds', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  year: integer('year').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
});

/** 批次: a numbered batch handed down within a round. */
export const batches = pgTable(
  'batches',
  {
    id: serial('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => rounds.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    receivedOn: date('received_on'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('batches_round_number_uq').on(t.roundId, t.number)],
);

/** 总体方案 / 任务清单 / 专项方案, with yearly targets ({ "2026": 26, ... }). */
export const plans = pgTable('plans', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  parentId: integer('parent_id'),
  yearlyTargets: jsonb('yearly_targets').notNull().default({}),
  createdAt: createdAt(),
});

export const problems = pgTable(
  'problems',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    source: text('source').notNull(),
    roundId: integer('round_id').references(() => rounds.id),
    batchId: integer('batch_id').references(() => batches.id),
    planId: integer('plan_id').references(() => plans.id),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    address: text('address'),
    lng: text('lng'),
    lat: text('lat'),
    enterpriseUnitId: integer('enterprise_unit_id').references(() => units.id),
    enterpriseName: text('enterprise_name'),
    enterpriseUscc: text('enterprise_uscc'),
    leadUnitId: integer('lead_unit_id').references(() => units.id),
    leaderUserId: integer('leader_user_id').references(() => users.id),
    responsiblePerson: text('responsible_person'),
    responsiblePhone: text('responsible_phone'),
    goal: text('goal'),
    measures: text('measures'),
    closingCriteria: jsonb('closing_criteria').$type<string[]>().notNull().default([]),
    deadlineKind: text('deadline_kind').notNull(),
    deadline: date('deadline'),
    flagged: boolean('flagged').notNull().default(false),
    flagLevel: text('flag_level'),
    isPublic: boolean('is_public').notNull().default(false),
    remarks: text('remarks'),
    status: text('status').notNull(),
    rectificationRound: integer('rectification_round').notNull().default(1),
    assignedOn: date('assigned_on'),
    ackDueOn: date('ack_due_on'),
    acknowledgedOn: date('acknowledged_on'),
    verifierUserId: integer('verifier_user_id').references(() => users.id),
    verificationFailures: integer('verification_failures').notNull().default(0),
    rebounds: integer('rebounds').notNull().default(0),
    lastReportOn: date('last_report_on'),
    latestProgress: text('latest_progress'),
    rectifiedOn: date('rectified_on'),
    archivedAt: at('archived_at'),
    filingNumber: text('filing_number'),
    filingDate: date('filing_date'),
    closedOn: date('closed_on'),
    // Derived by src/domain/schedule.ts, never typed by hand: recomputed on every change of the problem and by the
    // daily job, and cached here so that the ledger can filter, sort and count by them at 100,000 problems.
    deadlineInForce: date('deadline_in_force'),
    scheduleState: text('schedule_state').notNull().default('not_started'),
    warningLight: text('warning_light').notNull().default('green'),
    warningReason: text('warning_reason'),
    warningDueOn: date('warning_due_on'),
    warningComputedOn: date('warning_computed_on'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('problems_code_uq').on(t.code),
    index('problems_status_idx').on(t.status),
    index('problems_region_idx').on(t.regionId),
    index('problems_lead_idx').on(t.leadUnitId),
    index('problems_deadline_idx').on(t.deadlineInForce),
    index('problems_created_idx').on(t.createdAt, t.id),
    index('problems_verifier_idx').on(t.verifierUserId),
    index('problems_leader_idx').on(t.leaderUserId),
    index('problems_warning_idx').on(t.warningLight, t.status),
  ],
);

/** Lead and cooperating units of a problem (the lead is also on the problem row for fast joins). */
export const problemUnits = pgTable(
  'problem_units',
  {
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    role: text('role').notNull(), // 'lead' | 'cooperating'
  },
  (t) => [primaryKey({ columns: [t.problemId, t.unitId] }), index('problem_units_unit_idx').on(t.unitId, t.problemId)],
);

/** 时间节点. */
export const milestones = pgTable(
  'milestones',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
    rectificationRound: integer('rectification_round').notNull().default(1),
  },
  (t) => [index('milestones_problem_idx').on(t.problemId)],
);

/** The problem's own timeline: every step of the loop, per rectification round. The audit log mirrors it. */
export const problemEvents = pgTable(
  'problem_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    rectificationRound: integer('rectification_round').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: integer('actor_id'),
    actorName: text('actor_name'),
    actorUnitName: text('actor_unit_name'),
    at: at('at').notNull().defaultNow(),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [index('problem_events_problem_idx').on(t.problemId, t.id)],
);

/** 进展报送. */
export const progressReports = pgTable(
  'progress_reports',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    rectificationRound: integer('rectification_round').notNull(),
    text: text('text').notNull(),
    milestoneIdsDone: jsonb('milestone_ids_done').$type<number[]>().notNull().default([]),
    evidenceIds: jsonb('evidence_ids').$type<number[]>().notNull().default([]),
    status: text('status').notNull().default('submitted'), // submitted | returned | superseded
    returnReason: text('return_reason'),
    returnedBy: integer('returned_by'),
    returnedAt: at('returned_at'),
    submittedBy: integer('submitted_by').notNull(),
    submittedAt: at('submitted_at').notNull().defaultNow(),
  },
  (t) => [
    index('progress_reports_problem_idx').on(t.problemId),
    index('progress_reports_returned_idx').on(t.problemId).where(sql`${t.status} = 'returned'`),
  ],
);

/** 延期 requests. */
export const extensions = pgTable(
  'extensions',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    currentDeadline: date('current_deadline'),
    newDeadline: date('new_deadline').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'), // pending | approved | refused
    requestedBy: integer('requested_by').notNull(),
    requestedAt: at('requested_at').notNull().defaultNow(),
    decidedBy: integer('decided_by'),
    decidedAt: at('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('extensions_problem_idx').on(t.problemId), index('extensions_pending_idx').on(t.problemId).where(sql`${t.status} = 'pending'`)],
);

/** 自查: the unit's self-check against each closing criterion, signed by the unit head. */
export const selfChecks = pgTable('self_checks', {
  id: serial('id').primaryKey(),
  problemId: integer('problem_id')
    .notNull()
    .references(() => problems.id),
  rectificationRound: integer('rectification_round').notNull(),
  items: jsonb('items').$type<{ criterion: string; statement: string; evidenceIds: number[] }[]>().notNull(),
  signedBy: integer('signed_by').notNull(),
  signedAt: at('signed_at').notNull().defaultNow(),
});

/** 核查: on-site verification by a unit other than the rectifying ones. */
export const verifications = pgTable(
  'verifications',
  {
  id: serial('id').primaryKey(),
  problemId: integer('problem_id')
    .notNull()
    .references(() => problems.id),
  rectificationRound: integer('rectification_round').notNull(),
  verifierUserId: integer('verifier_user_id').notNull(),
  assignedBy: integer('assigned_by').notNull(),
  assignedAt: at('assigned_at').notNull().defaultNow(),
  onSiteRecord: text('on_site_record'),
  result: text('result'), // pass | fail
  reasons: text('reasons'),
  evidenceIds: jsonb('evidence_ids').$type<number[]>().notNull().default([]),
  decidedAt: at('decided_at'),
  },
  (t) => [index('verifications_problem_idx').on(t.problemId)],
);

/** 公示 and its objections. */
export const publicNotices = pgTable(
  'public_notices',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    rectificationRound: integer('rectification_round').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    status: text('status').notNull().default('open'), // open | ended | withdrawn
    endedAt: at('ended_at'),
  },
  (t) => [index('public_notices_open_idx').on(t.status, t.endsOn)],
);

export const objections = pgTable('objections', {
  id: serial('id').primaryKey(),
  noticeId: integer('notice_id')
    .notNull()
    .references(() => publicNotices.id),
  problemId: integer('problem_id')
    .notNull()
    .references(() => problems.id),
  content: text('content').notNull(),
  receivedOn: date('received_on').notNull(),
  recordedBy: integer('recorded_by').notNull(),
  decision: text('decision').notNull().default('pending'), // pending | upheld | dismissed
  decisionNote: text('decision_note'),
  decidedBy: integer('decided_by'),
  decidedAt: at('decided_at'),
});

/** 归档: the frozen file of one closing, with a manifest of every file and its hash. */
export const archives = pgTable('archives', {
  id: serial('id').primaryKey(),
  problemId: integer('problem_id')
    .notNull()
    .references(() => problems.id),
  rectificationRound: integer('rectification_round').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  manifest: jsonb('manifest').notNull(),
  manifestSha256: text('manifest_sha256').notNull(),
  archivedBy: integer('archived_by').notNull(),
  archivedAt: at('archived_at').notNull().defaultNow(),
});

/** 阶段性完成 of a 长期坚持 problem, per period. */
export const phaseCompletions = pgTable(
  'phase_completions',
  {
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    period: text('period').notNull(),
    note: text('note'),
    markedBy: integer('marked_by').notNull(),
    markedAt: at('marked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.period] })],
);

/** 佐证材料: files stored by content hash, never overwritten. */
export const evidence = pgTable(
  'evidence',
  {
    id: serial('id').primaryKey(),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    rectificationRound: integer('rectification_round').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mimeType: text('mime_type').notNull(),
    originalName: text('original_name').notNull(),
    kind: text('kind').notNull(), // photo | document
    purpose: text('purpose').notNull(), // progress | self_check | verification | lookback | other
    pairRole: text('pair_role'), // before | after
    pairKey: text('pair_key'),
    capturedAt: at('captured_at'),
    captureLng: text('capture_lng'),
    captureLat: text('capture_lat'),
    uploadedBy: integer('uploaded_by').notNull(),
    uploadedAt: at('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('evidence_problem_idx').on(t.problemId), index('evidence_sha_idx').on(t.sha256)],
);

/** 回头看 campaigns and their checks. */
export const lookbackCampaigns = pgTable('lookback_campaigns', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  sampling: jsonb('sampling').notNull(), // { kind: 'all' } | { kind: 'stratified', ratio, seed }
  status: text('status').notNull().default('open'), // open | completed
  createdBy: integer('created_by').notNull(),
  createdAt: createdAt(),
});

export const lookbackChecks = pgTable(
  'lookback_checks',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => lookbackCampaigns.id),
    problemId: integer('problem_id')
      .notNull()
      .references(() => problems.id),
    checkerUserId: integer('checker_user_id').references(() => users.id),
    result: text('result'), // consolidated | rebound
    note: text('note'),
    evidenceIds: jsonb('evidence_ids').$type<number[]>().notNull().default([]),
    checkedAt: at('checked_at'),
  },
  (t) => [uniqueIndex('lookback_checks_uq').on(t.campaignId, t.problemId), index('lookback_checks_checker_idx').on(t.checkerUserId)],
);

/** In-app notifications. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    problemId: integer('problem_id'),
    params: jsonb('params').notNull().default({}),
    createdAt: createdAt(),
    readAt: at('read_at'),
    dedupeKey: text('dedupe_key'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt),
    index('notifications_user_recent_idx').on(t.userId, t.id.desc()),
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
  ],
);

/** Counters for generated codes (problem codes per year and region). */
export const codeCounters = pgTable('code_counters', {
  key: text('key').primaryKey(),
  last: integer('last').notNull(),
});

/** Timed work claimed exactly once across instances: one row per (job, period). */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
    result: jsonb('result'),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * 导入台账: one upload of a ledger workbook, kept (file included, so any instance can re-read it) from analysis to
 * commit. The column mapping and options the user settled on are stored; the analysis is re-run at commit against
 * what is stored then, and the rows are written in one transaction.
 */
export const ledgerImports = pgTable(
  'ledger_imports',
  {
    id: serial('id').primaryKey(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    file: bytea('file').notNull(),
    /** analyzed | committing | committed | failed */
    status: text('status').notNull(),
    sheets: jsonb('sheets').notNull().default([]),
    detections: jsonb('detections').notNull().default([]),
    sheetIndex: integer('sheet_index'),
    headerRow: integer('header_row'),
    firstDataRow: integer('first_data_row'),
    headers: jsonb('headers').notNull().default([]),
    sample: jsonb('sample').notNull().default([]),
    savedMappingUsed: boolean('saved_mapping_used').notNull().default(false),
    mapping: jsonb('mapping').notNull().default({}),
    options: jsonb('options').notNull().default({}),
    summary: jsonb('summary'),
    issues: jsonb('issues').notNull().default([]),
    preview: jsonb('preview').notNull().default([]),
    /**
     * The rows to write as checked (problem fields resolved), as gzip-compressed JSON: a 10,000-row ledger's rows are
     * 7 MB of JSON, which PostgreSQL (and PGlite, on the server's own thread) would otherwise parse into jsonb and
     * back. The commit writes these after re-checking references.
     */
    checkedRows: bytea('checked_rows'),
    result: jsonb('result'),
    error: text('error'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    committedAt: at('committed_at'),
    /** When the uploaded file and checked rows were removed after the retention period (purge-import-files.ts). */
    filePurgedAt: at('file_purged_at'),
  },
  (t) => [index('ledger_imports_creator_idx').on(t.createdBy, t.id)],
);

/** Column mappings saved for next time, keyed by the normalized header row they were made for. */
export const ledgerImportMappings = pgTable('ledger_import_mappings', {
  signature: text('signature').primaryKey(),
  mapping: jsonb('mapping').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * 已发文书: every supervision notice (督办通知单) as issued — its 文号, whom it was about (a problem, or a unit for the
 * notice listing the unit's warned problems), who issued it when, and the .docx itself, so the same document can be
 * downloaded again instead of issuing a new number. Written in the transaction that takes the number; never changed.
 */
export const issuedDocuments = pgTable(
  'issued_documents',
  {
    id: serial('id').primaryKey(),
    /** problem_notice | unit_notice */
    kind: text('kind').notNull(),
    documentNumber: text('document_number').notNull(),
    problemId: integer('problem_id').references(() => problems.id),
    unitId: integer('unit_id').references(() => units.id),
    /** the problems the notice lists (the one problem, or the unit's warned problems) */
    problemIds: jsonb('problem_ids').$type<number[]>().notNull(),
    issuedBy: integer('issued_by')
      .notNull()
      .references(() => users.id),
    /** the issuer's name as it was when issuing (users may be renamed) */
    issuedByName: text('issued_by_name').notNull(),
    issuedAt: at('issued_at').notNull().defaultNow(),
    replyBy: date('reply_by').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
  },
  (t) => [
    uniqueIndex('issued_documents_number_uq').on(t.documentNumber),
    index('issued_documents_problem_idx').on(t.problemId, t.id),
    index('issued_documents_unit_idx').on(t.unitId, t.id),
    check(
      'issued_documents_subject_ck',
      sql`(${t.kind} = 'problem_notice' AND ${t.problemId} IS NOT NULL AND ${t.unitId} IS NULL) OR (${t.kind} = 'unit_notice' AND ${t.unitId} IS NOT NULL AND ${t.problemId} IS NULL)`,
    ),
  ],
);
