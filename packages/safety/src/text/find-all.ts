// All matches of a shared global regex in a text, overlapping starts included. The compiled
// regexes are shared objects, so lastIndex is reset before and after.
import type { Span } from "./spans.ts";

export function findAll(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    re.lastIndex = m.index + Math.max(1, m[0].length);
  }
  re.lastIndex = 0;
  return out;
}

export function hasMatch(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const hit = re.test(text);
  re.lastIndex = 0;
  return hit;
}
