"use client";
// The live side of one service, for operators and admins: its instances on every gateway (static
// and registered) with health, rotation, last check and breakers, and the traffic of the routes
// that reach it. The operations page's model and components, narrowed to this service.
import Link from "next/link";
import { ConnectionStatus } from "../operations/connection-status";
import { InstancesTable } from "../operations/instances-table";
import { TrafficCharts } from "../operations/traffic-charts";
import { useLiveOperations } from "../operations/use-live-operations";
import { useNow } from "../operations/use-now";
import { ErrorNotice } from "../ui/error-notice";
import { serviceTraffic, serviceView } from "./live-filter";

const ignore = () => undefined;

export function ServiceLive({ service }: { service: string }) {
  const now = useNow();
  const live = useLiveOperations();
  const view = serviceView(live.view, service);
  const reported = Object.values(view.gateways).some((g) => Object.keys(g.instances).length > 0);
  return (
    <section className="section service-live" aria-labelledby="service-live-heading" data-testid="service-live">
      <div className="section-head">
        <h2 id="service-live-heading">Live state</h2>
        <ConnectionStatus status={live.status} lastEventAt={live.lastEventAt} now={now} onRetry={live.reconnect} />
      </div>
      <p className="muted">
        What the gateways run, from the published configuration. Breaker controls are on the <Link href="/operations">Operations</Link> page.
      </p>
      {live.loadError ? <ErrorNotice error={live.loadError} title="Could not load the live state." /> : null}
      {!live.loaded ? (
        <p className="muted">Loading…</p>
      ) : reported ? (
        <InstancesTable view={view} now={now} canControl={false} confirming={null} pending={false} onAsk={ignore} onConfirm={ignore} />
      ) : (
        <p className="empty" data-testid="service-live-empty">
          No gateway reports instances of {service} yet. Gateways learn about a service when it is published.
        </p>
      )}
      <TrafficCharts traffic={serviceTraffic(live.traffic, service)} now={now} />
    </section>
  );
}
