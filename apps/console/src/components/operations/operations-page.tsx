"use client";
// The operations view: gateway instances, services and instances with health and breakers (with
// the operator's breaker controls), traffic charts and the cache's hit ratio (with admins' purge),
// all kept live (use-live-operations.ts).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { TBreakerCommandResult } from "@tta/domain/browser";
import { useTRPC } from "@/trpc/react";
import { useCurrentUser } from "../current-user";
import { ErrorNotice } from "../ui/error-notice";
import { ACTION_LABEL, type Confirming } from "./breaker-actions";
import { CacheHitChart } from "./cache-hit-chart";
import { CachePurgePanel } from "./cache-purge-panel";
import { ConnectionStatus } from "./connection-status";
import { GatewaysTable } from "./gateways-table";
import { InstancesTable } from "./instances-table";
import { TrafficCharts } from "./traffic-charts";
import { useLiveOperations } from "./use-live-operations";
import { useNow } from "./use-now";

function NotAllowed({ roles }: { roles: readonly string[] }) {
  return (
    <>
      <h1>Operations</h1>
      <div className="notice notice-error" role="alert" data-testid="operations-not-allowed">
        <strong>Not allowed.</strong> The operations view is for operators and admins; you are signed in as {roles.join(", ") || "no role"}. Ask an admin
        for the operator role if you need it.
      </div>
    </>
  );
}

function resultText(c: Confirming, r: TBreakerCommandResult): string {
  const gateways = (n: number) => (n === 1 ? "1 gateway" : `${n} gateways`);
  const base = `${ACTION_LABEL[c.action]} ${c.service} ${c.instance}: applied on ${gateways(r.applied)}`;
  return r.reached > r.applied ? `${base} (${r.reached} reached).` : `${base}.`;
}

export function OperationsPage() {
  const { user } = useCurrentUser();
  const allowed = user.roles.includes("admin") || user.roles.includes("operator");
  if (!allowed) return <NotAllowed roles={user.roles} />;
  return <LiveOperations />;
}

function LiveOperations() {
  const trpc = useTRPC();
  const { isAdmin } = useCurrentUser();
  const now = useNow();
  const live = useLiveOperations();
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [result, setResult] = useState<{ text: string; none: boolean } | null>(null);
  const force = useMutation(trpc.operations.forceBreaker.mutationOptions());

  function confirm(c: Confirming) {
    setResult(null);
    force.mutate(
      { service: c.service, instance: c.instance, action: c.action },
      {
        onSuccess: (r) => {
          setResult({ text: resultText(c, r), none: r.applied === 0 });
          setConfirming(null);
        },
      },
    );
  }

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Operations</h1>
          <p className="muted">Live state of every gateway: upstream health, circuit breakers and traffic.</p>
        </div>
        <ConnectionStatus status={live.status} lastEventAt={live.lastEventAt} now={now} onRetry={live.reconnect} />
      </div>
      {live.loadError ? <ErrorNotice error={live.loadError} title="Could not load the live state." /> : null}
      {live.status === "error" && live.streamError ? <ErrorNotice error={live.streamError} title="The live stream stopped." /> : null}

      <section className="section section-first" aria-labelledby="gateways-heading">
        <h2 id="gateways-heading">Gateway instances</h2>
        {live.loaded ? <GatewaysTable view={live.view} now={now} /> : <p className="muted">Loading…</p>}
      </section>

      <section className="section" aria-labelledby="instances-heading">
        <h2 id="instances-heading">Services and instances</h2>
        {force.error ? <ErrorNotice error={force.error} title="The breaker command was not sent." /> : null}
        {result ? (
          <p className={result.none ? "notice notice-warning" : "notice notice-success"} role="status" data-testid="breaker-result">
            {result.text}
          </p>
        ) : null}
        {live.loaded ? (
          <InstancesTable
            view={live.view}
            now={now}
            canControl
            confirming={confirming}
            pending={force.isPending}
            onAsk={(c) => {
              force.reset();
              setConfirming(c);
            }}
            onConfirm={confirm}
          />
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>

      <TrafficCharts traffic={live.traffic} now={now} />

      <section className="section" aria-labelledby="cache-heading">
        <h2 id="cache-heading">Cache</h2>
        <CacheHitChart traffic={live.traffic} now={now} />
        {isAdmin ? <CachePurgePanel /> : null}
      </section>
    </>
  );
}
