// Which routes send traffic to a service and which services depend on it: while any do, the service
// cannot be deleted, and they change with it at the next publish.

function Names({ names }: { names: string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <span key={name}>
          {i ? ", " : null}
          <code>{name}</code>
        </span>
      ))}
    </>
  );
}

export function ServiceUsedBy({ routes, dependents }: { routes: string[]; dependents: string[] }) {
  return (
    <p className="muted" data-testid="service-used-by">
      {routes.length ? (
        <>
          Used by {routes.length === 1 ? "route" : "routes"} <Names names={routes} />.
        </>
      ) : (
        "No route uses this service."
      )}
      {dependents.length ? (
        <>
          {" "}
          A dependency of <Names names={dependents} />.
        </>
      ) : null}
    </p>
  );
}
