// Policies between their snapshot shape (packages/domain) and their table rows, in one place so
// that snapshot reading, restore and the console's editing agree column by column.
import type { TAuthPolicy, TRateLimitPolicy } from "@tta/domain";
import type { AuthPolicy, RateLimitPolicy } from "../generated/prisma/client.ts";

/** The columns that hold a field of the same name (the adaptive fields are flattened). */
const RATE_LIMIT_COLUMNS = ["scope", "limit", "windowSeconds", "burst", "therapeuticMultiplier", "crisisBypass", "crisisAllowance", "crisisWindowSeconds", "failMode", "ipAllowList", "ipBlockList"] as const;
const AUTH_COLUMNS = ["issuer", "audiences", "algorithms", "jwksUrl", "publicKeys", "secretRef", "clockSkewSeconds", "rolesClaim", "permissionsClaim"] as const;

function pick<T, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = from[key];
  return out;
}

export function rateLimitPolicyFromRow(p: RateLimitPolicy) {
  return {
    name: p.name,
    ...pick(p, RATE_LIMIT_COLUMNS),
    adaptive: {
      enabled: p.adaptiveEnabled,
      latencyMsThreshold: p.adaptiveLatencyMsThreshold,
      errorRateThreshold: p.adaptiveErrorRateThreshold,
      minFactor: p.adaptiveMinFactor,
    },
  };
}

/** Every column but id and name. */
export function rateLimitPolicyToRow(p: TRateLimitPolicy) {
  return {
    ...pick(p, RATE_LIMIT_COLUMNS),
    adaptiveEnabled: p.adaptive.enabled,
    adaptiveLatencyMsThreshold: p.adaptive.latencyMsThreshold,
    adaptiveErrorRateThreshold: p.adaptive.errorRateThreshold,
    adaptiveMinFactor: p.adaptive.minFactor,
  };
}

export function authPolicyFromRow(p: AuthPolicy) {
  return { name: p.name, ...pick(p, AUTH_COLUMNS) };
}

/** Every column but id and name. */
export function authPolicyToRow(p: TAuthPolicy) {
  return pick(p, AUTH_COLUMNS);
}
