import { codeKey, DUPLICATE_SIMILARITY, type StoredDuplicates } from '../../domain/ledger/import/analyze.js';
import { StoredTokens } from '../../domain/ledger/import/duplicates.js';

/** What the analysis thread keeps of a stored problem: enough for updates by code and for duplicate warnings. */
export interface StoredProblemRow {
  id: number;
  version: number;
  code: string;
  /** cut to what near-duplicate detection needs */
  description: string;
  address: string | null;
  status: string;
}

/**
 * The changes since the thread's copy, computed on the main thread from (id, version) pairs: every change to a
 * problem's ledger fields or status bumps its version (run-action.ts, the import), so the copy is exact.
 */
export interface StoredSync {
  /** Start from an empty copy (a fresh thread). */
  reset: boolean;
  upsert: StoredProblemRow[];
  remove: number[];
}

/** What one analysis may see of the stored problems: the changes to apply, and the ids in the user's scope. */
export interface StoredView {
  sync: StoredSync;
  /** Problems in the importing user's scope; null when every problem is. */
  visibleIds: Int32Array | null;
}

/**
 * The analysis thread's copy of every stored problem (not only one user's scope), with its descriptions already cut
 * into bigrams (StoredTokens), kept between analyses. Each analysis sees only the problems of its user's scope.
 */
export class StoredProblems {
  private rows = new Map<number, StoredProblemRow>();
  private byCode = new Map<string, StoredProblemRow>();
  private tokens = new StoredTokens(DUPLICATE_SIMILARITY);

  apply(sync: StoredSync): void {
    if (sync.reset) {
      this.rows = new Map();
      this.byCode = new Map();
      this.tokens = new StoredTokens(DUPLICATE_SIMILARITY);
    }
    for (const id of [...sync.remove, ...sync.upsert.map((r) => r.id)]) {
      const old = this.rows.get(id);
      if (old && this.byCode.get(codeKey(old.code)) === old) this.byCode.delete(codeKey(old.code));
      this.rows.delete(id);
    }
    this.tokens.remove(sync.remove);
    for (const row of sync.upsert) {
      this.rows.set(row.id, row);
      this.byCode.set(codeKey(row.code), row);
    }
    this.tokens.upsert(sync.upsert);
  }

  get size(): number {
    return this.rows.size;
  }

  /** The problems `visibleIds` names (all when null), as one analysis sees them. */
  view(visibleIds: Int32Array | null): StoredDuplicates {
    const set = visibleIds ? new Set(visibleIds) : null;
    const visible = set ? (id: number) => set.has(id) : () => true;
    const seen = (row: StoredProblemRow | undefined) => (row && visible(row.id) ? row : undefined);
    return {
      tokens: this.tokens,
      visible,
      get: (id) => seen(this.rows.get(id)),
      byCode: { get: (key) => seen(this.byCode.get(key)) },
    };
  }
}
