import { describe, expect, it } from 'vitest';
import {
  cellText,
  compactKey,
  excelSerialToIso,
  freeText,
  parseBoolean,
  parseCategory,
  parseChineseNumber,
  parseCoordinates,
  parseDate,
  parseDeadline,
  parseFlag,
  parseLngLat,
  parsePhone,
  parseSource,
  parseStatus,
  parseUscc,
  splitEnterpriseAndUscc,
  splitNames,
  splitPersonAndPhone,
} from '../../src/domain/ledger/import/values.js';
import { BAD_USCC, DEMO_USCC, excelSerial } from '../helpers/ledger-fixtures.js';

const TODAY = '2026-05-10';
const deadline = (cell: Parameters<typeof parseDeadline>[0]) => parseDeadline(cell, TODAY);

describe('excelSerialToIso (1900 date system)', () => {
  it('counts from 1900-01-01 = 1 and skips the phantom 1900-02-29', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45838)).toBe('2025-06-30');
    expect(excelSerialToIso(46387.75)).toBe('2026-12-31');
  });

  it('refuses what is not a serial', () => {
    expect(excelSerialToIso(0)).toBeNull();
    expect(excelSerialToIso(-3)).toBeNull();
    expect(excelSerialToIso(Number.NaN)).toBeNull();
    expect(excelSerialToIso(3_000_000)).toBeNull();
  });

  it('agrees with the fixture helper', () => {
    expect(excelSerialToIso(excelSerial('2027-12-31'))).toBe('2027-12-31');
  });
});

