"use client";
// On the route form: what the chosen rate-limit policy gives this route's requests, by its
// service's therapeutic priority (the policy's own page lists every case).
import Link from "next/link";
import type { TRateLimitPolicyRecord, TServiceRecord } from "@tta/domain/browser";
import { effectiveLimitRows } from "./effective-limits";
import { EffectiveLimits } from "./effective-limits-view";

export function RouteLimits({ policy, service }: { policy?: TRateLimitPolicyRecord; service?: Pick<TServiceRecord, "name" | "therapeuticPriority"> }) {
  if (!policy) return null;
  const route = service ? { service: service.name, priority: service.therapeuticPriority } : undefined;
  return (
    <div data-testid="route-limits">
      <EffectiveLimits
        rows={effectiveLimitRows(policy, route)}
        caption={service ? `Effective limits on this route (${policy.name}, service ${service.name}: ${service.therapeuticPriority} priority):` : `Effective limits of ${policy.name} (choose a service to narrow them):`}
      />
      <p className="hint">
        <Link href={`/policies/rate-limit/${encodeURIComponent(policy.id)}`}>Edit {policy.name}</Link>
      </p>
    </div>
  );
}
