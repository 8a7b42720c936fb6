import { describe, expect, it } from 'vitest';
import {
  isDisclosable,
  maskPersonalData,
  PRIVATE_PROBLEM_FIELDS,
  PUBLIC_CLOSED_COLUMNS,
  PUBLIC_CLOSED_FIELDS,
  PUBLIC_PROGRESS_COLUMNS,
  PUBLIC_PROGRESS_FIELDS,
  PUBLIC_TEXT_MAX,
  publicText,
  toPublicClosed,
  toPublicProgress,
  type DisclosureSource,
} from '../../src/domain/ledger/disclosure.js';

/** A problem as the database holds it, with every private field set to a value that must never come out. */
const internal = {
  code: 'DC339901-2026-0007',
  title: '白沙河入河排污口雨污混排',
  regionName: '白沙镇',
  category: 'water',
  leadUnitName: '青溪县水利局',
  measures: '截污纳管；排口封堵；每周巡查',
  closedOn: '2026-10-08',
  deadlineKind: 'date',
  deadline: '2026-09-30',
  status: 'closed',
  latestProgress: '已完成 3 处排口截污',
  isPublic: true,
  // private: none of these may reach the public
  responsiblePerson: 'SECRET-张三丰',
  responsiblePhone: 'SECRET-13912345678',
  leader: { id: 9, name: 'SECRET-刘副县长' },
  leaderUserId: 9,
  enterpriseName: 'SECRET-宏达化工',
  enterpriseUscc: 'SECRET-91339901MA2H7K3L0X',
  enterpriseUnitId: 4,
  description: 'SECRET-举报人王五（身份证 330102199001011234）反映',
  address: 'SECRET-白沙镇东岸 12 号',
  lng: 'SECRET-120.1',
  lat: 'SECRET-30.2',
  remarks: 'SECRET-内部备注',
  goal: 'SECRET-goal',
  closingCriteria: ['SECRET-criterion'],
  milestones: [{ title: 'SECRET-milestone' }],
  verifier: { id: 3, name: 'SECRET-吴核查' },
  verifierUserId: 3,
  filingNumber: 'SECRET-青督改备〔2026〕7号',
  complainant: 'SECRET-王五',
} as unknown as DisclosureSource;

describe('the disclosure policy (对外公开)', () => {
  it('lists exactly the public fields, none of them private', () => {
    expect([...PUBLIC_CLOSED_FIELDS]).toEqual(['code', 'title', 'regionName', 'category', 'leadUnitName', 'measuresSummary', 'closedOn']);
    expect([...PUBLIC_PROGRESS_FIELDS]).toEqual(['code', 'title', 'regionName', 'category', 'leadUnitName', 'deadlineKind', 'deadline', 'status', 'latestProgress']);
    for (const f of [...PUBLIC_CLOSED_FIELDS, ...PUBLIC_PROGRESS_FIELDS]) expect(PRIVATE_PROBLEM_FIELDS as readonly string[]).not.toContain(f);
    for (const f of ['responsiblePerson', 'responsiblePhone', 'enterpriseUscc', 'remarks', 'description', 'address', 'leader'])
      expect(PRIVATE_PROBLEM_FIELDS as readonly string[]).toContain(f);
  });

  it('copies only the public fields, whatever else the record carries', () => {
    const closed = toPublicClosed(internal);
    const progress = toPublicProgress({ ...internal, status: 'rectifying' } as DisclosureSource);
    expect(Object.keys(closed)).toEqual([...PUBLIC_CLOSED_FIELDS]);
    expect(Object.keys(progress)).toEqual([...PUBLIC_PROGRESS_FIELDS]);
    const text = JSON.stringify([closed, progress]);
    expect(text).not.toContain('SECRET');
    expect(closed).toEqual({
      code: 'DC339901-2026-0007',
      title: '白沙河入河排污口雨污混排',
      regionName: '白沙镇',
      category: 'water',
      leadUnitName: '青溪县水利局',
      measuresSummary: '截污纳管；排口封堵；每周巡查',
      closedOn: '2026-10-08',
    });
    expect(progress).toMatchObject({ deadlineKind: 'date', deadline: '2026-09-30', status: 'rectifying', latestProgress: '已完成 3 处排口截污' });
  });

  it('shows no date for 立行立改 and 长期坚持 deadlines', () => {
    expect(toPublicProgress({ ...internal, deadlineKind: 'ongoing', deadline: '2026-12-31' }).deadline).toBeNull();
    expect(toPublicProgress({ ...internal, deadlineKind: 'immediate', deadline: '2026-02-10' }).deadline).toBeNull();
  });

  it('discloses only problems marked public, each in its table', () => {
    expect(isDisclosable({ isPublic: false, status: 'closed' })).toBeNull();
    expect(isDisclosable({ isPublic: true, status: 'closed' })).toBe('closed');
    expect(isDisclosable({ isPublic: true, status: 'rectifying' })).toBe('progress');
  });

  it('masks phone numbers, e-mail, identity and credit codes typed into free texts', () => {
    const masked = maskPersonalData(
      '联系人张工，手机 13912345678 或 139 1234 5678，座机 0570-6012345，（0570）6012345 转 8，电话：6012345，邮箱 zhang@example.cn，身份证 33010219900101123X，企业代码 91339901MA2H7K3L0X。',
    );
    for (const secret of ['13912345678', '139 1234 5678', '0570-6012345', '6012345', 'zhang@example.cn', '33010219900101123X', '91339901MA2H7K3L0X']) expect(masked).not.toContain(secret);
    expect(masked).toContain('联系人张工');
  });

  it('leaves codes, dates and counts alone', () => {
    const text = 'DC339901-2026-0001 于 2026-05-01 完成 3 处排口截污，投入 120 万元，COD 降至 30 mg/L。';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('shortens long texts with an ellipsis and drops empty ones', () => {
    const long = '治'.repeat(PUBLIC_TEXT_MAX + 50);
    const out = publicText(long)!;
    expect([...out]).toHaveLength(PUBLIC_TEXT_MAX);
    expect(out.endsWith('…')).toBe(true);
    expect(publicText('   ')).toBeNull();
    expect(publicText(null)).toBeNull();
  });

  it('heads the public workbook columns with the public fields only', () => {
    expect(PUBLIC_CLOSED_COLUMNS.map((c) => c.field)).toEqual([...PUBLIC_CLOSED_FIELDS]);
    expect(PUBLIC_PROGRESS_COLUMNS.map((c) => c.field)).toEqual(['code', 'title', 'regionName', 'category', 'leadUnitName', 'deadline', 'status', 'latestProgress']);
  });
});