describe('parseDeadline', () => {
  const cases: [Parameters<typeof parseDeadline>[0], string][] = [
    ['2024年12月底前', '2024-12-31'],
    ['2025年6月', '2025-06-30'],
    ['2025年2月', '2025-02-28'],
    ['2024年2月底', '2024-02-29'],
    ['2025年6月30日前', '2025-06-30'],
    ['2025.6.30', '2025-06-30'],
    ['2025/6/30', '2025-06-30'],
    ['2025-06-30', '2025-06-30'],
    ['2025-6-30 00:00:00', '2025-06-30'],
    ['２０２５年６月３０日', '2025-06-30'],
    ['2025年底前', '2025-12-31'],
    ['2025年', '2025-12-31'],
    ['2025年上半年', '2025-06-30'],
    ['2025年下半年', '2025-12-31'],
    ['2025年第三季度', '2025-09-30'],
    ['2025年一季度', '2025-03-31'],
    ['2025.3—2025.6', '2025-06-30'],
    ['2025年3月-6月', '2025-06-30'],
    ['2025年3月至2025年9月', '2025-09-30'],
    ['2025年6月底前完成主体工程，12月底前全面完成', '2025-12-31'],
    ['二〇二五年十二月底前', '2025-12-31'],
    ['20250630', '2025-06-30'],
    [20250630, '2025-06-30'],
    [45838, '2025-06-30'],
    ['45838', '2025-06-30'],
    [2025, '2025-12-31'],
    [2025.6, '2025-06-30'],
    [new Date(Date.UTC(2025, 5, 30)), '2025-06-30'],
  ];
  it.each(cases)('%s ⇒ %s', (cell, iso) => {
    expect(deadline(cell)).toEqual({ ok: true, value: { kind: 'date', date: iso } });
  });

  it('takes a Date as its UTC calendar day (exceljs gives UTC midnight)', () => {
    expect(deadline(new Date('2025-06-30T23:30:00Z'))).toMatchObject({ ok: true, value: { date: '2025-06-30' } });
    expect(deadline(new Date('2025-06-30T00:00:00Z'))).toMatchObject({ ok: true, value: { date: '2025-06-30' } });
  });

  it.each(['立行立改', '立即整改', '已立行立改'])('%s is immediate', (text) => {
    expect(deadline(text)).toEqual({ ok: true, value: { kind: 'immediate', date: null } });
  });

  it.each(['长期坚持', '持续推进', '长期', '常态化'])('%s is ongoing', (text) => {
    expect(deadline(text)).toEqual({ ok: true, value: { kind: 'ongoing', date: null } });
  });

  it('resolves a missing year with today and says so', () => {
    expect(deadline('年底前')).toEqual({ ok: true, value: { kind: 'date', date: '2026-12-31', assumedYear: 2026 } });
    expect(deadline('6月底前')).toEqual({ ok: true, value: { kind: 'date', date: '2026-06-30', assumedYear: 2026 } });
    expect(deadline('十二月底前')).toEqual({ ok: true, value: { kind: 'date', date: '2026-12-31', assumedYear: 2026 } });
  });

  it('takes the date when a keyword comes with one, and says so', () => {
    expect(deadline('2025年底前完成并长期坚持')).toEqual({ ok: true, value: { kind: 'date', date: '2025-12-31', alsoSays: 'ongoing' } });
    expect(deadline('立行立改，2025年6月底前完成')).toEqual({ ok: true, value: { kind: 'date', date: '2025-06-30', alsoSays: 'immediate' } });
  });

  it('rejects impossible and implausible dates with the whole cell as value', () => {
    expect(deadline('2025年2月30日')).toEqual({ ok: false, code: 'date_invalid', params: { value: '2025年2月30日' } });
    expect(deadline('2025-13-01')).toEqual({ ok: false, code: 'date_invalid', params: { value: '2025-13-01' } });
    expect(deadline('2025.6.31')).toMatchObject({ ok: false, code: 'date_invalid' });
    expect(deadline(60)).toMatchObject({ ok: false, code: 'date_invalid' });
    expect(deadline(61)).toMatchObject({ ok: false, code: 'date_out_of_range' });
    expect(deadline('1985年6月')).toMatchObject({ ok: false, code: 'date_out_of_range' });
    expect(deadline(new Date('invalid'))).toMatchObject({ ok: false, code: 'date_invalid' });
  });

  it('rejects what is neither a date nor a keyword, and empty cells', () => {
    expect(deadline('交办后30日内')).toEqual({ ok: false, code: 'deadline_unrecognised', params: { value: '交办后30日内' } });
    expect(deadline('尽快')).toMatchObject({ ok: false, code: 'deadline_unrecognised' });
    expect(deadline('')).toEqual({ ok: false, code: 'deadline_missing', params: {} });
    expect(deadline(null)).toEqual({ ok: false, code: 'deadline_missing', params: {} });
    expect(deadline('   ')).toMatchObject({ ok: false, code: 'deadline_missing' });
  });
});

describe('parseDate (销号日期)', () => {
  it('reads the same forms, a month meaning its last day', () => {
    expect(parseDate('2026年3月15日', TODAY)).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDate(new Date(Date.UTC(2026, 2, 15)), TODAY)).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDate(excelSerial('2026-03-15'), TODAY)).toEqual({ ok: true, value: '2026-03-15' });
    expect(parseDate('2026.3', TODAY)).toEqual({ ok: true, value: '2026-03-31' });
  });

  it('rejects text without a date', () => {
    expect(parseDate('已销号', TODAY)).toEqual({ ok: false, code: 'date_unrecognised', params: { value: '已销号' } });
    expect(parseDate('2026-02-30', TODAY)).toMatchObject({ ok: false, code: 'date_invalid' });
  });
});

