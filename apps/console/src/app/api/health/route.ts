// GET /api/health: the console's server answers (the Kubernetes probes and the docker-compose
// health check ask it). It asks nothing of Postgres: a database outage would otherwise restart
// every console at once, and the pages already say when the database is away.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
