// The rate-limit policy form's state (strings, as inputs hold them), its conversions to and from
// the API's policy shape, and where each error path shows on the form.
import { toFieldErrors, ZRateLimitPolicy, type FieldError, type TRateLimitPolicy, type TRateLimitPolicyInput } from "@tta/domain/browser";
import { groupFieldErrors } from "../ui/api-errors";
import { entryMessage, listOf, num } from "./form-text";

export interface RateLimitFormState {
  name: string;
  scope: TRateLimitPolicy["scope"];
  limit: string;
  windowSeconds: string;
  burst: string;
  therapeuticMultiplier: string;
  crisisBypass: boolean;
  crisisAllowance: string;
  crisisWindowSeconds: string;
  failMode: TRateLimitPolicy["failMode"];
  ipAllowList: string;
  ipBlockList: string;
  adaptiveEnabled: boolean;
  adaptiveLatencyMsThreshold: string;
  adaptiveErrorRateThreshold: string;
  adaptiveMinFactor: string;
}

export type RateLimitField = keyof RateLimitFormState;
export type RateLimitErrors = Partial<Record<RateLimitField | "form", string>>;

export const EMPTY_RATE_LIMIT: RateLimitFormState = {
  name: "",
  scope: "user",
  limit: "",
  windowSeconds: "60",
  burst: "0",
  therapeuticMultiplier: "1.5",
  crisisBypass: true,
  crisisAllowance: "5",
  crisisWindowSeconds: "600",
  failMode: "open",
  ipAllowList: "",
  ipBlockList: "",
  adaptiveEnabled: false,
  adaptiveLatencyMsThreshold: "1000",
  adaptiveErrorRateThreshold: "0.2",
  adaptiveMinFactor: "0.25",
};

export function toRateLimitFormState(p: TRateLimitPolicy): RateLimitFormState {
  return {
    name: p.name,
    scope: p.scope,
    limit: String(p.limit),
    windowSeconds: String(p.windowSeconds),
    burst: String(p.burst),
    therapeuticMultiplier: String(p.therapeuticMultiplier),
    crisisBypass: p.crisisBypass,
    crisisAllowance: String(p.crisisAllowance),
    crisisWindowSeconds: String(p.crisisWindowSeconds),
    failMode: p.failMode,
    ipAllowList: p.ipAllowList.join("\n"),
    ipBlockList: p.ipBlockList.join("\n"),
    adaptiveEnabled: p.adaptive.enabled,
    adaptiveLatencyMsThreshold: String(p.adaptive.latencyMsThreshold),
    adaptiveErrorRateThreshold: String(p.adaptive.errorRateThreshold),
    adaptiveMinFactor: String(p.adaptive.minFactor),
  };
}

export function toRateLimitInput(s: RateLimitFormState): TRateLimitPolicyInput {
  return {
    name: s.name,
    scope: s.scope,
    limit: num(s.limit) as number,
    windowSeconds: num(s.windowSeconds) as number,
    burst: num(s.burst),
    therapeuticMultiplier: num(s.therapeuticMultiplier),
    crisisBypass: s.crisisBypass,
    crisisAllowance: num(s.crisisAllowance),
    crisisWindowSeconds: num(s.crisisWindowSeconds),
    failMode: s.failMode,
    ipAllowList: listOf(s.ipAllowList),
    ipBlockList: listOf(s.ipBlockList),
    adaptive: {
      enabled: s.adaptiveEnabled,
      latencyMsThreshold: num(s.adaptiveLatencyMsThreshold),
      errorRateThreshold: num(s.adaptiveErrorRateThreshold),
      minFactor: num(s.adaptiveMinFactor),
    },
  };
}

const ADAPTIVE: Record<string, RateLimitField> = {
  enabled: "adaptiveEnabled",
  latencyMsThreshold: "adaptiveLatencyMsThreshold",
  errorRateThreshold: "adaptiveErrorRateThreshold",
  minFactor: "adaptiveMinFactor",
};

/** "adaptive.minFactor" -> adaptiveMinFactor, "ipAllowList.2" -> ipAllowList, unknown -> form. */
export function rateLimitFieldOf(path: string): RateLimitField | "form" {
  const [head = "", sub = ""] = path.split(".");
  if (head === "adaptive") return ADAPTIVE[sub] ?? "form";
  return head in EMPTY_RATE_LIMIT && !head.startsWith("adaptive") ? (head as RateLimitField) : "form";
}

export function rateLimitErrors(errors: FieldError[], s: RateLimitFormState): RateLimitErrors {
  const named = errors.map((e) => {
    const field = rateLimitFieldOf(e.path);
    if (field === "ipAllowList" || field === "ipBlockList") return { ...e, message: entryMessage(listOf(s[field]), e.path, e.message) };
    return e;
  });
  return groupFieldErrors(named, rateLimitFieldOf);
}

/** The checks the server runs first, for feedback without a request. */
export function validateRateLimitLocally(s: RateLimitFormState): RateLimitErrors {
  const parsed = ZRateLimitPolicy.safeParse(toRateLimitInput(s));
  const errors = parsed.success ? {} : rateLimitErrors(toFieldErrors(parsed.error), s);
  if (!s.limit.trim()) errors.limit = "how many requests per window";
  if (!s.windowSeconds.trim()) errors.windowSeconds = "the window, in seconds";
  return errors;
}