describe('text helpers', () => {
  it('cellText normalizes identifiers and renders every cell type', () => {
    expect(cellText('  县水利局\u3000 ')).toBe('县水利局');
    expect(cellText('ＱＸ－００１')).toBe('QX-001');
    expect(cellText(12)).toBe('12');
    expect(cellText(true)).toBe('是');
    expect(cellText(new Date(Date.UTC(2025, 0, 2)))).toBe('2025-01-02');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });

  it('freeText keeps Chinese punctuation and line breaks but converts full-width letters and digits', () => {
    expect(freeText('  ＶＯＣｓ排放，超标。\r\n\r\n\r\n第二行\u3000 \u3000x ')).toBe('VOCs排放，超标。\n\n第二行 x');
  });

  it('compactKey drops spaces and punctuation', () => {
    expect(compactKey('中央督察“回头看”')).toBe('中央督察回头看');
    expect(compactKey(' A-b C ')).toBe('abc');
  });

  it('parseChineseNumber', () => {
    expect([parseChineseNumber('3'), parseChineseNumber('十'), parseChineseNumber('十二'), parseChineseNumber('二十'), parseChineseNumber('二十三'), parseChineseNumber('两')]).toEqual([3, 10, 12, 20, 23, 2]);
    expect(parseChineseNumber('一百零五')).toBe(105);
    expect(parseChineseNumber('第三')).toBeNull();
  });
});

describe('splitNames', () => {
  it('splits on 、，,;；/ and line breaks, drops numbering, role notes, 等 and duplicates', () => {
    expect(splitNames('县水利局、白沙镇人民政府，县住建局;县生态环境局\n县林业局/县公安局（配合）等')).toEqual([
      '县水利局',
      '白沙镇人民政府',
      '县住建局',
      '县生态环境局',
      '县林业局',
      '县公安局',
    ]);
    expect(splitNames('1.县水利局\n2、县住建局\n①县城管局')).toEqual(['县水利局', '县住建局', '县城管局']);
    expect(splitNames('县水利局；县水利局（牵头）')).toEqual(['县水利局']);
    expect(splitNames('')).toEqual([]);
    expect(splitNames(null)).toEqual([]);
  });
});

describe('coordinates', () => {
  it.each([
    ['120.123,30.456', 120.123, 30.456, false],
    ['120.123，30.456', 120.123, 30.456, false],
    ['120.123 30.456', 120.123, 30.456, false],
    ['120.123°E 30.456°N', 120.123, 30.456, false],
    ['东经120.1 北纬30.2', 120.1, 30.2, false],
    ['北纬30.2，东经120.1', 120.1, 30.2, true],
    ['30.456,120.123', 120.123, 30.456, true],
    ["E120°7'22\" N30°27'", 120.122778, 30.45, false],
  ] as const)('%s', (text, lng, lat, swapped) => {
    expect(parseCoordinates(text)).toEqual({ ok: true, value: { lng, lat, swapped } });
  });

  it('refuses one number, three numbers and places outside China', () => {
    expect(parseCoordinates('120.1')).toEqual({ ok: false, code: 'coordinates_invalid', params: { value: '120.1' } });
    expect(parseCoordinates('120.1,30.2,5')).toMatchObject({ ok: false, code: 'coordinates_invalid' });
    expect(parseCoordinates('500,30')).toMatchObject({ ok: false, code: 'coordinates_out_of_range' });
    expect(parseCoordinates('12.3,30')).toMatchObject({ ok: false, code: 'coordinates_out_of_range' });
  });

  it('reads separate columns and swaps them by range', () => {
    expect(parseLngLat(120.5, 30.2)).toEqual({ ok: true, value: { lng: 120.5, lat: 30.2, swapped: false } });
    expect(parseLngLat(30.2, '120.5')).toEqual({ ok: true, value: { lng: 120.5, lat: 30.2, swapped: true } });
    expect(parseLngLat("120°30'", 30)).toEqual({ ok: true, value: { lng: 120.5, lat: 30, swapped: false } });
    expect(parseLngLat('abc', 30)).toMatchObject({ ok: false, code: 'coordinates_invalid' });
  });
});

