// The routes table's summaries of a route's policies, one short phrase per column.
import type { TRouteRecord } from "@tta/domain/browser";

const Off = ({ text = "off" }: { text?: string }) => <span className="muted">{text}</span>;

export function AuthCell({ route }: { route: TRouteRecord }) {
  if (route.auth === "public") return <Off text="public" />;
  return (
    <>
      {route.auth}
      {route.authPolicy ? <span className="cell-sub">{route.authPolicy}</span> : null}
    </>
  );
}

export function RateLimitCell({ route }: { route: TRouteRecord }) {
  return route.rateLimitPolicy ? <>{route.rateLimitPolicy}</> : <Off text="none" />;
}

export function SafetyCell({ route }: { route: TRouteRecord }) {
  if (route.safetyScan === "off") return <Off />;
  return (
    <>
      {route.safetyScan}
      {route.blockedCategories.length ? <span className="cell-sub">{route.blockedCategories.length} blocked</span> : null}
    </>
  );
}

export function WebsocketCell({ route }: { route: TRouteRecord }) {
  if (!route.websocket) return <Off text="no" />;
  return (
    <>
      yes
      {route.websocketPolicy ? <span className="cell-sub">own limits</span> : null}
    </>
  );
}

export function KindCell({ route }: { route: TRouteRecord }) {
  if (route.kind === "proxy") return <Off text="proxy" />;
  const n = route.aggregate?.parts.length ?? 0;
  return (
    <>
      aggregate
      <span className="cell-sub">{n === 1 ? "1 part" : `${n} parts`}</span>
    </>
  );
}

/** The services a route sends to: its own, or those its parts call (an aggregation route). */
export function routeServices(route: Pick<TRouteRecord, "service" | "aggregate">): string[] {
  return route.aggregate ? [...new Set(route.aggregate.parts.map((p) => p.service))] : [route.service];
}

/** What a route matches and where it sends it, in one cell: the table stays narrow enough for its actions. */
export function MatchCell({ route }: { route: TRouteRecord }) {
  return (
    <>
      <code>{route.path}</code> <span aria-hidden="true">→</span>
      <span className="visually-hidden"> to </span>{" "}
      {routeServices(route).map((service, i) => (
        <span key={service}>
          {i > 0 ? " " : null}
          <span className="service-tag">{service}</span>
        </span>
      ))}
      <span className="cell-sub">
        {route.methods.length ? route.methods.join(", ") : "all methods"}
        {route.host ? ` · ${route.host}` : ""}
        {route.rewrite ? (
          <>
            {" · sent as "}
            <code>{route.rewrite}</code>
          </>
        ) : null}
      </span>
    </>
  );
}
