// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per area (node's HTTP
// stack, streams, events, http-proxy-middleware/httpxy, the gateway's own code, GC, idle), so that
// a before/after pair shows where a change moved the cost. Paths are shortened to the package or
// the repository-relative file.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  areas: { area: string; ms: number; share: number }[];
  functions: { name: string; where: string; ms: number; share: number }[];
}

function where(url: string, line: number): string {
  if (!url) return "";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + 13).replace(/\/dist\/.*|\/lib\/.*/, "");
  const src = url.indexOf("/apps/");
  if (src >= 0) return `${url.slice(src + 1)}:${line + 1}`;
  return url.replace(/^node:/, "node:") + (url.startsWith("node:") ? "" : `:${line + 1}`);
}

export function areaOf(url: string, name: string): string {
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(idle)") return "idle";
  if (name === "(program)") return "native / program";
  if (/node_modules\/(http-proxy-middleware|httpxy)/.test(url)) return "http-proxy-middleware + httpxy";
  if (/node_modules\/pino|node_modules\/prom-client/.test(url)) return "pino / prom-client";
  if (/node_modules\//.test(url)) return "other packages";
  if (/\/apps\/gateway\//.test(url)) return "gateway code";
  if (/\/packages\//.test(url)) return "workspace packages";
  if (/^node:(_http|http)/.test(url)) return "node http";
  if (/^node:(internal\/)?streams?|^node:stream/.test(url)) return "node streams";
  if (/^node:events|internal\/event_target|internal\/abort_controller/.test(url)) return "node events / abort";
  if (/^node:(net|internal\/net|internal\/stream_base_commons|_tls)/.test(url)) return "node net";
  if (/^node:/.test(url)) return "node other";
  return url ? "other" : "native / builtins";
}

export function summariseProfile(path: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; us: number }>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || "(anonymous)";
    totalUs += us;
    if (name === "(idle)") idleUs += us;
    const area = areaOf(url, name);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const key = `${name}@${url}:${lineNumber}`;
    const entry = functions.get(key) ?? { name, where: where(url, lineNumber), us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const busyUs = totalUs - idleUs;
  const share = (us: number) => +(us / busyUs).toFixed(4);
  return {
    totalMs: +(totalUs / 1000).toFixed(1),
    busyMs: +(busyUs / 1000).toFixed(1),
    areas: [...areas].filter(([a]) => a !== "idle").sort((a, b) => b[1] - a[1]).map(([area, us]) => ({ area, ms: +(us / 1000).toFixed(1), share: share(us) })),
    functions: [...functions.values()].filter((f) => f.name !== "(idle)").sort((a, b) => b.us - a.us).slice(0, top).map((f) => ({ name: f.name, where: f.where, ms: +(f.us / 1000).toFixed(1), share: share(f.us) })),
  };
}

export function profileMarkdown(title: string, summary: ProfileSummary, requests: number): string {
  const pct = (s: number) => `${(s * 100).toFixed(1)} %`;
  const lines = [`## ${title}`, "", `${requests.toLocaleString("en")} requests; busy ${summary.busyMs} ms of ${summary.totalMs} ms sampled (${((summary.busyMs * 1000) / Math.max(1, requests)).toFixed(0)} µs busy per request, profiler overhead included)`, "", "| area | self ms | share of busy |", "|---|---:|---:|"];
  for (const a of summary.areas) lines.push(`| ${a.area} | ${a.ms} | ${pct(a.share)} |`);
  lines.push("", "| function | where | self ms | share |", "|---|---|---:|---:|");
  for (const f of summary.functions) lines.push(`| \`${f.name}\` | ${f.where} | ${f.ms} | ${pct(f.share)} |`);
  return lines.join("\n") + "\n";
}
