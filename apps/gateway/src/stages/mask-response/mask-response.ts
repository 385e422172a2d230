// Routes with maskResponsePii: the upstream's answer body is masked as it streams (emails, phone
// numbers, SSNs, Luhn-valid card numbers, dates of birth, medical record numbers, tokens and keys
// become [EMAIL], [PHONE]…; safety/response-masking.ts). The upstream is asked for an uncompressed
// answer. Other routes are untouched. Never answers.
import type { Stage } from "../../pipeline/stage.ts";
import { piiMaskingTransform } from "../../safety/response-masking.ts";

export function maskResponse(): Stage {
  return async function maskResponse(ctx, next) {
    if (ctx.match!.route.safety.maskResponsePii) {
      ctx.req.headers["accept-encoding"] = "identity";
      ctx.transformResponse = piiMaskingTransform(ctx.req.method ?? "GET");
    }
    return next();
  };
}
