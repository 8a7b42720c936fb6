/** A flat row with a parent link, as the API lists regions and units. */
export interface FlatNode {
  id: number;
  parentId: number | null;
}

export type TreeNode<T> = T & { children?: TreeNode<T>[] };

/**
 * Nest a flat list (kept in its order) by parentId. Rows whose parent is not in the list (filtered out, or outside
 * the user's scope) become roots, so a search result still shows as a tree.
 */
export function buildTree<T extends FlatNode>(items: readonly T[]): TreeNode<T>[] {
  const byId = new Map<number, TreeNode<T>>();
  for (const item of items) byId.set(item.id, { ...item });
  const roots: TreeNode<T>[] = [];
  for (const item of items) {
    const node = byId.get(item.id)!;
    const parent = item.parentId === null ? undefined : byId.get(item.parentId);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of a node and everything below it: the places a node may not be moved under. */
export function subtreeIds<T extends FlatNode>(items: readonly T[], rootId: number): Set<number> {
  const ids = new Set<number>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (item.parentId !== null && ids.has(item.parentId) && !ids.has(item.id)) {
        ids.add(item.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Ids of all rows that have children (to expand a whole tree table). */
export const parentIds = <T extends FlatNode>(items: readonly T[]) =>
  [...new Set(items.map((i) => i.parentId).filter((id): id is number => id !== null))];

export interface TreeSelectNode {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeSelectNode[];
}

/** Options for an antd TreeSelect; `disable` greys out nodes that may not be picked (still shown for context). */
export function toTreeSelect<T extends FlatNode & { name: string }>(
  items: readonly T[],
  disable: (item: T) => boolean = () => false,
): TreeSelectNode[] {
  const convert = (node: TreeNode<T>): TreeSelectNode => ({
    value: node.id,
    title: node.name,
    disabled: disable(node),
    children: node.children?.map(convert),
  });
  return buildTree(items).map(convert);
}
