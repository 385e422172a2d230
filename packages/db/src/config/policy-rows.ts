// Policies between their snapshot shape (packages/domain) and their table rows, in one place so
// that snapshot reading, restore and the console's editing agree column by column.
import type { TAuthPolicy, TRateLimitPolicy } from "@tta/domain";
import type { AuthPolicy, RateLimitPolicy } from "../generated/prisma/client.ts";

export function rateLimitPolicyFromRow(p: RateLimitPolicy) {
  return {
    name: p.name,
    scope: p.scope,
    limit: p.limit,
    windowSeconds: p.windowSeconds,
    burst: p.burst,
    therapeuticMultiplier: p.therapeuticMultiplier,
    crisisBypass: p.crisisBypass,
    failMode: p.failMode,
    ipAllowList: p.ipAllowList,
    ipBlockList: p.ipBlockList,
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
    scope: p.scope,
    limit: p.limit,
    windowSeconds: p.windowSeconds,
    burst: p.burst,
    therapeuticMultiplier: p.therapeuticMultiplier,
    crisisBypass: p.crisisBypass,
    failMode: p.failMode,
    ipAllowList: p.ipAllowList,
    ipBlockList: p.ipBlockList,
    adaptiveEnabled: p.adaptive.enabled,
    adaptiveLatencyMsThreshold: p.adaptive.latencyMsThreshold,
    adaptiveErrorRateThreshold: p.adaptive.errorRateThreshold,
    adaptiveMinFactor: p.adaptive.minFactor,
  };
}

export function authPolicyFromRow(p: AuthPolicy) {
  return {
    name: p.name,
    issuer: p.issuer,
    audiences: p.audiences,
    algorithms: p.algorithms,
    jwksUrl: p.jwksUrl,
    publicKeys: p.publicKeys,
    secretRef: p.secretRef,
    clockSkewSeconds: p.clockSkewSeconds,
    rolesClaim: p.rolesClaim,
    permissionsClaim: p.permissionsClaim,
  };
}

/** Every column but id and name. */
export function authPolicyToRow(p: TAuthPolicy) {
  return {
    issuer: p.issuer,
    audiences: p.audiences,
    algorithms: p.algorithms,
    jwksUrl: p.jwksUrl,
    publicKeys: p.publicKeys,
    secretRef: p.secretRef,
    clockSkewSeconds: p.clockSkewSeconds,
    rolesClaim: p.rolesClaim,
    permissionsClaim: p.permissionsClaim,
  };
}
