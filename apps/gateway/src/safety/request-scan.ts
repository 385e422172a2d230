// Reads a scanning route's request body once (through the body owner, within the route's limit),
// decoded for scanning (body/decode.ts: content encoding, charset, JSON under any content type,
// broken JSON, forms), and scans all of it with the revision's compiled rules (scan-items.ts: in
// pieces, nothing cut off), together with the query string's values. The upstream sends the bytes
// as they came. What cannot be decoded, or a scan that still reports a cut, is `unscannable`: the
// verdict refuses it on enforce and records it for review on monitor. The scan is started at most
// once per request (ctx.safetyScan), whichever stage asks first. The crisis classifier (built once
// at start, gateway.ts) scores every string alongside the rules.
import type { CrisisClassifier, SafetyScanResult } from "@tta/safety";
import type { UnscannableReason } from "../body/decode.ts";
import { formFields, queryOf } from "../body/form.ts";
import { requestBody } from "../body/request-body.ts";
import type { RouteContext } from "../pipeline/context.ts";
import { flatten, scanItems } from "./scan-items.ts";

declare module "../pipeline/context.ts" {
  interface RouteContext {
    /** The scan of the body, started at most once: by the rate limiter's crisis check or the safety-scan stage. */
    safetyScan?: Promise<RequestScan>;
  }
}

export interface Unscannable {
  reason: UnscannableReason;
  /** For the player: what was wrong and how to send it instead. */
  message: string;
}

export interface RequestScan {
  /** null: nothing to scan (no body, no query values), or the body could not be had (see the flags). */
  result: SafetyScanResult | null;
  /**
   * What was scanned, the root of the signals' paths (excerpts are cut from it): the body's value
   * (parsed JSON, the text, a form's fields), or `{ body, query }` when the query string had values.
   */
  input: unknown;
  /** Over the route's body limit: the request is answered 413 and never forwarded. */
  tooLarge: boolean;
  /** The client went away while sending it. */
  gone: boolean;
  /** Some or all of the body could not be scanned (and why); what could be is in `result`. */
  unscannable?: Unscannable | null;
  /** CPU time of decoding and scanning, in ms. */
  scanMs: number;
}

export type RequestScanner = (ctx: RouteContext) => Promise<RequestScan>;

const NOTHING: RequestScan = Object.freeze({ result: null, input: null, tooLarge: false, gone: false, unscannable: null, scanMs: 0 });
const TRUNCATED: Unscannable = Object.freeze({ reason: "truncated", message: "Part of the request body could not be checked here; send a shorter message." });

export interface RequestScannerOptions {
  /** Rules + this classifier, combined; null: rules alone. */
  classifier?: CrisisClassifier | null;
}

export function createRequestScanner(options: RequestScannerOptions = {}): RequestScanner {
  const classifier = options.classifier ?? null;
  async function run(ctx: RouteContext): Promise<RequestScan> {
    const rules = ctx.config.safetyRules;
    if (!rules) throw new Error("a route scans but its revision has no compiled safety rules");
    const owner = requestBody(ctx);
    await owner.readAll(); // the wait for the bytes is not the scan's time
    const started = performance.now();
    const decoded = await owner.decoded();
    if (decoded.kind === "too-large" || decoded.kind === "gone") return { ...NOTHING, tooLarge: decoded.kind === "too-large", gone: decoded.kind === "gone" };
    const decodeMs = performance.now() - started;
    const cannot = decoded.kind === "unscannable" ? decoded : decoded.partial;
    const unscannable = cannot ? { reason: cannot.reason, message: cannot.message } : null;
    const body = decoded.kind === "ok" && decoded.shape !== "empty" ? decoded.value : undefined;
    const query = queryOf(ctx.req.url);
    const input = query === "" ? body : { body, query: formFields(query) };
    if (input === undefined) return unscannable ? { ...NOTHING, unscannable, scanMs: decodeMs } : NOTHING;
    const scanned = await scanItems(flatten(input), rules, { classifier, signal: classifier && classifier.name !== "builtin" ? ctx.signal : undefined });
    return {
      result: scanned.result,
      input,
      tooLarge: false,
      gone: false,
      unscannable: unscannable ?? (scanned.result.truncated ? TRUNCATED : null),
      scanMs: decodeMs + scanned.scanMs,
    };
  }
  return (ctx) => (ctx.safetyScan ??= run(ctx));
}
