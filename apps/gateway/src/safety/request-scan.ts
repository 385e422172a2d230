// Reads a scanning route's request body once (through the body owner, within the route's limit)
// and scans it with the revision's compiled rules: JSON (its string fields) when the content type
// says JSON and it parses, text otherwise. The upstream sends the bytes that were read. The scan is
// started at most once per request (ctx.safetyScan), whichever stage asks first.
import { scan, type SafetyScanResult } from "@tta/safety";
import { requestBody } from "../body/request-body.ts";
import type { RouteContext } from "../pipeline/context.ts";

declare module "../pipeline/context.ts" {
  interface RouteContext {
    /** The scan of the body, started at most once: by the rate limiter's crisis check or the safety-scan stage. */
    safetyScan?: Promise<RequestScan>;
  }
}

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

export type RequestScanner = (ctx: RouteContext) => Promise<RequestScan>;

const NOTHING: RequestScan = Object.freeze({ result: null, input: null, tooLarge: false, gone: false, scanMs: 0 });
const text = new TextDecoder("utf-8"); // not fatal: a bad byte becomes U+FFFD, the rest is still scanned

export function createRequestScanner(): RequestScanner {
  async function run(ctx: RouteContext): Promise<RequestScan> {
    const rules = ctx.config.safetyRules;
    if (!rules) throw new Error("a route scans but its revision has no compiled safety rules");
    const read = await requestBody(ctx).readAll();
    if (read.kind !== "ok") return { ...NOTHING, tooLarge: read.kind === "too-large", gone: read.kind === "gone" };
    const body = read.body;
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
