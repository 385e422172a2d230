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

/** What a route matches and where it sends it, in one cell: the table stays narrow enough for its actions. */
export function MatchCell({ route }: { route: TRouteRecord }) {
  return (
    <>
      <code>{route.path}</code> <span aria-hidden="true">→</span>
      <span className="visually-hidden"> to </span> <span className="service-tag">{route.service}</span>
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
