import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, verifyChain, type AuditContent, type StoredAuditRow } from '../../src/domain/audit-chain.js';

const content = (i: number): AuditContent => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  actorId: i % 3 === 0 ? null : i,
  actorName: i % 3 === 0 ? null : `user${i}`,
  action: 'unit.updated',
  entityType: 'unit',
  entityId: String(i),
  before: { name: `旧${i}`, nested: { b: 1, a: [1, { z: 2, y: 3 }] } },
  after: { name: `新${i}` },
});

function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c = content(i);
    const hash = auditHash(prev, c);
    rows.push({ id: i, ...c, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it('sorts keys at every level so jsonb key reordering does not change the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { y: 1, x: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"x":2,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined members as JSON does and renders dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2026-01-02T03:04:05.006Z') })).toBe('{"b":"2026-01-02T03:04:05.006Z"}');
    expect(canonicalJson([undefined, NaN])).toBe('[null,null]');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson('中文')).toBe('"中文"');
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports its length and head', () => {
    const rows = chain(20);
    expect(verifyChain(rows)).toEqual({ ok: true, rows: 20, lastHash: rows[19]!.hash });
    expect(verifyChain([])).toEqual({ ok: true, rows: 0, lastHash: GENESIS_HASH });
  });

  it('continues from a previous page', () => {
    const rows = chain(10);
    const first = verifyChain(rows.slice(0, 4));
    if (!first.ok) throw new Error('first page should verify');
    expect(verifyChain(rows.slice(4), { prevHash: first.lastHash, rows: first.rows })).toMatchObject({ ok: true, rows: 10 });
  });

  it('names an edited row', () => {
    for (const field of ['action', 'entityId', 'actorName', 'at'] as const) {
      const rows = chain(8);
      rows[4] = { ...rows[4]!, [field]: field === 'at' ? new Date(0).toISOString() : 'tampered' };
      expect(verifyChain(rows), field).toEqual({ ok: false, rows: 4, brokenId: 5, reason: 'content' });
    }
    const rows = chain(8);
    rows[2] = { ...rows[2]!, after: { name: '篡改' } };
    expect(verifyChain(rows)).toMatchObject({ ok: false, brokenId: 3, reason: 'content' });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(8);
    rows.splice(3, 1);
    expect(verifyChain(rows)).toEqual({ ok: false, rows: 3, brokenId: 5, reason: 'link' });
  });

  it('catches a rewritten row whose hash was recomputed, at the next link', () => {
    const rows = chain(6);
    const forged = { ...content(3), action: 'forged' };
    rows[2] = { ...rows[2]!, ...forged, hash: auditHash(rows[2]!.prevHash, forged) };
    expect(verifyChain(rows)).toEqual({ ok: false, rows: 3, brokenId: 4, reason: 'link' });
  });
});