describe('phones', () => {
  it.each(['13905710001', '139 0571 0001', '0571-88886666', '057188886666', '88886666', '+86 13905710001', '0571-88886666-123', '电话：13905710001'])(
    'accepts %s',
    (phone) => {
      expect(parsePhone(phone).ok).toBe(true);
    },
  );

  it('keeps the first of several numbers', () => {
    expect(parsePhone('13905710001，0571-88886666')).toEqual({ ok: true, value: '13905710001' });
  });

  it.each(['139057100', '12345', '23905710001', '1290571000', '12905710001', 'abc', '0571'])('refuses %s', (phone) => {
    expect(parsePhone(phone)).toMatchObject({ ok: false, code: 'phone_invalid' });
  });

  it('splits a person and a phone written in one cell', () => {
    expect(splitPersonAndPhone('李水清 13905710001')).toEqual({ name: '李水清', phone: '13905710001' });
    expect(splitPersonAndPhone('李水清（电话：0571-1234567）')).toEqual({ name: '李水清', phone: '0571-1234567' });
    expect(splitPersonAndPhone('陈建华/0571-88886666')).toEqual({ name: '陈建华', phone: '0571-88886666' });
    expect(splitPersonAndPhone('孙白沙 139057100')).toEqual({ name: '孙白沙', phone: '139057100' });
    expect(splitPersonAndPhone('王五')).toEqual({ name: '王五', phone: null });
  });
});

describe('credit codes', () => {
  it('normalizes and validates', () => {
    expect(parseUscc(` ${DEMO_USCC.hongda.toLowerCase()} `)).toEqual({ ok: true, value: DEMO_USCC.hongda });
    expect(parseUscc(BAD_USCC.code)).toEqual({ ok: false, code: 'uscc_invalid_checksum', params: { value: BAD_USCC.code, expected: BAD_USCC.expected } });
    expect(parseUscc('9133990')).toMatchObject({ ok: false, code: 'uscc_invalid_length' });
    expect(parseUscc('91339901MA2H7K3LOI')).toMatchObject({ ok: false, code: 'uscc_invalid_charset' });
    expect(parseUscc('91000000MA2H7K3L00')).toMatchObject({ ok: false, code: 'uscc_invalid_division' });
  });

  it('takes a code out of the enterprise cell', () => {
    expect(splitEnterpriseAndUscc(`青溪县宏达化工有限公司（${DEMO_USCC.hongda}）`)).toEqual({ name: '青溪县宏达化工有限公司', uscc: DEMO_USCC.hongda });
    expect(splitEnterpriseAndUscc('青溪县宏达化工有限公司')).toEqual({ name: '青溪县宏达化工有限公司', uscc: null });
  });
});

describe('vocabularies', () => {
  it.each([
    ['中央生态环境保护督察', 'central_inspection'],
    ['中央环保督察', 'central_inspection'],
    ['中央督察', 'central_inspection'],
    ['第二轮中央督察', 'central_inspection'],
    ['中央环保督察交办信访件', 'central_inspection'],
    ['回头看', 'central_lookback'],
    ['中央督察“回头看”', 'central_lookback'],
    ['省级督察', 'provincial_inspection'],
    ['省委生态环境保护督察', 'provincial_inspection'],
    ['专项督察', 'special_inspection'],
    ['暗访', 'undercover_check'],
    ['暗查暗访', 'undercover_check'],
    ['全覆盖交叉暗访督查', 'cross_check'],
    ['警示片', 'warning_film'],
    ['生态环境部门通报', 'bureau_bulletin'],
    ['自查/大排查大起底', 'self_inspection'],
    ['网格巡查', 'grid_patrol'],
    ['信访', 'complaint'],
    ['群众举报', 'complaint'],
    ['12345热线', 'complaint'],
    ['12369环保举报', 'complaint'],
    ['其他', 'other'],
    ['undercover_check', 'undercover_check'],
    ['Citizen complaint', 'complaint'],
  ])('source %s ⇒ %s', (text, value) => {
    expect(parseSource(text)).toEqual({ ok: true, value });
  });

  it('refuses an unknown source', () => {
    expect(parseSource('天上掉下来的')).toEqual({ ok: false, code: 'source_unknown', params: { value: '天上掉下来的' } });
  });

  it.each([
    ['水', 'water'],
    ['水污染', 'water'],
    ['水环境', 'water'],
    ['黑臭水体', 'water'],
    ['大气', 'air'],
    ['大气污染', 'air'],
    ['扬尘', 'air'],
    ['土壤', 'soil'],
    ['固废', 'solid_waste'],
    ['固体废物', 'solid_waste'],
    ['危废', 'solid_waste'],
    ['噪声', 'noise'],
    ['生态', 'ecology'],
    ['生态破坏', 'ecology'],
    ['水土流失', 'ecology'],
    ['自然保护区', 'protected_area'],
    ['自然保护地', 'protected_area'],
    ['禁捕', 'yangtze_fishing_ban'],
    ['禁渔', 'yangtze_fishing_ban'],
    ['长江禁渔', 'yangtze_fishing_ban'],
    ['辐射', 'radiation'],
    ['其他', 'other'],
  ])('category %s ⇒ %s', (text, value) => {
    expect(parseCategory(text)).toEqual({ ok: true, value });
  });

  it('refuses an unknown category', () => {
    expect(parseCategory('不明')).toMatchObject({ ok: false, code: 'category_unknown' });
  });
});

