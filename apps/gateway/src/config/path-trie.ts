// A radix tree over path segments: each edge is a whole literal segment, one `:param` edge per node,
// and a `*` slot on the node where a prefix pattern's fixed segments end. It answers "which values
// sit on patterns that match this path", visiting only the nodes the path can reach, so its cost
// grows with the path's length and not with the number of patterns.
import type { PathPattern } from "@tta/domain";

export interface TrieNode<T> {
  readonly literals: Map<string, TrieNode<T>>;
  param: TrieNode<T> | null;
  /** The value of the patterns that end here (`/a/b`). */
  exact: T | null;
  /** The value of the patterns whose `*` starts here (`/a/b/*` matches `/a/b` and below). */
  prefix: T | null;
  /** The lowest rank of any value in this subtree, so that a search can skip what cannot win. */
  minRank: number;
}

export function trieNode<T>(): TrieNode<T> {
  return { literals: new Map(), param: null, exact: null, prefix: null, minRank: Infinity };
}

/** Returns the slot of `pattern`, creating nodes on the way; `rank` lowers the bound along it. */
export function insertPattern<T>(root: TrieNode<T>, pattern: PathPattern, rank: number, create: () => T): T {
  let node = root;
  node.minRank = Math.min(node.minRank, rank);
  for (const seg of pattern.segments) {
    if (seg.kind === "wildcard") return (node.prefix ??= create());
    let child: TrieNode<T> | null | undefined;
    if (seg.kind === "literal") {
      child = node.literals.get(seg.value);
      if (!child) node.literals.set(seg.value, (child = trieNode()));
    } else {
      child = node.param ??= trieNode();
    }
    node = child;
    node.minRank = Math.min(node.minRank, rank);
  }
  return (node.exact ??= create());
}

/** Same split as `matchPath`: no leading empty segment, a trailing slash is not a segment. */
export function splitPath(path: string): string[] {
  const parts = path.split("/");
  parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

export interface TrieVisitor<T> {
  /** The rank a subtree must beat to be worth visiting (Infinity: visit everything). */
  bound(): number;
  visit(value: T, fixed: number): void;
}

/**
 * Calls `visitor.visit` for every slot whose pattern matches `parts`, with the pattern's number of
 * fixed (non-`*`) segments. A `:param` never takes an empty segment, as in `matchPath`.
 */
export function searchTrie<T>(node: TrieNode<T>, parts: readonly string[], depth: number, visitor: TrieVisitor<T>): void {
  if (node.minRank >= visitor.bound()) return;
  if (node.prefix) visitor.visit(node.prefix, depth);
  if (depth === parts.length) {
    if (node.exact) visitor.visit(node.exact, depth);
    return;
  }
  const part = parts[depth]!;
  const literal = node.literals.get(part);
  if (literal) searchTrie(literal, parts, depth + 1, visitor);
  if (node.param && part !== "") searchTrie(node.param, parts, depth + 1, visitor);
}
