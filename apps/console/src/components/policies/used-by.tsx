// Which routes use a policy: they change with it at the next publish.

export function UsedBy({ routes }: { routes: string[] }) {
  if (routes.length === 0) {
    return (
      <p className="muted" data-testid="policy-used-by">
        No route uses this policy.
      </p>
    );
  }
  return (
    <p className="muted" data-testid="policy-used-by">
      Used by {routes.length === 1 ? "route" : "routes"}{" "}
      {routes.map((name, i) => (
        <span key={name}>
          {i ? ", " : null}
          <code>{name}</code>
        </span>
      ))}
      . Changes apply to {routes.length === 1 ? "it" : "them"} at the next publish.
    </p>
  );
}