describe('parseStatus', () => {
  const registered = { status: 'registered', completedOnly: false };
  const rectifying = { status: 'rectifying', completedOnly: false };
  const closed = { status: 'closed', completedOnly: false };
  const completed = { status: 'closed', completedOnly: true };
  it.each([
    ['', registered],
    ['未交办', registered],
    ['待交办', registered],
    ['整改中', rectifying],
    ['推进中', rectifying],
    ['正在整改', rectifying],
    ['未完成', rectifying],
    ['已交办', rectifying],
    ['序时推进', rectifying],
    ['已签收', rectifying],
    ['核查中', rectifying],
    ['公示中', rectifying],
    ['自查申请', rectifying],
    ['公示期满待归档', rectifying],
    ['已归档', rectifying],
    ['阶段性完成', rectifying],
    ['未销号', rectifying],
    ['已销号', closed],
    ['已办结', closed],
    ['完成销号', closed],
    ['已完成', completed],
    ['已整改', completed],
    ['完成整改', completed],
    ['已完成整改', completed],
  ] as const)('%s', (text, value) => {
    expect(parseStatus(text)).toEqual({ ok: true, value });
  });

  it('refuses what it cannot read', () => {
    expect(parseStatus('研究中?')).toEqual({ ok: false, code: 'status_unknown', params: { value: '研究中?' } });
  });
});

describe('flags and booleans', () => {
  it.each([
    ['是', { flagged: true, level: null }],
    ['挂牌督办', { flagged: true, level: null }],
    ['省级挂牌', { flagged: true, level: 'province' }],
    ['省级挂牌督办', { flagged: true, level: 'province' }],
    ['市级挂牌督办', { flagged: true, level: 'city' }],
    ['县级', { flagged: true, level: 'county' }],
    ['否', { flagged: false, level: null }],
    ['', { flagged: false, level: null }],
    ['未挂牌', { flagged: false, level: null }],
  ] as const)('flag %s', (text, value) => {
    expect(parseFlag(text)).toEqual({ ok: true, value });
  });

  it('refuses an unknown flag', () => {
    expect(parseFlag('看情况')).toMatchObject({ ok: false, code: 'flag_unknown' });
  });

  it.each([
    ['是', true],
    ['公开', true],
    ['Y', true],
    ['√', true],
    ['否', false],
    ['不公开', false],
    ['不予公开', false],
    ['N', false],
    ['×', false],
    ['', null],
  ] as const)('boolean %s', (text, value) => {
    expect(parseBoolean(text)).toEqual({ ok: true, value });
  });

  it('refuses an unknown boolean', () => {
    expect(parseBoolean('也许')).toEqual({ ok: false, code: 'public_unknown', params: { value: '也许' } });
  });
});
