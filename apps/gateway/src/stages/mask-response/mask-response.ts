// Routes with maskResponsePii: the upstream's answer body is masked as it streams (emails, phone
// numbers, SSNs, Luhn-valid card numbers, dates of birth, medical record numbers, tokens and keys
// become [EMAIL], [PHONE]…; safety/response-masking.ts). The upstream is asked for an uncompressed
// answer. Only in the chain of routes with maskResponsePii. Never answers.
import type { RouteStage } from "../../pipeline/stage.ts";
import type { ResponseTransform } from "../../upstream/response-transform.ts";

declare module "../../pipeline/context.ts" {
  interface RouteContext {
    /** Applied by the upstream exchange to the answer's body (PII masking). */
    transformResponse?: ResponseTransform;
  }
}
import { piiMaskingTransform } from "../../safety/response-masking.ts";

export function maskResponse(): RouteStage {
  return async function maskResponse(ctx, next) {
    ctx.req.headers["accept-encoding"] = "identity";
    ctx.transformResponse = piiMaskingTransform(ctx.req.method ?? "GET");
    return next();
  };
}
