import { useMemo, useState, type Key } from 'react';
import { parentIds, type FlatNode } from './tree';

/**
 * Tree tables open fully by default; we remember what the user folded rather than what is open, so a node that
 * just got its first child opens too.
 */
export function useExpandAll(items: readonly FlatNode[] | undefined) {
  const [folded, setFolded] = useState<ReadonlySet<Key>>(new Set());
  const parents = useMemo(() => parentIds(items ?? []), [items]);
  return {
    expandedRowKeys: parents.filter((id) => !folded.has(id)),
    onExpandedRowsChange: (keys: readonly Key[]) => {
      const open = new Set(keys);
      setFolded(new Set(parents.filter((id) => !open.has(id))));
    },
  };
}
