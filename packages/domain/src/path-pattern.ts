// Route path patterns: literal segments, `:param` segments and a final `*` (prefix match).
// `/players/:id/*` matches `/players/42`, `/players/42/inventory/3`. Rewrites reuse the captures:
// `/v2/player/:id/*`. One parser serves the console's validation and the gateway's compiler.

export type Segment =
  | { kind: "literal"; value: string }
  | { kind: "param"; name: string }
  | { kind: "wildcard" };

export interface PathPattern {
  source: string;
  segments: Segment[];
  hasWildcard: boolean;
  paramNames: string[];
}

export type ParseResult = { ok: true; pattern: PathPattern } | { ok: false; message: string };

const LITERAL = /^(?:[A-Za-z0-9._~!$&'()+,;=@-]|%[0-9A-Fa-f]{2})+$/;
const PARAM = /^:([A-Za-z_][A-Za-z0-9_]{0,63})$/;

function splitPath(path: string): string[] {
  const parts = path.split("/").slice(1);
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop(); // trailing slash is not a segment
  return parts;
}

export function parsePattern(source: string): ParseResult {
  if (typeof source !== "string" || !source.startsWith("/")) return { ok: false, message: "must start with /" };
  if (source.length > 512) return { ok: false, message: "must be at most 512 characters" };
  if (source.includes("//")) return { ok: false, message: "must not contain an empty segment (//)" };
  const segments: Segment[] = [];
  const paramNames: string[] = [];
  const parts = splitPath(source);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === "*") {
      if (i !== parts.length - 1) return { ok: false, message: "* is only allowed as the last segment" };
      segments.push({ kind: "wildcard" });
      continue;
    }
    if (part === "." || part === "..") return { ok: false, message: `segment "${part}" is not allowed` };
    const param = PARAM.exec(part);
    if (param) {
      const name = param[1]!;
      if (paramNames.includes(name)) return { ok: false, message: `parameter :${name} appears twice` };
      paramNames.push(name);
      segments.push({ kind: "param", name });
      continue;
    }
    if (!LITERAL.test(part)) return { ok: false, message: `segment "${part}" has characters that are not allowed` };
    segments.push({ kind: "literal", value: part });
  }
  const hasWildcard = segments.at(-1)?.kind === "wildcard";
  return { ok: true, pattern: { source, segments, hasWildcard, paramNames } };
}

export interface PathMatch {
  params: Record<string, string>;
  rest: string; // what the wildcard captured, without a leading slash ("" when none)
}

/** Matches an already normalised path (no query). */
export function matchPath(pattern: PathPattern, path: string): PathMatch | null {
  const parts = splitPath(path);
  const segs = pattern.segments;
  const fixed = pattern.hasWildcard ? segs.length - 1 : segs.length;
  if (pattern.hasWildcard ? parts.length < fixed : parts.length !== fixed) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < fixed; i++) {
    const seg = segs[i]!;
    const part = parts[i]!;
    if (seg.kind === "literal") {
      if (seg.value !== part) return null;
    } else if (seg.kind === "param") {
      if (part === "") return null;
      params[seg.name] = part;
    }
  }
  const rest = pattern.hasWildcard ? parts.slice(fixed).join("/") : "";
  return { params, rest };
}

/** Checks a rewrite template against the pattern it rewrites: every :param and * must be captured. */
export function checkRewrite(pattern: PathPattern, template: string): string | null {
  if (!template.startsWith("/")) return "must start with /";
  if (template.length > 512) return "must be at most 512 characters";
  for (const part of template.split("/").slice(1)) {
    if (part === "*") {
      if (!pattern.hasWildcard) return "uses * but the path has no * to capture";
      continue;
    }
    const param = PARAM.exec(part);
    if (param) {
      if (!pattern.paramNames.includes(param[1]!)) return `uses :${param[1]} which the path does not capture`;
      continue;
    }
    if (part !== "" && !LITERAL.test(part)) return `segment "${part}" has characters that are not allowed`;
  }
  return null;
}

export type Rewriter = (match: PathMatch) => string;

/** Compiles a rewrite template once, so the per-request work is a join. */
export function compileRewrite(template: string): Rewriter {
  const parts = template.split("/").slice(1).map((part) => {
    if (part === "*") return (m: PathMatch) => m.rest;
    const param = PARAM.exec(part);
    if (param) {
      const name = param[1]!;
      return (m: PathMatch) => m.params[name] ?? "";
    }
    return () => part;
  });
  return (m) => {
    let out = "";
    for (const part of parts) {
      const value = part(m);
      if (value !== "" || out === "") out += "/" + value;
    }
    return out.replace(/\/{2,}/g, "/");
  };
}

/** Orders two patterns: negative when `a` is more specific (it should be tried first). */
export function compareSpecificity(a: PathPattern, b: PathPattern): number {
  const rank = (s: Segment | undefined) => (s === undefined ? 0 : s.kind === "literal" ? 3 : s.kind === "param" ? 2 : 1);
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const ra = rank(a.segments[i]);
    const rb = rank(b.segments[i]);
    if (ra !== rb) {
      // A pattern that ended (0) is more specific than one that goes on with a wildcard (1),
      // but less specific than one that goes on with a literal or a param.
      if (ra === 0 && rb === 1) return -1;
      if (rb === 0 && ra === 1) return 1;
      return rb - ra;
    }
  }
  return 0;
}
