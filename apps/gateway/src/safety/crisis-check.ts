// For the rate-limit stage: is a request it is about to refuse (429, or 503 when the store is away
// and the policy fails closed) a crisis that the policy lets through? Asked only then, so a
// request under its limit is scanned once, later, by the safety-scan stage (the scan is shared).
import type { Context } from "../pipeline/context.ts";
import type { RequestScanner } from "./request-scan.ts";

export type CrisisCheck = (ctx: Context) => Promise<boolean>;

export function crisisCheck(scanner: RequestScanner): CrisisCheck {
  return async function isCrisis(ctx) {
    if (ctx.match!.route.safety.mode === "off") return false;
    const scanned = await scanner(ctx);
    if (scanned.tooLarge) ctx.res.shouldKeepAlive = false; // refused with the rest of its body unread
    return scanned.result?.escalate === true;
  };
}
