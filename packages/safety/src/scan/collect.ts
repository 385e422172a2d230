// The strings of a JSON value, with their paths, within bounds: a body nested 10,000 deep or
// holding a million strings costs no more than the limits allow, and says it was cut.

export type PathPart = string | number;

export interface CollectedString {
  text: string;
  path: readonly PathPart[];
  /** A number turned into text: looked at for PII only. */
  numeric: boolean;
}

export interface CollectLimits {
  maxDepth: number;
  maxStrings: number;
  maxChars: number;
  maxStringChars: number;
}

export interface Collected {
  items: CollectedString[];
  chars: number;
  truncated: boolean;
}

export function collectStrings(value: unknown, limits: CollectLimits): Collected {
  const items: CollectedString[] = [];
  let chars = 0;
  let truncated = false;
  const path: PathPart[] = [];
  // Numbers, booleans and empty containers cost a visit too: a body of a million of them stops here.
  let visits = limits.maxStrings * 16;

  const take = (text: string, numeric: boolean): boolean => {
    if (items.length >= limits.maxStrings || chars >= limits.maxChars) {
      truncated = true;
      return false;
    }
    const room = Math.min(limits.maxStringChars, limits.maxChars - chars);
    if (text.length > room) truncated = true;
    const kept = text.length > room ? text.slice(0, room) : text;
    chars += kept.length;
    items.push({ text: kept, path: path.slice(), numeric });
    return true;
  };

  const walk = (node: unknown, depth: number): boolean => {
    if (--visits < 0) {
      truncated = true;
      return false;
    }
    if (typeof node === "string") return take(node, false);
    if (typeof node === "number") return Number.isInteger(node) && Math.abs(node) >= 1e8 ? take(String(node), true) : true;
    if (node === null || typeof node !== "object") return true;
    if (depth >= limits.maxDepth) {
      truncated = true;
      return true;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        const more = walk(node[i], depth + 1);
        path.pop();
        if (!more) return false;
      }
      return true;
    }
    for (const key of Object.keys(node)) {
      path.push(key);
      const more = walk((node as Record<string, unknown>)[key], depth + 1);
      path.pop();
      if (!more) return false;
    }
    return true;
  };

  walk(value, 0);
  return { items, chars, truncated };
}

/** `$`, `$.messages[2].content`, `$["odd key"]`. */
export function formatPath(path: readonly PathPart[]): string {
  let out = "$";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return out;
}
