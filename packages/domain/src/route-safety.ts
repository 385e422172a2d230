// A route's therapeutic safety policy on top of its scan mode (safetyScan off | monitor | enforce):
// what a crisis gets, which content categories are refused, whether PII may be sent, and whether
// answers are masked. Browser-safe (the console's route form). The category ids are checked
// against the published safety rule set where the rules are known (@tta/safety checkRouteSafety).
import { z } from "zod";

/**
 * "acknowledge": the gateway answers 202 GW_CRISIS_ESCALATED itself, with crisis resources;
 * "forward": the request goes on to the upstream with x-tta-escalation and x-tta-crisis-severity.
 */
export const ZCrisisResponse = z.enum(["acknowledge", "forward"]);
export type TCrisisResponse = z.infer<typeof ZCrisisResponse>;

const ZCategoryId = z.string().trim().regex(/^[a-z][a-z0-9_]{1,47}$/, "a content category id such as violent_threat");

export const routeSafetyFields = {
  crisisResponse: ZCrisisResponse.default("acknowledge"),
  /** Content-safety categories answered 422 GW_CONTENT_UNSAFE on this route (enforce mode). */
  blockedCategories: z
    .array(ZCategoryId)
    .max(32)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, "names a category twice"),
  /** Personal data in a request answers 451 GW_PRIVACY_VIOLATION (enforce mode). */
  forbidPii: z.boolean().default(false),
  /** Response bodies are streamed through the PII masker (emails, phones, cards… become [EMAIL]…). */
  maskResponsePii: z.boolean().default(false),
};
