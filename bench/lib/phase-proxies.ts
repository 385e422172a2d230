// Direct, bare proxy, gateway public route, gateway JWT + limiter route: at N connections and at a
// fixed rate, runs interleaved (one of each in turn, N times) so drift in the machine's load hits
// every target alike. Then the gateway's ratios to the bare proxy.
import { pickGenerator, type LoadSpec } from "./load.ts";
import { measureOnce, summarise, type Point, type Run } from "./measure.ts";
import type { Pinning } from "./processes.ts";
import type { Servers } from "./servers.ts";
import type { Settings } from "./settings.ts";
import { ratio, round } from "./stats.ts";

interface Target {
  key: "direct" | "bare" | "gatewayPublic" | "gatewayEdge";
  label: string;
  url: string;
  headers?: Record<string, string>;
}

export async function proxyPhase(s: Settings, servers: Servers, pinning: Pinning, wrk: boolean) {
  const targets: Target[] = [
    { key: "direct", label: "direct to the upstream", url: servers.urls.direct },
    { key: "bare", label: "bare http-proxy-middleware", url: servers.urls.bare },
    { key: "gatewayPublic", label: "gateway, public route", url: servers.urls.gatewayPublic },
    { key: "gatewayEdge", label: "gateway, ES256 JWT + Redis limiter", url: servers.urls.gatewayEdge, headers: servers.auth },
  ];
  const watched = [servers.upstream, servers.bare, servers.gateway];
  const launch = { core: pinning.clientCore };
  const modes = [
    { id: "conn", label: `${s.connections} connections`, extra: {} },
    { id: "rate", label: `fixed ${s.rate.toLocaleString("en")} req/s`, extra: { rate: s.rate } },
  ];

  for (const t of targets) {
    const spec: LoadSpec = { url: t.url, connections: 10, seconds: 2, headers: t.headers };
    await measureOnce(spec, pickGenerator(spec, s.loadGenerator, wrk), watched, launch); // warm-up
  }
  const points: Record<string, Point> = {};
  for (const mode of modes) {
    const runs = new Map<string, Run[]>(targets.map((t) => [t.key, []]));
    for (let r = 0; r < s.repeats; r++) {
      for (const t of targets) {
        const spec: LoadSpec = { url: t.url, connections: s.connections, seconds: s.seconds, headers: t.headers, ...mode.extra };
        const run = await measureOnce(spec, pickGenerator(spec, s.loadGenerator, wrk), watched, launch);
        runs.get(t.key)!.push(run);
        console.log(`${mode.label}, ${t.label}, run ${r + 1}/${s.repeats}: ${run.rps} req/s, p99 ${run.p99Ms} ms, ${JSON.stringify(run.cpuUsPerRequest)}`);
      }
    }
    for (const t of targets) {
      const spec: LoadSpec = { url: t.url, connections: s.connections, seconds: s.seconds, ...mode.extra };
      points[`${t.key}@${mode.id}`] = summarise(`${t.key}@${mode.id}`, `${t.label}, ${mode.label}`, spec, pickGenerator(spec, s.loadGenerator, wrk), runs.get(t.key)!);
    }
  }
  return { points, ratios: ratios(points) };
}

/** The proxy process's own CPU per request: the bare proxy's for its runs, the gateway's for its. */
const proxyCpu = (p: Point | undefined, process: "bare proxy" | "gateway") => p?.median.cpuUsPerRequest[process] ?? null;

function ratios(points: Record<string, Point>) {
  const out: Record<string, unknown> = {};
  for (const route of ["gatewayPublic", "gatewayEdge"] as const) {
    const [g, b, gr, br] = [points[`${route}@conn`], points["bare@conn"], points[`${route}@rate`], points["bare@rate"]];
    out[route] = {
      cpuPerRequest: ratio(proxyCpu(g, "gateway"), proxyCpu(b, "bare proxy")),
      cpuPerRequestAtRate: ratio(proxyCpu(gr, "gateway"), proxyCpu(br, "bare proxy")),
      throughput: ratio(g?.median.rps, b?.median.rps),
      p99: ratio(g?.median.p99Ms, b?.median.p99Ms),
      p99AtRate: ratio(gr?.median.p99Ms, br?.median.p99Ms),
      p99AtRateAddedMs: gr?.median.p99Ms != null && br?.median.p99Ms != null ? round(gr.median.p99Ms - br.median.p99Ms, 2) : null,
    };
  }
  return out as Record<"gatewayPublic" | "gatewayEdge", { cpuPerRequest: number | null; cpuPerRequestAtRate: number | null; throughput: number | null; p99: number | null; p99AtRate: number | null; p99AtRateAddedMs: number | null }>;
}
