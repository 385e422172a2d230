// A fixed message rate over a few connections (bench/ws-rate.ts, its own process on the client
// core) to the echo upstream directly, through gateway A on a route without scanning, and on one
// with safetyScan "monitor"; runs of the three interleaved, repeated; latency send → echo, medians
// of the runs; CPU of the gateway per message (warm-up and connection set-up included).
import { cpuUs } from "./cpu.ts";
import type { Pinning, Proc } from "./processes.ts";
import { median, round } from "./stats.ts";
import { metricLines, runJsonScript } from "./ws-probe.ts";
import type { WsServers } from "./ws-servers.ts";
import type { WsBenchSettings } from "./ws-settings.ts";

interface RateRun {
  sent: number;
  received: number;
  lost: number;
  openAtEnd: number;
  closes: Record<string, number>;
  otherFrames: Record<string, number>;
  crisisResourcesBefore: Record<string, number>;
  generatorMaxLateMs: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  gatewayCpuUsPerMessage?: number | null;
}

export async function ratePhase(s: WsBenchSettings, servers: WsServers, pinning: Pinning) {
  const targets: Array<{ id: string; label: string; url: string; gateway: Proc | null }> = [
    { id: "direct", label: "client → echo upstream", url: `${servers.urls.echoWs}/echo`, gateway: null },
    { id: "gateway", label: "through gateway A, route without scanning", url: `${servers.a.ws}/wsplain/echo`, gateway: servers.a.proc },
    { id: "gatewayScan", label: 'through gateway A, route with safetyScan "monitor"', url: `${servers.a.ws}/wsscan/echo`, gateway: servers.a.proc },
  ];
  const runs: Record<string, RateRun[]> = Object.fromEntries(targets.map((t) => [t.id, []]));
  for (let r = 0; r < s.repeats; r++) {
    for (const t of targets) {
      const before = t.gateway ? cpuUs(t.gateway.pid) : 0;
      const run = await runJsonScript<RateRun>("ws rate", "bench/ws-rate.ts", [t.url, String(s.rateConnections), String(s.rate), String(s.seconds)], { core: pinning.clientCore }, (s.seconds + 60) * 1000);
      if (t.gateway) run.gatewayCpuUsPerMessage = round((cpuUs(t.gateway.pid) - before) / (run.sent + s.rate), 1);
      runs[t.id]!.push(run);
      console.log(`rate ${t.id} ${r + 1}/${s.repeats}: ${run.received}/${run.sent} echoed, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms${run.gatewayCpuUsPerMessage ? `, gateway ${run.gatewayCpuUsPerMessage} µs CPU/message` : ""}`);
    }
  }
  const points = targets.map((t) => {
    const rs = runs[t.id]!;
    const m = (key: "p50Ms" | "p90Ms" | "p99Ms" | "maxMs" | "gatewayCpuUsPerMessage") => round(median(rs.map((x) => x[key] ?? NaN)), 2);
    return {
      id: t.id,
      label: t.label,
      url: t.url,
      median: { p50Ms: m("p50Ms"), p90Ms: m("p90Ms"), p99Ms: m("p99Ms"), maxMs: m("maxMs"), gatewayCpuUsPerMessage: t.gateway ? m("gatewayCpuUsPerMessage") : null },
      sent: rs.reduce((a, x) => a + x.sent, 0),
      lost: rs.reduce((a, x) => a + x.lost, 0),
      runs: rs,
    };
  });
  const p99 = (id: string) => points.find((p) => p.id === id)!.median.p99Ms;
  const added = (id: string) => (p99(id) === null || p99("direct") === null ? null : round(p99(id)! - p99("direct")!, 2));
  // The same difference within each repeat (its runs are next to each other), and whether the load
  // generator itself fell behind its schedule (the client core was busy: latencies not to be trusted).
  const perRepeat = Array.from({ length: s.repeats }, (_, r) => {
    const at = (id: string) => runs[id]![r]!;
    const diff = (id: string) => (at(id).p99Ms === null || at("direct").p99Ms === null ? null : round(at(id).p99Ms! - at("direct").p99Ms!, 2));
    return { gateway: diff("gateway"), gatewayScan: diff("gatewayScan"), generatorMaxLateMs: Math.max(...targets.map((t) => at(t.id).generatorMaxLateMs)) };
  });
  return {
    connections: s.rateConnections,
    rate: s.rate,
    seconds: s.seconds,
    repeats: s.repeats,
    points,
    addedP99Ms: { gateway: added("gateway"), gatewayScan: added("gatewayScan") },
    addedP99MsPerRepeat: perRepeat,
    undisturbedRepeats: perRepeat.filter((r) => r.generatorMaxLateMs <= 5).length,
    targetAddedP99Ms: 5,
    targetMet: added("gateway") !== null && added("gateway")! <= 5 && points.every((p) => p.lost === 0),
    scanMetrics: {
      ...(await metricLines(servers.a.admin, "tta_gateway_safety_scans_total", 'route="ws-scan"')),
      ...(await metricLines(servers.a.admin, "tta_gateway_crisis_second_stage_total")),
      ...(await metricLines(servers.a.admin, "tta_gateway_crisis_second_stage_seconds_sum")),
      ...(await metricLines(servers.a.admin, "tta_gateway_crisis_second_stage_seconds_count")),
    },
  };
}
