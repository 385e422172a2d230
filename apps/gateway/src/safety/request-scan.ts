// Reads a scanning route's request body once, within the route's body limit, and scans it with
// the revision's compiled rules: JSON (its string fields) when the content type says JSON and it
// parses, text otherwise. The body is kept in ctx.body, so the upstream sends what was read. The
// scan is started at most once per request (ctx.safetyScan), whichever stage asks first.
import { scan, type SafetyScanResult } from "@tta/safety";
import type { Context } from "../pipeline/context.ts";
import { readLimited } from "../stages/body-limits/read-limited.ts";

export interface RequestScan {
  /** null: nothing to scan (no body), or the body could not be had (see the flags). */
  result: SafetyScanResult | null;
  /** What was scanned: the parsed JSON value or the text (excerpts are cut from it). */
  input: unknown;
  /** Over the route's body limit: the request is answered 413 and never forwarded. */
  tooLarge: boolean;
  /** The client went away while sending it. */
  gone: boolean;
  /** CPU time of parsing and scanning, in ms. */
  scanMs: number;
}

export type RequestScanner = (ctx: Context) => Promise<RequestScan>;

const NOTHING: RequestScan = Object.freeze({ result: null, input: null, tooLarge: false, gone: false, scanMs: 0 });
const text = new TextDecoder("utf-8"); // not fatal: a bad byte becomes U+FFFD, the rest is still scanned

export function createRequestScanner(options: { defaultMaxBytes: number }): RequestScanner {
  async function run(ctx: Context): Promise<RequestScan> {
    const { route } = ctx.match!;
    const rules = ctx.config!.safetyRules;
    if (!rules) throw new Error("a route scans but its revision has no compiled safety rules");
    let body = ctx.body;
    if (!body) {
      const { headers } = ctx.req;
      const declared = headers["content-length"] === undefined ? null : Number(headers["content-length"]);
      if (headers["transfer-encoding"] === undefined && !declared) return NOTHING;
      const maxBytes = route.edge.maxBodyBytes ?? options.defaultMaxBytes;
      if (declared !== null && declared > maxBytes) return { ...NOTHING, tooLarge: true };
      const read = await readLimited(ctx.req, maxBytes);
      if (read.kind !== "ok") return { ...NOTHING, tooLarge: read.kind === "too-large", gone: read.kind === "gone" };
      body = ctx.body = read.body;
    }
    if (body.length === 0) return NOTHING;
    const started = performance.now();
    const input = parse(text.decode(body), String(ctx.req.headers["content-type"] ?? ""));
    const result = scan(input, rules);
    return { result, input, tooLarge: false, gone: false, scanMs: performance.now() - started };
  }
  return (ctx) => (ctx.safetyScan ??= run(ctx));
}

function parse(body: string, contentType: string): unknown {
  if (!/json/i.test(contentType)) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body; // not JSON after all: its words are still scanned
  }
}
